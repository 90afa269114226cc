// swift-tools-version:6.0
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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        // librdkafka (2.2 or newer), found through pkg-config; scripts/bootstrap.sh provides it.
        .systemLibrary(
            name: "CRdKafka",
            path: "Shared/CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
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
        // Prints the Swift model's view of events and of the topic catalog for the cross-language
        // contract tests in Tests/SchemaTests.
        .executableTarget(
            name: "pmo-contract-check",
            dependencies: ["PMOModel"],
            path: "Services/ContractCheck",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka"],
            path: "Tests/KafkaTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PMOModelTests",
            dependencies: ["PMOModel"],
            path: "Tests/PMOModelTests",
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
