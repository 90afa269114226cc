import Foundation
import Testing

/// A service executable started by a test, with its output in a log file, stopped in every path.
final class ServiceProcess {
    // Only touched from the test's task; `Process` is not Sendable.
    let process = Process()
    let logURL: URL
    let name: String

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

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
