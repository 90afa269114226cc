import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads an instance's operations endpoint (`/healthz`, `/readyz`, `/metrics`) on a port the test
/// chose, so that tests wait on the runtime's status instead of on its log text.
struct EndpointProbe {
    let port: Int

    /// A port free on the loopback interface now (bound to port 0, read, released).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestFailure("cannot open a socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        guard bound == 0 else { throw TestFailure("cannot bind a socket") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        guard named == 0 else { throw TestFailure("cannot read the socket's port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// GETs `path`; status 0 when nothing answers.
    func get(_ path: String) async -> (status: Int, body: String) {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return (0, "") }
        do {
            let (data, response) = try await URLSession.shared.data(from: url)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        } catch {
            return (0, "\(error)")
        }
    }

    /// Waits until `/readyz` answers 200; throws with the instance's output after `timeout`.
    func waitUntilReady(_ instance: ServiceProcess, timeout: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if await get("/readyz").status == 200 { return }
            if !instance.isRunning { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("instance never ready:\n\(instance.output.suffix(3000))")
    }

    /// The value of the metric line starting with `prefix` (name and labels), summed over lines.
    func metric(_ prefix: String) async -> Double? {
        let body = await get("/metrics").body
        let values = body.split(separator: "\n").filter { $0.hasPrefix(prefix) }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        return values.isEmpty ? nil : values.reduce(0, +)
    }
}
