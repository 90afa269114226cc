import Dispatch

/// Runs librdkafka's blocking calls (poll, flush, commit, transactional calls, metadata) on a
/// dedicated Dispatch thread, so they never occupy a thread of Swift's cooperative pool.
///
/// Each client owns one serial queue: its calls run one after another, in order.
struct BlockingCallQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Runs `body` on the dedicated thread and returns its result to the awaiting task.
    func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(E) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
