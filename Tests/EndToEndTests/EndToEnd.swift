import Testing

/// Every end-to-end suite, one after another: each starts its own service instances in new
/// consumer groups, which read the shared input topics from the beginning. Run side by side, an
/// intake instance started for the planning test would also process the intake test's inputs
/// while that test is counting its outputs (a dead letter written twice, seen here).
@Suite("End to end", .serialized)
enum EndToEnd {}
