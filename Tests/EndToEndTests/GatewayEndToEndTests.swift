import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Kafka
import PMOModel
import Testing

extension EndToEnd {
    /// Issue 15 against the broker, with the real `pmo-gateway` and `pmo-intake` executables: a
    /// proposal and its four reviews published over HTTP (structured mode, then a batch) are
    /// assessed, approved and chartered by intake; the proposal's retry is answered with its
    /// first receipt and is on the topic once; an invalid event publishes nothing; and a gateway
    /// whose broker is unreachable answers 503 with `Retry-After` instead of hanging.
    @Suite("Gateway end to end", .serialized)
    struct GatewayEndToEndTests {
        static let token = "e2e-portfolio-office-token"
        /// A token allowed one event now and the next in about 17 minutes.
        static let slowToken = "e2e-slow-token"

        /// A tokens file granting proposals and reviews to /upstream/portfolio-office.
        static func tokensFile(in directory: URL) throws -> URL {
            let hash = sha256(token)
            let url = directory.appendingPathComponent("tokens.yaml")
            try """
                tokens:
                  - name: portfolio-office
                    tokenSHA256: \(hash)
                    source: /upstream/portfolio-office
                    eventTypes: [\(ProposalSubmitted.eventType), \(ReviewSubmitted.eventType)]
                  - name: slow
                    tokenSHA256: \(sha256(slowToken))
                    source: /upstream/slow
                    eventTypes: [\(ProposalSubmitted.eventType)]
                    eventsPerSecond: 0.001
                    burst: 1
                """.write(to: url, atomically: true, encoding: .utf8)
            return url
        }

