import ArgumentParser
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A process the benchmark starts (a process under test, the C reference's loader or reader),
/// with its standard output and error in temporary files. It is spawned with no signal blocked
/// and default signal handlers (Foundation's `Process` passes its blocked signals on, so a child
/// would not see SIGTERM), and asked to stop with SIGTERM.
final class ChildProcess: Sendable {
    let name: String
    let pid: pid_t
    private let outputPath: String
    private let errorPath: String
    private let state = Mutex<Int32?>(nil)

    init(_ executable: URL, _ arguments: [String], name: String) throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ValidationError("\(executable.path) is missing: scripts/bench.sh builds it")
        }
        self.name = name
        let stem = FileManager.default.temporaryDirectory
            .appendingPathComponent("pmo-bench-\(name)-\(UUID().uuidString.prefix(6))").path
        outputPath = stem + ".out"
        errorPath = stem + ".log"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable.path, &actions, &attributes, argv, environ)
        guard status == 0 else {
            throw ValidationError("cannot start \(executable.path): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    /// Whether it is still running (reaps it when it has exited).
    var isRunning: Bool {
        state.withLock { exit in
            if exit != nil { return false }
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            guard reaped == pid else { return reaped == 0 }
            // Exit code, or 128 + the signal that ended it, as a shell says.
            exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return false
        }
    }

    /// Its exit status (128 + N when signal N ended it); nil while it runs.
    var exitStatus: Int32? {
        _ = isRunning
        return state.withLock { $0 }
    }

    /// What it printed on standard output.
    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    /// What it printed on standard error (the services' log).
    var log: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// The `name=value` lines of its standard output.
    var values: [String: String] {
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return values
    }

    /// Waits until it exits, or `timeout` passes (then returns false).
    @discardableResult
    func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Waits until its standard output has a line `name=…`, or it exits, or `timeout` passes.
    func waitForValue(_ name: String, timeout: Duration) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = values[name] { return value }
            if !isRunning { return values[name] }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Sends it `signal`.
    func signal(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Asks it to stop (SIGTERM), and kills it when it has not stopped within `grace`.
    func stop(grace: Duration = .seconds(30)) async {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        if !(await waitForExit(timeout: grace)) {
            FileHandle.standardError.write(Data("[bench] \(name) did not stop within \(grace) of SIGTERM: killed\n".utf8))
            kill(pid, SIGKILL)
            await waitForExit(timeout: .seconds(5))
        }
    }

    /// Runs to completion; throws when it fails.
    static func run(_ executable: URL, _ arguments: [String], name: String, timeout: Duration) async throws -> ChildProcess {
        let child = try ChildProcess(executable, arguments, name: name)
        if !(await child.waitForExit(timeout: timeout)) {
            await child.stop(grace: .seconds(5))
            throw ValidationError("\(name) did not finish within \(timeout): \(child.log.suffix(2000))")
        }
        guard child.exitStatus == 0 else {
            throw ValidationError("\(name) failed (status \(child.exitStatus ?? -1)): \(child.log.suffix(2000))")
        }
        return child
    }
}

/// Samples the CPU time (utime + stime of every thread, from `/proc/<pid>/stat`) of a few
/// processes every 10 ms, with the wall-clock time of each sample, so that the CPU seconds of
/// any interval of a run can be read afterwards, once the interval is known.
final class CPUSampler: Sendable {
    struct Sample: Sendable {
        var wallMicros: Int64
        var ticks: Int64
    }

    /// Clock ticks per second (`getconf CLK_TCK`).
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    private let samples = Mutex<[Int32: [Sample]]>([:])
    private let stopped = Atomic<Bool>(false)
    private let pids: [Int32]

    init(pids: [Int32]) {
        self.pids = pids
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                sampleOnce()
                usleep(10_000)
            }
            sampleOnce()
        }
        thread.name = "pmo-bench.cpu-sampler"
        sampleOnce()
        thread.start()
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
        usleep(30_000)
    }

    private func sampleOnce() {
        let now = wallClockMicros()
        var taken: [(Int32, Sample)] = []
        for pid in pids {
            if let ticks = Self.cpuTicks(pid) { taken.append((pid, Sample(wallMicros: now, ticks: ticks))) }
        }
        samples.withLock { samples in
            for (pid, sample) in taken { samples[pid, default: []].append(sample) }
        }
    }

    /// CPU seconds `pid` spent between the wall-clock instants `from` and `to` (microseconds),
    /// interpolated between samples; nil when it was not sampled.
    func cpuSeconds(_ pid: Int32, from: Int64, to: Int64) -> Double? {
        let series = samples.withLock { $0[pid] ?? [] }
        guard series.count >= 2, let start = Self.ticks(at: from, in: series), let end = Self.ticks(at: to, in: series) else {
            return nil
        }
        return (end - start) / Self.ticksPerSecond
    }

    private static func ticks(at time: Int64, in series: [Sample]) -> Double? {
        guard let first = series.first, let last = series.last else { return nil }
        if time <= first.wallMicros { return Double(first.ticks) }
        if time >= last.wallMicros { return Double(last.ticks) }
        var low = 0
        var high = series.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if series[middle].wallMicros <= time { low = middle } else { high = middle }
        }
        let a = series[low]
        let b = series[high]
        let span = Double(b.wallMicros - a.wallMicros)
        let fraction = span > 0 ? Double(time - a.wallMicros) / span : 0
        return Double(a.ticks) + fraction * Double(b.ticks - a.ticks)
    }

    /// utime + stime of `pid`, in clock ticks.
    static func cpuTicks(_ pid: Int32) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Int64(fields[11]), let system = Int64(fields[12]) else { return nil }
        return user + system
    }
}

/// Microseconds since 1970 (the clock record timestamps use).
func wallClockMicros() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
}
