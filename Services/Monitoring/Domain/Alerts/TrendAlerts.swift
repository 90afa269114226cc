import Foundation
import PMOModel

/// The adverse-trend alerts of one project: for each of SPI and CPI, no alert or an open one.
/// A plain state machine: ``receive(_:project:asOf:at:policy:projectManager:numbering:)`` is its only
/// transition and returns the events to publish.
///
/// | state | the index is in an adverse trend (``AdverseTrend``) | it is not |
/// |---|---|---|
/// | clear | **raise** `AL-n` (kind `adverse-trend`) → open | nothing |
/// | open | nothing (the alert stands) | **close** it → clear |
///
/// The alert is raised before any band or variance threshold is crossed: a direction that lasts
/// `trendReports` reports is enough. Its measure is `spi-falling-reports` (or `cpi-…`): the
/// number of reports over which the index fell, against the policy's `trendReports`. It asks the
/// PM to explain the fall and how it will be reversed by the report's status date plus
/// `correctiveActionDays`.
public struct TrendAlerts: Codable, Sendable, Equatable {
    /// The open alert per index.
    public var open: [AdverseTrend.Index: AlertRaised] = [:]

    /// No open alert.
    public init(open: [AdverseTrend.Index: AlertRaised] = [:]) {
        self.open = open
    }

    /// Evaluates the adverse trends found at a report's status date `asOf` (SPI first, then CPI)
    /// and returns the raisings and closings, numbering new alerts from `numbering`.
    public mutating func receive(_ trends: [AdverseTrend], project projectId: String, asOf: CalendarDate, at now: Date, policy: PolicyPublished,
                                 projectManager: String, numbering: inout AlertNumbering) -> [any PMOEvent] {
        // Most reports find no trend and no open alert. Otherwise each open alert is looked up
        // without being copied out (a dozen texts retained), and moved out when it closes.
        if trends.isEmpty && open.isEmpty { return [] }
        var events: [any PMOEvent] = []
        for index in AdverseTrend.Index.allCases {
            if let trend = trends.first(where: { $0.index == index }) {
                guard open.index(forKey: index) == nil else { continue }
                let alert = raise(trend, project: projectId, asOf: asOf, at: now, policy: policy, projectManager: projectManager,
                                  id: numbering.alertId())
                open[index] = alert
                events.append(alert)
            } else if let alert = open.removeValue(forKey: index) {
                events.append(AlertClosed(
                    projectId: alert.projectId, alertId: alert.alertId, kind: .adverseTrend, closedAt: now, asOf: asOf,
                    policyVersion: policy.version,
                    reason: "\(Self.name(index)) is no longer falling over the last \(policy.monitoring.effectiveTrendReports) reports.",
                    measure: nil))
            }
        }
        return events
    }

    private func raise(_ trend: AdverseTrend, project projectId: String, asOf: CalendarDate, at now: Date, policy: PolicyPublished,
                       projectManager: String, id: String) -> AlertRaised {
        let name = Self.name(trend.index)
        let values = trend.values.map(Self.fourDecimals).joined(separator: ", ")
        let reports = policy.monitoring.effectiveTrendReports
        return AlertRaised(
            projectId: projectId, alertId: id, kind: .adverseTrend, severity: .warning,
            raisedAt: now, policyVersion: policy.version,
            summary: "\(name) fell over the last \(trend.values.count) reports to \(asOf): \(values).",
            measure: AlertMeasure(metric: "\(trend.index.rawValue)-falling-reports", value: trend.values.count, threshold: reports),
            requiredAction: "Explain why \(name) keeps falling and how the trend will be reversed.",
            actionDueOn: asOf.adding(days: policy.monitoring.correctiveActionDays) ?? asOf, assignee: projectManager)
    }

    /// `value` as `String(format: "%.4f", value)` writes it (the exact binary value rounded to four
    /// decimals, halves to even), without Foundation's formatter, which was 1.3 % of monitoring's
    /// CPU per status report: `value × 10⁴` is within 1.2 × 10⁻⁷ of the exact product below 10⁹,
    /// so unless it lies within 10⁻⁶ of a half its nearest whole number is the rounding; halves
    /// and large or non-finite values go to the formatter.
    static func fourDecimals(_ value: Double) -> String {
        let scaled = value * 10_000
        guard value.isFinite, abs(scaled) < 1e9,
              abs(abs(scaled - scaled.rounded(.towardZero)) - 0.5) > 1e-6 else { return String(format: "%.4f", value) }
        let units = Int(scaled.rounded(.toNearestOrEven)).magnitude
        let fraction = String(units % 10_000)
        return (value.sign == .minus ? "-" : "") + String(units / 10_000) + "."
            + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    static func name(_ index: AdverseTrend.Index) -> String {
        index == .schedulePerformanceIndex ? "SPI" : "CPI"
    }
}
