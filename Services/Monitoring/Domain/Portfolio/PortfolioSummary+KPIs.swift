import Foundation
import PMOModel

extension PortfolioSummary {
    /// The PMO's process indicators over every entry (rules in ``PortfolioSummary``).
    static func kpis(_ entries: [PortfolioEntryUpdated]) -> PortfolioKPIs {
        let intake = entries.compactMap { $0.cycleTimes?.intakeCycleDays }.map(exact)
        let cycles = entries.compactMap(\.cycleTimes)
        let executing = entries.filter { $0.phase == .executing }
        let onTime = executing.count { $0.reporting?.overdue == false }
        return PortfolioKPIs(
            averageIntakeCycleDays: intake.isEmpty ? nil : published(intake.reduce(0, +) / Decimal(intake.count)),
            averageReviewCycleDays: average(cycles.map { exact($0.planReviewDaysTotal) },
                                            over: cycles.reduce(0) { $0 + $1.planReviewsDecided }),
            averageChangeApprovalDays: average(cycles.map { exact($0.changeDecisionDaysTotal) },
                                               over: cycles.reduce(0) { $0 + $1.changeDecisions }),
            openAlerts: entries.reduce(0) { $0 + $1.openAlerts.count },
            openEscalations: entries.reduce(0) { $0 + $1.openEscalations.count },
            onTimeReportingPercent: executing.isEmpty
                ? nil : published(Decimal(onTime) * 100 / Decimal(executing.count)))
    }

    /// Σ `totals` / `count` as published; `nil` when `count` is 0.
    static func average(_ totals: [Decimal], over count: Int) -> Double? {
        count == 0 ? nil : published(totals.reduce(0, +) / Decimal(count))
    }

    /// Each KPI with a target, against it, in ``PortfolioKPI`` order.
    static func results(_ kpis: PortfolioKPIs, against targets: KPITargets) -> [KPIResult] {
        PortfolioKPI.allCases.compactMap { kpi in
            let (value, target): (Double?, Double?) = switch kpi {
            case .intakeCycleDays: (kpis.averageIntakeCycleDays, targets.intakeCycleDays)
            case .planReviewDays: (kpis.averageReviewCycleDays, targets.planReviewDays)
            case .changeDecisionDays: (kpis.averageChangeApprovalDays, targets.changeDecisionDays)
            case .onTimeReportingPercent: (kpis.onTimeReportingPercent, targets.onTimeReportingPercent)
            }
            guard let target else { return nil }
            return KPIResult(kpi: kpi, value: value, target: target, met: value.map { meets($0, target, kpi) })
        }
    }

    /// Whether a published `value` meets `target`: days at most the target, the percentage at least.
    static func meets(_ value: Double, _ target: Double, _ kpi: PortfolioKPI) -> Bool {
        switch kpi {
        case .intakeCycleDays, .planReviewDays, .changeDecisionDays: exact(value) <= exact(target)
        case .onTimeReportingPercent: exact(value) >= exact(target)
        }
    }
}
