import Foundation
import PMOModel
import Testing

extension EndToEnd {
    /// `pmoctl policy simulate` against the broker: it reads the recorded policy, roster,
    /// proposals and reviews from the topics (to their end) and prints what a candidate policy
    /// would change. The topics hold whatever earlier tests recorded too, so the check is on this
    /// run's projects.
    @Suite("Policy what-if end to end", .serialized)
    struct PolicySimulationEndToEndTests {
        @Test(TestBroker.enabled, .timeLimit(.minutes(3)))
        func aCandidatePolicyIsComparedWithTheRecordedInputs() async throws {
            let year = String(Int.random(in: 3000...9999))
            let demo = try DemoSet(year: year)
            defer { demo.remove() }
            try await SpawnedProcess.prepareBroker()
            try await SpawnedProcess.pmoctl(["publish", ProposalSubmitted.eventType, demo.file("01-proposals.json")])
            try await SpawnedProcess.pmoctl(["publish", ReviewSubmitted.eventType, demo.file("02-reviews.json")])

            let policy = try String(contentsOf: repositoryRoot.appendingPathComponent("examples/policy.yaml"), encoding: .utf8)
            let candidate = policy.replacingOccurrences(of: "approvalThreshold: 60", with: "approvalThreshold: 97")
                .replacingOccurrences(of: "version: 1\n", with: "version: 2\n")
            #expect(candidate != policy)
            let file = demo.directory.appendingPathComponent("candidate-policy.yaml")
            try candidate.write(to: file, atomically: true, encoding: .utf8)
            let output = try await SpawnedProcess.pmoctl(["policy", "simulate", file.path])
            let lines = output.split(separator: "\n").map(String.init)
            print(lines.prefix(16).joined(separator: "\n"))
            #expect(lines.first?.hasPrefix("replayed ") == true)
            #expect(lines.contains { $0.hasPrefix("intake under policy v2 instead of v") })
            // This run's approved project 101 would be rejected on its score.
            let mine = lines.filter { $0.hasPrefix("PRJ-\(year)-") }
            #expect(mine.contains { $0.hasPrefix("PRJ-\(year)-101: approved by business, technical, finance, legal (score ") && $0.contains("→ rejected on its score (score ") })
        }
    }
}
