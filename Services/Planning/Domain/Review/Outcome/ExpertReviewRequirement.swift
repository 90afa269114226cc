import PMOModel

/// Whether a plan revision needs an expert review before the decision, why, and how many expert
/// verdicts the decision then waits for.
///
/// Required when any of these triggers fires:
/// - **class:** the charter classifies the project complex or major and the policy's
///   `classification.<class>.expertReviewRequired` is true;
/// - **budget:** the policy's `planning.expertReview.minBudgetAtCompletion` is set, in BAC's
///   currency, and BAC reaches it (≥); an amount in another currency is not compared;
/// - **risks:** the policy's `planning.expertReview.minHighRisks` is set and the plan's risk
///   register holds at least that many high risks: risks not closed whose probability × impact
///   reaches `planning.expertReview.highRiskScore`, or `monitoring.riskEscalationScore` when
///   that is absent (as intake counts high risks).
///
/// The reason names every trigger that fired, or, when none did, why each did not, and always
/// the policy version. `verdictsRequired` is `planning.expertReview.requiredVerdicts`, or 1 when
/// the policy has no expert-review section.
///
/// Worked example (policy version 3, complex plans reviewed, 1,500,000 EUR, 3 high risks from
/// 3.00): a complex project with BAC 1,600,000 EUR and one high risk gets "Expert review required
/// by policy version 3: the project is classified complex, whose plans the policy has reviewed by
/// experts; BAC of 1,600,000 EUR reaches the policy's 1,500,000 EUR." A standard one with BAC
/// 800,000 EUR gets "No expert review required by policy version 3: the project is classified
/// standard; BAC of 800,000 EUR is below the policy's 1,500,000 EUR; 1 high risk (R-2; probability
/// × impact ≥ 3.00), fewer than the policy's 3."
public struct ExpertReviewRequirement: Sendable, Equatable, Codable {
    /// Whether an expert review is required.
    public var required: Bool
    /// Why it is or is not required; always stated.
    public var reason: String
    /// Expert verdicts the decision needs when it is required.
    public var verdictsRequired: Int

    /// Creates a requirement from its parts.
    public init(required: Bool, reason: String, verdictsRequired: Int) {
        self.required = required
        self.reason = reason
        self.verdictsRequired = verdictsRequired
    }

    /// The requirement for `plan` of the project `charter` describes, under `policy`.
    public static func assess(_ plan: PlanSubmitted, charter: ProjectChartered, policy: PolicyPublished) -> ExpertReviewRequirement {
        var fired: [String] = []
        var quiet: [String] = []
        func record(_ fires: Bool, _ text: String) {
            if fires { fired.append(text) } else { quiet.append(text) }
        }

        let classification = charter.classification
        switch classification {
        case .standard:
            quiet.append("the project is classified standard")
        case .complex, .major:
            let criteria = classification == .major ? policy.classification.major : policy.classification.complex
            record(criteria.expertReviewRequired, criteria.expertReviewRequired
                   ? "the project is classified \(classification.rawValue), whose plans the policy has reviewed by experts"
                   : "the project is classified \(classification.rawValue), whose plans the policy does not have reviewed by experts")
        }

        let triggers = policy.planning.expertReview
        if let minimum = triggers?.minBudgetAtCompletion {
            let bac = plan.baseline.budgetAtCompletion
            if bac.currency != minimum.currency {
                quiet.append("BAC in \(bac.currency) is not compared with the policy's \(minimum.readable)")
            } else {
                let reaches = bac.amount >= minimum.amount
                record(reaches, "BAC of \(bac.readable) \(reaches ? "reaches" : "is below") the policy's \(minimum.readable)")
            }
        }
        if let minimum = triggers?.minHighRisks {
            let score = triggers?.highRiskScore ?? policy.monitoring.riskEscalationScore
            let high = highRisks(plan, score: score)
            let listed = high.isEmpty ? "no high risks (" : "\(high.count.counting("high risk")) (\(high.joined(separator: ", ")); "
            let described = "\(listed)probability × impact ≥ \(score.twoDecimals))"
            let reaches = high.count >= minimum
            record(reaches, reaches ? "\(described) \(high.count == 1 ? "reaches" : "reach") the policy's \(minimum)"
                                    : "\(described), fewer than the policy's \(minimum)")
        }
        if triggers?.minBudgetAtCompletion == nil && triggers?.minHighRisks == nil {
            quiet.append("the policy sets no budget or risk trigger")
        }

        let version = policy.version
        let reason = fired.isEmpty
            ? "No expert review required by policy version \(version): \(quiet.joined(separator: "; "))."
            : "Expert review required by policy version \(version): \(fired.joined(separator: "; "))."
        return ExpertReviewRequirement(required: !fired.isEmpty, reason: reason,
                                       verdictsRequired: triggers?.requiredVerdicts ?? 1)
    }

    /// The identifiers of the plan's risks that are not closed and whose probability × impact
    /// reaches `score`, in register order.
    public static func highRisks(_ plan: PlanSubmitted, score: Double) -> [String] {
        (plan.subPlans.risk?.riskRegister ?? [])
            .filter { $0.status != .closed && $0.probability * Double($0.impact) >= score }
            .map(\.riskId)
    }
}
