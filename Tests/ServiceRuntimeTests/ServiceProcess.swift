import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A service executable started by a test, with its output in a log file, stopped in every path.
final class ServiceProcess {
    // Only touched from the test's task; `Process` is not Sendable.
    let process = Process()
    let logURL: URL
    let name: String
    /// The port of the instance's operations endpoint, when the test chose it (`--http-port N`);
    /// otherwise `endpointPort` reads it from the instance's log.
    var httpPort: Int?

    /// The directory of the built executables: `PMO_BIN_DIR` (set by scripts/test.sh) or `.build/debug`.
    static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["PMO_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug")
    }

    init(_ executable: String, arguments: [String], environment: [String: String] = [:], name: String) throws {
        self.name = name
        let url = Self.binDirectory.appendingPathComponent(executable)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestFailure("\(url.path) is missing: build it first (swift build --product \(executable))")
        }
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-\(name)-\(UUID().uuidString.prefix(6)).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits up to `timeout` for the process to exit; returns its status, or nil if it is still running.
    func waitForExit(timeout: Duration) async -> Int32? {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: timeout)
        while process.isRunning, clock.now < end {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// The process's output so far.
    var output: String {
        (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    }

    /// Kills the process if it still runs.
    func stop() {
        signal(SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }
}

// MARK: The operations endpoint

/// One answer of an instance's operations endpoint.
struct EndpointReply: Sendable, Equatable {
    var status: Int
    var body: String
}

/// What an instance's `/readyz` says.
struct Readiness: Sendable, Equatable {
    /// Whether it answered 200.
    var isReady: Bool
    /// The input partition numbers it owns (`partitions=[…]`).
    var partitions: [Int32]

    init(_ reply: EndpointReply) {
        isReady = reply.status == 200
        let listed = reply.body.split(separator: "partitions=[", maxSplits: 1).dropFirst().first?
            .prefix { $0 != "]" } ?? ""
        partitions = listed.split(separator: ",").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }
}

extension ServiceProcess {
    /// A TCP port free on 127.0.0.1 now: a socket is bound to port 0, its port read, and closed.
    static func freePort() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw TestFailure("cannot open a socket: errno \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw TestFailure("cannot bind a socket to 127.0.0.1:0: errno \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw TestFailure("cannot read the bound port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The port of the instance's operations endpoint: the one it was started with, else the one
    /// its "operations endpoint listening" log line names; nil until it is known.
    var endpointPort: Int? {
        if let httpPort { return httpPort }
        guard let line = output.split(separator: "\n").first(where: { $0.contains("operations endpoint listening") }),
              let digits = line.split(separator: ":").last?.prefix(while: \.isNumber) else { return nil }
        return Int(digits)
    }

    /// GETs `path` (`/healthz`, `/readyz`, `/metrics`) from the instance's endpoint; nil when
    /// nothing answers within `timeout` (not listening yet, or any more).
    func get(_ path: String, timeout: Duration = .seconds(2)) async -> EndpointReply? {
        guard let port = endpointPort, let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return nil }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData)
        request.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        guard let (data, response) = try? await URLSession.shared.data(for: request),
              let status = (response as? HTTPURLResponse)?.statusCode else { return nil }
        return EndpointReply(status: status, body: String(decoding: data, as: UTF8.self))
    }

    /// What `/readyz` says now; nil when the endpoint does not answer.
    func readiness() async -> Readiness? {
        await get("/readyz").map(Readiness.init)
    }

    /// Polls `path` until `accept` takes its reply, and returns that reply. Throws, with the
    /// instance's output, when `timeout` passes first or the process exits.
    @discardableResult
    func waitFor(_ path: String, _ what: String, timeout: Duration = .seconds(60),
                 until accept: (EndpointReply) -> Bool) async throws -> EndpointReply {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var last: EndpointReply?
        while clock.now < deadline, isRunning {
            if let reply = await get(path) {
                last = reply
                if accept(reply) { return reply }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let why = isRunning ? "not within \(timeout)" : "the process exited with status \(process.terminationStatus)"
        throw TestFailure("\(name): \(what): \(why); last \(path): \(last.map { "\($0.status) \($0.body)" } ?? "no answer")\n"
                          + "\(output.suffix(3000))")
    }

    /// Waits until `/readyz` answers 200 and returns what it says.
    @discardableResult
    func waitUntilReady(timeout: Duration = .seconds(60)) async throws -> Readiness {
        Readiness(try await waitFor("/readyz", "never ready", timeout: timeout) { $0.status == 200 })
    }

    /// The value of metric `name` in `/metrics`, summed over its series whose labels contain every
    /// one of `labels` (such as `result="aborted"`); nil when no series matches or nothing answers.
    func metric(_ name: String, labels: [String] = []) async -> Double? {
        guard let body = await get("/metrics")?.body else { return nil }
        let values = body.split(separator: "\n")
            .filter { $0.hasPrefix(name + "{") || $0.hasPrefix(name + " ") }
            .filter { line in labels.allSatisfy { line.contains($0) } }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    /// Polls `/healthz` until the process exits or `timeout` passes: its exit status (nil if it
    /// still runs) and the first unhealthy answer seen, if any.
    func healthUntilExit(timeout: Duration) async -> (status: Int32?, unhealthy: EndpointReply?) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var unhealthy: EndpointReply?
        while isRunning, clock.now < deadline {
            if unhealthy == nil, let reply = await get("/healthz", timeout: .milliseconds(500)), reply.status != 200 {
                unhealthy = reply
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return (isRunning ? nil : process.terminationStatus, unhealthy)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
