// swift-tools-version:6.1
// The PMO workflow system: Swift services that talk only through Kafka topics.
import PackageDescription

/// Every target is built in the Swift 6 language mode (complete concurrency checking) and spells
/// existential types out with `any`.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "pmo",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Kafka", targets: ["Kafka"]),
        .library(name: "PMOModel", targets: ["PMOModel"]),
        .library(name: "ServiceRuntime", targets: ["ServiceRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.0"),
        // OTLP over HTTP only: the gRPC exporter is left out, and with it grpc-swift's build.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // librdkafka (2.2 or newer), found through pkg-config; scripts/bootstrap.sh provides it.
        .systemLibrary(
            name: "CRdKafka",
            path: "Shared/CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        // jemalloc (5.0 or newer), found through pkg-config; scripts/bootstrap.sh provides it. On
        // Linux it replaces glibc's malloc in every service (docs/runtime-throughput.md, "The loop
        // specialised, and jemalloc").
        .systemLibrary(
            name: "CJemalloc",
            path: "Shared/CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        .target(
            name: "Kafka",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Kafka",
            swiftSettings: strictSettings
        ),
        .target(
            name: "PMOModel",
            path: "Shared/PMOModel",
            swiftSettings: strictSettings
        ),
        // The transactional consume-transform-produce runtime every service runs on.
        .target(
            name: "ServiceRuntime",
            dependencies: [
                "Kafka",
                "PMOModel",
                .target(name: "CJemalloc", condition: .when(platforms: [.linux])),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            path: "Shared/ServiceRuntime",
            swiftSettings: strictSettings
        ),
        // A counting service made for the runtime's integration tests and benchmark.
        .executableTarget(
            name: "pmo-test-counter",
            dependencies: ["ServiceRuntime", "PMOModel", "Kafka",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Services/TestCounter",
            swiftSettings: strictSettings
        ),
        // Benchmarks the runtime (scripts/bench.sh runs it on the embedded broker).
        .executableTarget(
            name: "pmo-bench",
            dependencies: ["Kafka", "PMOModel", "ServiceRuntime", "Monitoring",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "Histogram", package: "hdrhistogram-swift")],
            path: "Services/Benchmark",
            swiftSettings: strictSettings
        ),
        // Prints the Swift model's view of events and of the topic catalog for the cross-language
        // contract tests in Tests/SchemaTests.
        .executableTarget(
            name: "pmo-contract-check",
            dependencies: ["PMOModel"],
            path: "Services/ContractCheck",
            swiftSettings: strictSettings
        ),
        // The intake service: its pure domain logic, and the executable that runs it.
        .target(
            name: "Intake",
            dependencies: ["PMOModel", "ServiceRuntime"],
            path: "Services/Intake/Domain",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pmo-intake",
            dependencies: [
                "Intake", "Kafka", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Intake/Executable",
            swiftSettings: strictSettings
        ),
        // The critical path method on a baseline's work packages and links, which the planning
        // review checks plans with and change control measures changes with.
        .target(
            name: "Scheduling",
            dependencies: ["PMOModel"],
            path: "Shared/Scheduling",
            swiftSettings: strictSettings
        ),
        // The planning service's pure domain logic (the plan review's rules).
        .target(
            name: "Planning",
            dependencies: ["PMOModel", "Scheduling", "ServiceRuntime"],
            path: "Services/Planning/Domain",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pmo-planning",
            dependencies: [
                "Planning", "Kafka", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Planning/Executable",
            swiftSettings: strictSettings
        ),
        // The monitoring service's pure domain logic: earned value and schedule, health, alerts,
        // escalations, resource conflicts, the register entry and the portfolio summary.
        .target(
            name: "Monitoring",
            dependencies: ["PMOModel", "ServiceRuntime"],
            path: "Services/Monitoring/Domain",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pmo-monitoring",
            dependencies: [
                "Monitoring", "MonitoringSummary", "Kafka", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Monitoring/Executable",
            swiftSettings: strictSettings
        ),
        // The monitoring service's second stage: reads the portfolio register back and publishes
        // the portfolio summary; the monitoring executable can run it next to its processor.
        .target(
            name: "MonitoringSummary",
            dependencies: [
                "Monitoring", "Kafka", "PMOModel", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Services/Monitoring/Summary",
            swiftSettings: strictSettings
        ),
        // The change control service's pure domain logic: completeness, impact measured against the
        // baseline in force, the PM's cumulative tolerance, CCB votes, deadlines and re-baselines.
        .target(
            name: "Change",
            dependencies: ["PMOModel", "Scheduling", "ServiceRuntime"],
            path: "Services/Change/Domain",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pmo-change",
            dependencies: [
                "Change", "Kafka", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Change/Executable",
            swiftSettings: strictSettings
        ),
        // The HTTP gateway's pure rules: grants, the CloudEvents HTTP modes, the checks, the
        // publication ledger that makes retries idempotent, the per-token rate.
        .target(
            name: "Gateway",
            dependencies: [
                "PMOModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Services/Gateway/Domain",
            swiftSettings: strictSettings
        ),
        // The gateway's HTTP application and its Kafka publishing, and the executable.
        .target(
            name: "GatewayServer",
            dependencies: [
                "Gateway", "Kafka", "PMOModel", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Services/Gateway/Server",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pmo-gateway",
            dependencies: [
                "Gateway", "GatewayServer", "Kafka", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Gateway/Executable",
            swiftSettings: strictSettings
        ),
        // The portfolio dashboard's view: the aggregated topics folded into what its pages show.
        .target(
            name: "Dashboard",
            dependencies: ["PMOModel"],
            path: "Services/Dashboard/Domain",
            swiftSettings: strictSettings
        ),
        // The dashboard's feed from the aggregated topics, its pages (Mustache templates, SVG
        // charts, live updates) and JSON; and the executable.
        .target(
            name: "DashboardServer",
            dependencies: [
                "Dashboard", "Kafka", "PMOModel", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Dashboard/Server",
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pmo-dashboard",
            dependencies: [
                "DashboardServer", "Kafka", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Dashboard/Executable",
            swiftSettings: strictSettings
        ),
        // pmoctl, the command-line tool for people and scripts: its commands, and the executable.
        .target(
            name: "PMOControl",
            dependencies: [
                "Kafka", "PMOModel", "Intake", "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Services/Pmoctl/Commands",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "pmoctl",
            dependencies: [
                "PMOControl", "Kafka",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Pmoctl/Executable",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka"],
            path: "Tests/KafkaTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ServiceRuntimeTests",
            dependencies: ["ServiceRuntime", "Kafka", "PMOModel",
                           .product(name: "InMemoryTracing", package: "swift-distributed-tracing")],
            path: "Tests/ServiceRuntimeTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PMOModelTests",
            dependencies: ["PMOModel"],
            path: "Tests/PMOModelTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IntakeTests",
            dependencies: ["Intake", "PMOModel", "ServiceRuntime"],
            path: "Tests/IntakeTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PlanningTests",
            dependencies: ["Planning", "Scheduling", "PMOModel", "ServiceRuntime"],
            path: "Tests/PlanningTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MonitoringTests",
            dependencies: ["Monitoring", "MonitoringSummary", "PMOModel", "Kafka", "ServiceRuntime",
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/MonitoringTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ChangeTests",
            dependencies: ["Change", "Scheduling", "PMOModel", "ServiceRuntime"],
            path: "Tests/ChangeTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: ["Gateway", "GatewayServer", "PMOModel", "Kafka",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Tests/GatewayTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: ["Dashboard", "DashboardServer", "PMOModel",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")],
            path: "Tests/DashboardTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PmoctlTests",
            dependencies: ["PMOControl", "PMOModel", "Intake", "ServiceRuntime"],
            path: "Tests/PmoctlTests",
            swiftSettings: strictSettings
        ),
        // Runs the real services (pmo-intake, pmo-planning) and pmoctl against the broker.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Kafka", "PMOModel", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/EndToEndTests",
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
