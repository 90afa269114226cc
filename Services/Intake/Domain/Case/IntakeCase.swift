import Foundation
import PMOModel

/// Intake's state for one project (the record key): the current proposal revision and where it
/// stands, and the inputs that arrived before the policy and roster were known.
public struct IntakeCase: Codable, Sendable, Equatable {
    /// The project.
    public var projectId: String
    /// The proposal file, once a first revision has been accepted.
    public var dossier: ProposalDossier?
    /// Inputs received while no policy or no roster was published yet, in arrival order; they are
    /// processed as soon as both are known.
    public var waiting: [IntakeInput]

    /// A case for `projectId`.
    public init(projectId: String, dossier: ProposalDossier? = nil, waiting: [IntakeInput] = []) {
        self.projectId = projectId
        self.dossier = dossier
        self.waiting = waiting
    }
}

/// The current revision of a proposal and its progress through the intake gates.
public struct ProposalDossier: Codable, Sendable, Equatable {
    /// The current (latest accepted) revision.
    public var proposal: ProposalSubmitted
    /// Where it stands.
    public var phase: IntakePhase
    /// The assessment of the current revision, when it was complete and scored.
    public var assessment: AssessmentRecord?
    /// The department review gate of the current revision (under review and after).
    public var gate: ReviewGate?
    /// The revision for which a review reminder was issued (one reminder per revision).
    public var remindedRevision: Int?
    /// When the current phase was reached.
    public var since: Date

    /// A dossier for `proposal` in `phase`.
    public init(proposal: ProposalSubmitted, phase: IntakePhase, assessment: AssessmentRecord? = nil,
                gate: ReviewGate? = nil, remindedRevision: Int? = nil, since: Date) {
        self.proposal = proposal
        self.phase = phase
        self.assessment = assessment
        self.gate = gate
        self.remindedRevision = remindedRevision
        self.since = since
    }

    /// The current revision number.
    public var revision: Int { proposal.revision }
}
