import Foundation
import PMOModel
@testable import Monitoring

// Fixtures of the health rules: a policy written out by hand, risks and quality figures.

/// Bands green from 0.95 and amber from 0.85 (the example policy's schedule bands).
let scheduleBands = EarnedValueBands(greenFrom: 0.95, amberFrom: 0.85)
/// Bands green from 0.95 and amber from 0.90 (the example policy's cost bands).
let costBands = EarnedValueBands(greenFrom: 0.95, amberFrom: 0.9)

/// A monitoring policy with the example's required settings (threshold 10 % and 50,000 EUR,
/// escalation score 3.0) and none of the optional health settings, so their defaults apply.
func plainPolicy() -> MonitoringPolicy {
    MonitoringPolicy(scheduleBands: scheduleBands, costBands: costBands,
                     varianceThreshold: VarianceThreshold(percent: 10, absolute: eur(50_000)),
                     correctiveActionDays: 10, reportingCadenceDays: 14, reportingGraceDays: 3,
                     riskEscalationScore: 3.0)
}

/// A risk `id` of `probability` × `impact` in `status`.
func risk(_ id: String, _ probability: Double, _ impact: Int, _ status: RiskStatus = .open) -> Risk {
    Risk(riskId: id, description: "Risk \(id)", probability: probability, impact: impact, owner: "lena.vogel",
         status: status, crossDepartment: false)
}

/// Quality figures with `open` defects and `failed` acceptance tests (no defects closed).
func quality(open: Int, failed: Int) -> QualityStatus {
    QualityStatus(defectsOpen: open, defectsClosed: 0, failedAcceptanceTests: failed)
}
