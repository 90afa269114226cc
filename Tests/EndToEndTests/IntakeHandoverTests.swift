import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Kafka
import PMOModel
import Testing

/// Two intake instances, one of them stopped (SIGTERM) or killed (SIGKILL) and replaced again and
/// again while proposals and reviews arrive (reviews first, so intake holds them): every project
/// must end with exactly one decision and one charter, whatever ids they carry, and everything must
/// be visible to `read_committed` readers within seconds of the last handover. A killed instance's
/// open transaction is aborted by the next owner and its inputs are processed again, possibly in
/// another interleaving; on the embedded broker the aborted outputs stay visible, so a decision
/// whose id depended on which input came last would show up twice. Part of the serialized
/// end-to-end suite: both tests use the shared PMO topics.
extension EndToEnd.IntakeEndToEndTests {
    static let handoverOutputTopics = ["pmo.intake.assessments", "pmo.intake.decisions", "pmo.projects.chartered"]

    /// How an instance is taken out of the group.
    enum Handover: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case terminate, kill
        var signal: Int32 { self == .terminate ? SIGTERM : SIGKILL }
        var testDescription: String { self == .terminate ? "SIGTERM" : "SIGKILL" }
    }

    @Test("one decision and one charter per project across handovers", TestBroker.enabled, .timeLimit(.minutes(8)),
          arguments: Handover.allCases)
    func oneDecisionPerProjectAcrossHandovers(_ handover: Handover) async throws {
        let year = String(Int.random(in: 3000...9999))
        print("intake handovers by \(handover.testDescription): projects PRJ-\(year)-…")
        let batches = try HandoverBatches(year: year, rounds: 6, projectsPerRound: 25)
        defer { batches.remove() }
        try await SpawnedProcess.prepareBroker()

        let group = "test.intake.handover.\(UUID().uuidString.prefix(8).lowercased())"
        func start(_ name: String) throws -> SpawnedProcess {
            try SpawnedProcess.service("pmo-intake", group: group, instance: name)
        }
        var instances = [try start("a"), try start("b")]
        defer { for instance in instances { instance.stop() } }
        for instance in instances { try await instance.waitUntilReady() }

        for round in 0..<batches.rounds {
            // Reviews and proposals at once, from two clients: reviews overtake their proposals
            // (intake holds them) or follow them, in an order no reprocessing can count on.
            // The instance is taken out while they are being published and processed.
            async let reviews = SpawnedProcess.pmoctl(["publish", ReviewSubmitted.eventType, batches.reviews(round)])
            async let proposals = SpawnedProcess.pmoctl(["publish", ProposalSubmitted.eventType, batches.proposals(round)])
            let leaving = round % 2
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...900)))
            // SIGTERM: commit and leave the group; SIGKILL: die with the transaction open.
            kill(instances[leaving].process.processIdentifier, handover.signal)
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: .seconds(40))
            while instances[leaving].process.isRunning, clock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!instances[leaving].process.isRunning, "round \(round): \(instances[leaving].output.suffix(2000))")
            if handover == .terminate {
                #expect(instances[leaving].process.terminationStatus == 0, "round \(round): \(instances[leaving].output.suffix(2000))")
            }
            _ = try await (reviews, proposals)
            instances[leaving] = try start("\(["a", "b"][leaving])\(round)")
            try await instances[leaving].waitUntilReady()
        }

        let started = ContinuousClock.now
        let count = batches.rounds * batches.projectsPerRound
        let outputs = try await OutputReader.collect(prefix: "PRJ-\(year)-", decisions: count, charters: count,
                                                     assessments: count, deadLetters: 0, topics: Self.handoverOutputTopics,
                                                     within: .seconds(90))
        let elapsed = ContinuousClock.now - started
        print("intake handovers by \(handover.testDescription): \(outputs.decisions.count) decisions, \(outputs.charters.count) charters for \(count) projects, "
              + "all read \(elapsed) after the last handover")
        // The reader keeps one copy per (ce_source, ce_id): two decisions for a project are two ids.
        let decisionsPerProject = Dictionary(grouping: outputs.decisions, by: \.projectId)
        let doubled = decisionsPerProject.filter { $0.value.count != 1 }.keys.sorted()
        #expect(doubled.isEmpty, "projects decided more or less than once: \(doubled.prefix(10))")
        #expect(decisionsPerProject.count == count, "every project decided and visible")
        #expect(outputs.decisions.allSatisfy { $0.outcome == .approved })
        let chartersPerProject = Dictionary(grouping: outputs.charters, by: \.projectId)
        #expect(chartersPerProject.count == count && chartersPerProject.values.allSatisfy { $0.count == 1 },
                "one charter per project: \(chartersPerProject.filter { $0.value.count != 1 }.keys.sorted().prefix(10))")
    }
}

/// Proposals and their four department reviews, generated from the demo's project 101 (approved
/// by every department) under fresh project ids, one pair of files per round.
struct HandoverBatches {
    let directory: URL
    let rounds: Int
    let projectsPerRound: Int

    init(year: String, rounds: Int, projectsPerRound: Int) throws {
        self.rounds = rounds
        self.projectsPerRound = projectsPerRound
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-handover-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let demo = repositoryRoot.appendingPathComponent("examples/demo")
        func objects(_ name: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: demo.appendingPathComponent(name))
            return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
        }
        guard let proposal = try objects("01-proposals.json").first(where: { $0["projectId"] as? String == "PRJ-2026-101" })
        else { throw TestFailure("examples/demo has no proposal PRJ-2026-101") }
        let reviews = try objects("02-reviews.json").filter {
            $0["projectId"] as? String == "PRJ-2026-101" && $0["reviewer"] as? String != "max.keller"
        }
        for round in 0..<rounds {
            var proposals: [[String: Any]] = []
            var roundReviews: [[String: Any]] = []
            for index in 0..<projectsPerRound {
                let id = "PRJ-\(year)-\(100 + round * projectsPerRound + index)"
                var copy = proposal
                copy["projectId"] = id
                proposals.append(copy)
                for review in reviews {
                    var copy = review
                    copy["projectId"] = id
                    roundReviews.append(copy)
                }
            }
            try JSONSerialization.data(withJSONObject: proposals).write(to: directory.appendingPathComponent("proposals-\(round).json"))
            try JSONSerialization.data(withJSONObject: roundReviews).write(to: directory.appendingPathComponent("reviews-\(round).json"))
        }
    }

    func proposals(_ round: Int) -> String { directory.appendingPathComponent("proposals-\(round).json").path }
    func reviews(_ round: Int) -> String { directory.appendingPathComponent("reviews-\(round).json").path }
    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension SpawnedProcess {
    /// The port the instance's operations endpoint bound (it was started with port 0), from the
    /// one log line that names it.
    var endpointPort: Int? {
        guard let line = output.split(separator: "\n").first(where: { $0.contains("operations endpoint listening") }),
              let digits = line.split(separator: ":").last?.prefix(while: \.isNumber) else { return nil }
        return Int(digits)
    }

    /// Waits until the instance's `/readyz` answers 200.
    func waitUntilReady(timeout: Duration = .seconds(60)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline, process.isRunning {
            if let port = endpointPort, let url = URL(string: "http://127.0.0.1:\(port)/readyz"),
               let (_, response) = try? await URLSession.shared.data(from: url),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("intake never ready:\n\(output.suffix(3000))")
    }
}
