#if canImport(CJemalloc)
import CJemalloc
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The memory allocator a service runs on. On Linux every service links jemalloc, which then
/// serves `malloc` and `free` for the whole process (Swift, librdkafka and the C library alike)
/// in place of glibc's allocator: the processing loop frees on its thread what librdkafka's
/// threads allocated, and glibc's arenas made that a quarter of the loop's samples
/// (docs/runtime-throughput.md, "The loop specialised, and jemalloc"). Elsewhere the system's
/// allocator is used.
public enum MemoryAllocator {
    /// jemalloc's version (`5.3.0-0-g…`) when jemalloc serves this process's `malloc`: checked by
    /// allocating 1 MiB with the `malloc` every caller gets (looked up by name in the default
    /// scope) and seeing jemalloc's count of the thread's allocated bytes grow by as much. `nil`
    /// when jemalloc is not linked, or linked but not the one serving `malloc`.
    ///
    /// The call goes through the looked-up address: an optimised build removes a plain `malloc`
    /// whose block is only freed, and release builds then logged "the system's malloc" while
    /// jemalloc served them.
    public static let jemallocVersion: String? = {
        #if canImport(CJemalloc)
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return nil }
        func allocatedByThisThread() -> UInt64? {
            var bytes: UInt64 = 0
            var size = MemoryLayout<UInt64>.size
            return mallctl("thread.allocated", &bytes, &size, nil, 0) == 0 ? bytes : nil
        }
        typealias Allocate = @convention(c) (Int) -> UnsafeMutableRawPointer?
        guard let symbol = dlsym(nil, "malloc") else { return nil }
        let allocate = unsafeBitCast(symbol, to: Allocate.self)
        guard let before = allocatedByThisThread(), let block = allocate(1 << 20) else { return nil }
        defer { free(block) }
        guard let after = allocatedByThisThread(), after - before >= 1 << 20 else { return nil }
        return String(cString: version)
        #else
        return nil
        #endif
    }()

    /// What serves `malloc`, for the start-up log: `jemalloc 5.3.0-…` or `the system's malloc`.
    public static var name: String {
        jemallocVersion.map { "jemalloc \($0)" } ?? "the system's malloc"
    }
}
