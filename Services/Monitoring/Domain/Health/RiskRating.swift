import Foundation
import PMOModel

/// The risk rating, from the status report's risk register: the highest score (probability ×
/// impact, 0 to 5) among the risks still ahead of the project, against the policy's scores:
///
/// - **red** when a risk's score reaches `riskEscalationScore` (the score from which monitoring
///   escalates it);
/// - otherwise **amber** when a risk's score reaches `riskAmberScore` (half of the escalation
///   score when the policy gives none, ``PMOModel/MonitoringPolicy/effectiveRiskAmberScore``);
/// - otherwise **green**, as is an empty register.
///
/// **Which risks count: `open` and `mitigating` ones.** A `closed` risk is no longer relevant.
/// An `occurred` risk is no longer a risk: it has materialised and the project handles it as an
/// issue (where a cross-department issue or one that needs a decision is escalated on its own),
/// and its probability, estimated before it happened, no longer says anything. (Intake and the
/// planning review count every risk that is not closed; monitoring, which rates the risks still
/// ahead, leaves the occurred ones out.)
///
/// **Scores are computed in decimal**, from the probability as Swift prints it (0.3, not its
/// nearest binary fraction), so a risk of probability 0.3 and impact 3 scores exactly 0.9 and
/// reaches a threshold of 0.9 (binary floating point would give 0.8999999999999999 and miss it).
///
/// Worked example, escalation score 3.0 and amber score 1.5: the contract's example register has
/// R-2, open, 0.8 × 4 = 3.2, so the rating is red; with R-2 at 0.5 × 3 = 1.5 it is amber; at
/// 0.4 × 3 = 1.2 green; R-2 `occurred` or `closed` at 0.8 × 4 is left out, so the register rates
/// green.
public enum RiskRating {
    /// The rating of `risks` with amber from `amberScore` and red from `redScore`.
    public static func rate(_ risks: [Risk], amberScore: Double, redScore: Double) -> RAGStatus {
        var rating = RAGStatus.green
        for risk in risks where counts(risk) {
            if reaches(risk, redScore) { return .red }
            if rating == .green, reaches(risk, amberScore) { rating = .amber }
        }
        return rating
    }

    /// Whether `risk`'s decimal score reaches `threshold` as Swift prints it: probability × impact
    /// in binary when that is clear (``Swift/Double/isClearly(above:magnitude:)``), otherwise in
    /// decimal.
    static func reaches(_ risk: Risk, _ threshold: Double) -> Bool {
        (risk.probability * Double(risk.impact)).isClearly(above: threshold)
            ?? !score(risk).isBelow(exact(threshold))
    }

    /// The rating of `risks` against `policy`'s escalation and amber scores.
    public static func rate(_ risks: [Risk], policy: MonitoringPolicy) -> RAGStatus {
        rate(risks, amberScore: policy.effectiveRiskAmberScore, redScore: policy.riskEscalationScore)
    }

    /// Whether `risk` counts towards the rating: it is `open` or `mitigating`.
    public static func counts(_ risk: Risk) -> Bool {
        switch risk.status {
        case .open, .mitigating: true
        case .occurred, .closed: false
        }
    }

    /// Probability × impact of `risk`, in decimal (0.3 × 3 = 0.9 exactly).
    public static func score(_ risk: Risk) -> Decimal {
        exact(risk.probability).multiplied(by: Decimal(risk.impact))
    }

    /// `value` as the decimal Swift prints for it; 0 for a value that is not finite (the contract
    /// refuses those).
    private static func exact(_ value: Double) -> Decimal {
        Decimal(shortest: value) ?? 0
    }
}
