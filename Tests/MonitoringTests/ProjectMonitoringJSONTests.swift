import Foundation
import Testing
import PMOModel
import ServiceRuntime
@testable import Monitoring

/// A project's state writes its changelog JSON by hand (``ProjectMonitoring``'s `JSONWritable`
/// and its parts'): the bytes must be its `Codable` encoding's, and no stored part may be left out,
/// or a restart would lose it.
@Suite("A project's state writes the bytes its Codable encoding gives, every stored part")
struct ProjectMonitoringJSONTests {
    /// A state with every optional part set and every list filled: charter, baselines (a
    /// rebaseline with its own date), reports, an escalated schedule variance, health, register
    /// entry, an unmeasured report, a waiting and a held input.
    static func fullState() throws -> ProjectMonitoring {
        var project = try MonitoredProject()
        _ = try project.charter()
        _ = project.baseline()
        project.send(project.report("2026-01-31", ev: 31_000, ac: 31_000))
        project.send(project.report("2026-02-07", ev: 30_000, ac: 30_000))
        project.send(project.report("2026-02-14", ev: 34_000, ac: 40_000))
        var state = try #require(project.state)
        #expect(state.variance.schedule.alert != nil, "the variance is still open")
        state.withdrawn = false
        state.baselines.revisions[0].effectiveFrom = day("2026-01-01")
        state.baselines.revisions[0].statusReportCadenceDays = 7
        let waiting = project.report("2026-02-21", ev: 40_000, ac: 41_000)
        state.waiting = [KeptInput(input: waiting, since: t0)]
        state.held = [KeptInput(input: waiting, since: t0)]
        if case .statusReport(let report, _) = waiting { state.unmeasured = [report] }
        // Every part with a writer of its own filled, dictionaries with more than one key
        // (plan revisions 9 and 10: "10" sorts first).
        if case .escalated(let alert, let escalation) = state.variance.schedule {
            state.trend.open = [.schedulePerformanceIndex: alert, .costPerformanceIndex: alert]
            state.overdue = OverdueReports(open: [OverdueReports.Open(dueOn: day("2026-02-28"), alert: alert)],
                                           alertedThrough: day("2026-02-28"))
            state.escalations.open = ["RSK-2": escalation, "ISS-10": escalation, "RSK-10": escalation]
        }
        state.numbering = AlertNumbering(nextAlert: 12, nextEscalation: 3)
        state.cycleTimes.intakeStartedAt = t0
        state.cycleTimes.intakeCycleDays = 3.25
        state.cycleTimes.planReviewStarted = [10: t0, 9: t0.addingTimeInterval(86_400.5)]
        state.cycleTimes.planReviewDays = [9: 1.5, 10: 2, 100: 0.125]
        state.cycleTimes.changeStarted = ["CR-2026-002/1": t0, "CR-2026-010/2": t0]
        state.cycleTimes.changeDecisionDays = ["CR-2026-010/1": 4.5, "CR-2026-002/1": 0]
        return state
    }

    /// The member names `value` writes, and the stored properties it has.
    private func members(_ value: some JSONWritable) throws -> (written: [String], stored: [String]) {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(value.jsonBytes())) as? [String: Any])
        return (object.keys.sorted(), Mirror(reflecting: value).children.compactMap(\.label).sorted())
    }

    @Test func everyStoredPartIsWritten() throws {
        let state = try Self.fullState()
        let revision = try #require(state.baselines.revisions.first)
        let entry = try #require(state.reports.entries.last)
        let indices = try #require(entry.indices)
        let parts: [(String, (written: [String], stored: [String]))] = [
            ("project", try members(state)), ("baselines", try members(state.baselines)),
            ("revision", try members(revision)), ("reports", try members(state.reports)),
            ("report entry", try members(entry)), ("indices", try members(indices)),
            ("variance", try members(state.variance)), ("charter", try members(try #require(state.charter))),
            ("cycle times", try members(state.cycleTimes)), ("numbering", try members(state.numbering)),
            ("overdue", try members(state.overdue)), ("overdue alert", try members(try #require(state.overdue.open.first))),
            ("trend", try members(state.trend)), ("escalations", try members(state.escalations)),
        ]
        for (name, members) in parts {
            #expect(members.written == members.stored, "\(name)")
        }
    }

    @Test func theBytesAreTheCodableEncodings() throws {
        let state = try Self.fullState()
        let states: [MonitoringState] = [.project(state), .project(ProjectMonitoring(projectId: "PRJ-2026-001")),
                                         .resource(ResourceBook(resourceId: "RES-1"))]
        for whole in states {
            #expect(String(decoding: try whole.jsonBytes(), as: UTF8.self)
                    == String(decoding: try PMOJSON.encode(whole), as: UTF8.self))
        }
        guard case .escalated(let alert, let escalation) = state.variance.schedule else {
            Issue.record("the schedule variance is escalated")
            return
        }
        for variance in [VarianceAlerts.State.clear, .raised(alert), .escalated(alert, escalation)] {
            #expect(try variance.jsonBytes() == Array(PMOJSON.encode(variance)))
        }
    }
}