        /// `printf %s TEXT | sha256sum`, as an operator makes a grant's hash.
        static func sha256(_ text: String) -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sh", "-c", "printf %s \"$0\" | sha256sum | cut -d' ' -f1", text]
            let pipe = Pipe()
            process.standardOutput = pipe
            try? process.run()
            process.waitUntilExit()
            return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        static func freePort() throws -> Int {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
                }
            }
            guard bound else { throw TestFailure("no free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        struct Answer {
            var status: Int
            var headers: [String: String]
            var body: [String: Any]
        }

        static func post(port: Int, path: String = "/v1/events", contentType: String, headers: [String: String] = [:],
                         body: Data, token: String? = token) async throws -> Answer {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = "POST"
            request.httpBody = body
            request.timeoutInterval = 30
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            var fields: [String: String] = [:]
            for (name, value) in http.allHeaderFields { fields["\(name)".lowercased()] = "\(value)" }
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return Answer(status: http.statusCode, headers: fields, body: object)
        }

        static func get(port: Int, _ path: String) async -> Int? {
            guard let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!) else { return nil }
            return (response as? HTTPURLResponse)?.statusCode
        }

        static func structured(id: String, type: String, data: Any, source: String = "/upstream/portfolio-office") throws -> Data {
            try JSONSerialization.data(withJSONObject: ["specversion": "1.0", "id": id, "source": source, "type": type, "data": data])
        }

        /// The demo's first proposal (examples/demo/01-proposals.json), for `project`.
        static func demoProposal(project: String) throws -> [String: Any] {
            let demo = try JSONSerialization.jsonObject(
                with: Data(contentsOf: repositoryRoot.appendingPathComponent("examples/demo/01-proposals.json"))) as? [[String: Any]]
            guard var proposal = demo?.first else { throw TestFailure("examples/demo/01-proposals.json has no proposal") }
            proposal["projectId"] = project
            return proposal
        }

        /// The four reviews (business, technical, finance, legal) approving revision 1 of
        /// `project`'s proposal, as the CloudEvents of a batch from /upstream/portfolio-office.
        static func approvingReviews(project: String) -> [[String: Any]] {
            let now = RFC3339.format(Date())
            return [("business", "julien.bernard"), ("technical", "sofia.rossi"), ("finance", "omar.haddad"), ("legal", "lena.vogel")]
                .map { department, reviewer in
                    ["specversion": "1.0", "id": "review-\(project)-\(department)", "source": "/upstream/portfolio-office",
                     "type": ReviewSubmitted.eventType,
                     "data": ["projectId": project, "proposalRevision": 1, "reviewer": reviewer, "department": department,
                              "verdict": "approve", "reviewedAt": now] as [String: Any]] as [String: Any]
                }
        }

        /// The records on `topic` whose key is `key`, read from the beginning to the end.
        static func records(on topic: String, key: String) async throws -> [ConsumerRecord] {
            let consumer = try KafkaConsumer(configuration: try TestBroker.consumerConfiguration(), groupID: nil, logger: testLogger)
            let partitions = TopicCatalog.topic(named: topic)?.partitions ?? 1
            try consumer.assign((0..<Int32(partitions)).map { TopicPartitionOffset(topic, $0, offset: KafkaOffset.beginning) })
            var found: [ConsumerRecord] = []
            var quietSince = ContinuousClock.now
            while ContinuousClock.now - quietSince < .seconds(2) {
                let events = try await consumer.pollBatch(maxEvents: 500, timeout: .milliseconds(200))
                for case .record(let record) in events {
                    quietSince = ContinuousClock.now
                    if record.keyString == key { found.append(record) }
                }
            }
            try await consumer.close()
            return found
        }

        @Test(TestBroker.enabled, .timeLimit(.minutes(4)))
        func aProposalPublishedOverHTTPIsDecidedAndItsRetryIsPublishedOnce() async throws {
            let year = String(Int.random(in: 3000...9999))
            let project = "PRJ-\(year)-701"
            try await SpawnedProcess.prepareBroker()
            let unique = UUID().uuidString.prefix(8).lowercased()
            let files = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-gateway-\(unique)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: files) }
            let tokens = try Self.tokensFile(in: files)
            let port = try Self.freePort()
            let gateway = try SpawnedProcess("pmo-gateway", ["--tokens-file", tokens.path, "--http-port", String(port),
                                                             "--broker-check-ms", "500"], name: "gateway-\(unique)")
            defer { gateway.stop() }
            let service = try SpawnedProcess.service("pmo-intake", group: "test.intake.\(unique)", instance: "e2e-\(unique)")
            defer { service.stop() }
            var ready = false
            for _ in 0..<120 where !ready {
                ready = await Self.get(port: port, "/readyz") == 200
                if !ready { try await Task.sleep(for: .milliseconds(250)) }
            }
            if !ready { print(gateway.output.suffix(3000)) }
            try #require(ready, "the gateway became ready")

            // The proposal, in structured mode; then the same request again.
            let proposal = try Self.demoProposal(project: project)
            let proposalBody = try Self.structured(id: "proposal-\(project)-r1", type: ProposalSubmitted.eventType, data: proposal)
            let first = try await Self.post(port: port, contentType: "application/cloudevents+json", body: proposalBody)
            #expect(first.status == 202, "\(first.body)")
            #expect(first.body["topic"] as? String == "pmo.intake.proposals")
            #expect(first.body["replayed"] as? Bool == false)
            let retry = try await Self.post(port: port, contentType: "application/cloudevents+json", body: proposalBody)
            #expect(retry.status == 202)
            #expect(retry.body["replayed"] as? Bool == true)
            #expect(retry.body["offset"] as? Int == first.body["offset"] as? Int)
            #expect(retry.body["partition"] as? Int == first.body["partition"] as? Int)

            // An invalid event: 400 with its pointer, nothing published.
            var broken = proposal
            broken["revision"] = "first"
            let invalid = try await Self.post(port: port, contentType: "application/cloudevents+json",
                                              body: try Self.structured(id: "broken-\(project)", type: ProposalSubmitted.eventType, data: broken))
            #expect(invalid.status == 400)
            let violations = invalid.body["violations"] as? [[String: Any]] ?? []
            #expect(violations.contains { $0["pointer"] as? String == "/data/revision" })

            // The refusals, each of which publishes nothing.
            let otherProposal = try Self.structured(id: "proposal-\(project)-r1", type: ProposalSubmitted.eventType,
                                                    data: proposal.merging(["title": "Another title"]) { $1 })
            let conflict = try await Self.post(port: port, contentType: "application/cloudevents+json", body: otherProposal)
            #expect(conflict.status == 409)
            let anonymous = try await Self.post(port: port, contentType: "application/cloudevents+json", body: proposalBody, token: nil)
            #expect(anonymous.status == 401)
            #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            let unknown = try await Self.post(port: port, contentType: "application/cloudevents+json", body: proposalBody, token: "guessed")
            #expect(unknown.status == 401)
            let statusReport = try await Self.post(port: port, path: "/v1/events/\(StatusReported.eventType)",
                                                   contentType: "application/json", body: Data("{}".utf8))
            #expect(statusReport.status == 403, "the token is not granted status reports")
            let decision = try await Self.post(port: port, path: "/v1/events/\(IntakeDecisionMade.eventType)",
                                               contentType: "application/json", body: Data("{}".utf8))
            #expect(decision.status == 403, "a service's output type")
            let oversized = try await Self.post(port: port, contentType: "application/cloudevents+json",
                                                body: Data(repeating: UInt8(ascii: " "), count: (1 << 20) + 1))
            #expect(oversized.status == 413)
            let csv = try await Self.post(port: port, contentType: "text/csv", body: Data("a,b".utf8))
            #expect(csv.status == 415)
            var slowProposal = proposal
            slowProposal["projectId"] = "PRJ-\(year)-702"
            for (attempt, expected) in [(1, 202), (2, 429)] {
                let answer = try await Self.post(port: port, contentType: "application/cloudevents+json",
                                                 body: try Self.structured(id: "slow-\(attempt)", type: ProposalSubmitted.eventType,
                                                                           data: slowProposal, source: "/upstream/slow"),
                                                 token: Self.slowToken)
                #expect(answer.status == expected)
                if expected == 429 { #expect(answer.headers["retry-after"].flatMap(Int.init) ?? 0 >= 1) }
            }
            let metrics = try String(contentsOf: URL(string: "http://127.0.0.1:\(port)/metrics")!, encoding: .utf8)
            for reason in ["conflict", "unauthenticated", "forbidden", "too-large", "unsupported-media-type", "rate-limited", "invalid"] {
                #expect(metrics.contains("pmo_gateway_refused_total{reason=\"\(reason)\"}"), "\(reason) counted")
            }

            // The four reviews as one batch.
            let reviews = Self.approvingReviews(project: project)
            let batch = try await Self.post(port: port, contentType: "application/cloudevents-batch+json",
                                            body: try JSONSerialization.data(withJSONObject: reviews))
            #expect(batch.status == 202, "\(batch.body)")
            #expect((batch.body["events"] as? [Any])?.count == 4)

            let outputs = try await OutputReader.collect(prefix: project, topics: ["pmo.intake.assessments", "pmo.intake.decisions",
                                                                                   "pmo.projects.chartered"],
                                                         within: .seconds(90)) { $0.charters.count >= 1 }
            if outputs.charters.isEmpty { print(service.output.suffix(4000)) }
            #expect(outputs.assessments.count == 1)
            #expect(outputs.decisions.map(\.outcome) == [.approved])
            #expect(outputs.charters.map(\.projectId) == [project])

            let published = try await Self.records(on: "pmo.intake.proposals", key: project)
            #expect(published.count == 1, "the retry and the invalid event published nothing")
            #expect(published.first?.headers.first { $0.name == "ce_source" }?.stringValue == "/upstream/portfolio-office")
        }

        @Test(TestBroker.enabled, .timeLimit(.minutes(2)))
        func anUnreachableBrokerIs503WithRetryAfterAndNotReady() async throws {
            let unique = UUID().uuidString.prefix(8).lowercased()
            let files = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-gateway-down-\(unique)")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: files) }
            let port = try Self.freePort()
            let closedPort = try Self.freePort()
            let gateway = try SpawnedProcess("pmo-gateway", ["--tokens-file", try Self.tokensFile(in: files).path,
                                                             "--http-port", String(port), "--broker-check-ms", "500",
                                                             "--delivery-timeout-ms", "60000",
                                                             "--bootstrap-servers", "127.0.0.1:\(closedPort)"],
                                             name: "gateway-down-\(unique)")
            defer { gateway.stop() }
            var readiness: Int?
            for _ in 0..<80 where readiness == nil {
                readiness = await Self.get(port: port, "/readyz")
                if readiness == nil { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(readiness == 503)
            let demo = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: repositoryRoot.appendingPathComponent("examples/demo/01-proposals.json"))) as? [[String: Any]])
            let started = ContinuousClock.now
            let answer = try await Self.post(port: port, contentType: "application/cloudevents+json",
                                             body: try Self.structured(id: "down-\(unique)", type: ProposalSubmitted.eventType, data: demo[0]))
            #expect(answer.status == 503)
            #expect(answer.headers["retry-after"].flatMap(Int.init) ?? 0 >= 1)
            // A gateway that queued the event would answer only after the 60 s delivery timeout.
            #expect(ContinuousClock.now - started < .seconds(30), "answered at once, not after the delivery timeout")
        }
    }
}
