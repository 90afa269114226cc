import Foundation
import Gateway
import PMOModel
import Testing

/// The checks between parsing and publishing: grant, contract, envelope, key.
@Suite struct SubmissionCheckTests {
    let check = SubmissionCheck()
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func submitted(_ data: [UInt8], id: String? = "r-1", source: String? = "/upstream/timesheets",
                   type: String = StatusReported.eventType, subject: String? = nil, time: String? = nil,
                   pointer: String = "", place: String = "") -> SubmittedEvent {
        SubmittedEvent(id: id, source: source, type: type, time: time, subject: subject,
                       extensions: ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"],
                       data: data, dataPointer: pointer, attributePlace: place)
    }

    func run(_ events: [SubmittedEvent]) -> Result<[AcceptedEvent], SubmissionProblem> {
        check.check(SubmittedRequest(events: events, isBatch: events.count > 1), grant: Fixtures.grant, receivedAt: now,
                    newID: { "generated-id" })
    }

    @Test func aValidEventIsKeyedByItsProjectWithTheEnvelopeAndItsExtensions() throws {
        let accepted = try run([submitted(try Fixtures.statusReport())]).get()
        let event = try #require(accepted.first)
        #expect(event.topic == "pmo.status.reports")
        #expect(event.record.key == "PRJ-2026-101")
        #expect(event.identity == EventIdentity(source: "/upstream/timesheets", id: "r-1"))
        let headers = Dictionary(uniqueKeysWithValues: event.record.headers.map { ($0.name, $0.text ?? "") })
        #expect(headers["ce_subject"] == "PRJ-2026-101")
        #expect(headers["ce_type"] == StatusReported.eventType)
        #expect(headers["ce_time"] == RFC3339.format(now))
        #expect(headers["ce_traceparent"] == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        // What the services read back is the event the client sent.
        let decoded = try EventRegistry.standard.decode(record: event.record)
        #expect(decoded.event.isEqual(to: try EventRegistry.standard.decodeValidated(type: StatusReported.eventType,
                                                                                     data: Data(try Fixtures.statusReport()))))
    }

    @Test func aBareEventIsPublishedAsTheTokensSourceWithANewId() throws {
        let event = try #require(try run([submitted(try Fixtures.statusReport(), id: nil, source: nil)]).get().first)
        #expect(event.identity == EventIdentity(source: "/upstream/timesheets", id: "generated-id"))
    }

    @Test func aTypeOrSourceNotGrantedIsForbiddenAndNothingElseIsChecked() {
        let result = run([submitted([], type: ProposalSubmitted.eventType),
                          submitted([], source: "/upstream/erp"),
                          submitted([], type: IntakeDecisionMade.eventType)])
        guard case .failure(let problem) = result else { Issue.record("accepted"); return }
        #expect(problem.kind == .forbidden)
        #expect(problem.violations.map(\.index) == [0, 1, 2])
        #expect(problem.violations[0].message == "this token may not publish \(ProposalSubmitted.eventType)")
        #expect(problem.violations[1].message.contains("publishes as source /upstream/timesheets, not /upstream/erp"))
        #expect(problem.violations[2].message.contains("written only by the intake service"))
    }

    @Test func aBatchWithOneBrokenEventIsRefusedWholeWithItsIndexAndPointer() throws {
        var broken = try #require(try JSONSerialization.jsonObject(with: Data(try Fixtures.statusReport())) as? [String: Any])
        broken["baselineRevision"] = "one"
        let events = [submitted(try Fixtures.statusReport(), id: "a", pointer: "/0/data"),
                      submitted(Array(try JSONSerialization.data(withJSONObject: broken)), id: "b", pointer: "/1/data")]
        guard case .failure(let problem) = run(events) else { Issue.record("accepted"); return }
        #expect(problem.kind == .invalid)
        #expect(problem.violations.map(\.index) == [1])
        #expect(problem.violations.map(\.pointer) == ["/1/data/baselineRevision"])
        #expect(problem.message.hasPrefix("1 of 2 events break their contracts"))
    }

    @Test func theSubjectMustBeTheRecordKeyAndTheTimeRFC3339() throws {
        guard case .failure(let problem) = run([submitted(try Fixtures.statusReport(), subject: "PRJ-2026-999", place: "ce-")]) else {
            Issue.record("accepted"); return
        }
        #expect(problem.violations.map(\.pointer) == ["ce-subject"], "named as the request carried it")
        guard case .failure(let timeProblem) = run([submitted(try Fixtures.statusReport(), time: "yesterday")]) else {
            Issue.record("accepted"); return
        }
        #expect(timeProblem.violations.map(\.pointer) == ["time"])
    }

    @Test func aBatchOfOneNamesItsEventsIndex() {
        let request = SubmittedRequest(events: [submitted(Array(#"{"projectId":"PRJ-2026-101"}"#.utf8), pointer: "/0/data", place: "/0/")],
                                       isBatch: true)
        guard case .failure(let problem) = check.check(request, grant: Fixtures.grant, receivedAt: now, newID: { "id" }) else {
            Issue.record("accepted"); return
        }
        #expect(!problem.violations.isEmpty && problem.violations.allSatisfy { $0.index == 0 })
    }

    @Test func anIdTwiceInOneBatchIsRefused() throws {
        let report = try Fixtures.statusReport()
        guard case .failure(let problem) = run([submitted(report, id: "same"), submitted(report, id: "same")]) else {
            Issue.record("accepted"); return
        }
        #expect(problem.kind == .invalid)
        #expect(problem.violations.map(\.index) == [1])
    }

    @Test func theFingerprintChangesWithTheContentNotWithTheId() throws {
        let report = try Fixtures.statusReport()
        let first = try #require(try run([submitted(report, id: "a")]).get().first)
        let retry = try #require(try run([submitted(report, id: "b")]).get().first)
        let other = try #require(try run([submitted(try Fixtures.statusReport(project: "PRJ-2026-102"), id: "a")]).get().first)
        #expect(first.fingerprint == retry.fingerprint)
        #expect(first.fingerprint != other.fingerprint)
    }
}
