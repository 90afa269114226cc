import Testing
@testable import ServiceRuntime

/// On Linux the services run on jemalloc: linked through `CJemalloc`, it must be the allocator
/// that actually serves `malloc`, not merely present.
@Suite struct MemoryAllocatorTests {
    #if os(Linux)
    @Test func jemallocServesMallocOnLinux() throws {
        let version = try #require(MemoryAllocator.jemallocVersion)
        #expect(version.hasPrefix("5."), "jemalloc \(version)")
        #expect(MemoryAllocator.name == "jemalloc \(version)")
    }
    #endif
}
