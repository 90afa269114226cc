import Foundation
import PMOModel
import ServiceRuntime

/// Intake's state for one project (the record key): the current proposal revision and where it
/// stands, and the inputs that arrived before the policy and roster were known or before what
/// they refer to. What it keeps is bounded (``InputHolding``, ``DossierRetention``).
public struct IntakeCase: Codable, Sendable, Equatable, KeepsInputs {
    /// The project.
    public var projectId: String
    /// The proposal file, once a first revision has been accepted.
    public var dossier: ProposalDossier?
    /// Inputs received while no policy or no roster was published yet, in arrival order, with
    /// their arrival time; they are processed as soon as both are known, or refused once they
    /// have waited longer than the hold period.
    public var waiting: [HeldInput]
    /// Inputs that arrived before what they refer to (a review before its proposal or revision, a
    /// resubmission before the decision on the previous revision): proposals and reviews travel on
    /// different topics, so one can overtake the other. They are retried after every change and
    /// refused once they have waited longer than the desk's hold period.
    public var held: [HeldInput]

    /// A case for `projectId`.
    public init(projectId: String, dossier: ProposalDossier? = nil, waiting: [HeldInput] = [], held: [HeldInput] = []) {
        self.projectId = projectId
        self.dossier = dossier
        self.waiting = waiting
        self.held = held
    }

    private enum CodingKeys: String, CodingKey { case projectId, dossier, waiting, held }

    /// Decodes a case; waiting inputs stored by an earlier version, without their arrival time,
    /// count as having waited since the distant past (they are refused at the next opportunity).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        projectId = try container.decode(String.self, forKey: .projectId)
        dossier = try container.decodeIfPresent(ProposalDossier.self, forKey: .dossier)
        held = try container.decode([HeldInput].self, forKey: .held)
        if let waiting = try? container.decode([HeldInput].self, forKey: .waiting) {
            self.waiting = waiting
        } else {
            waiting = try container.decode([IntakeInput].self, forKey: .waiting).map { HeldInput(input: $0, since: .distantPast) }
        }
    }
}

/// An input intake keeps until it can decide on it, with the time it arrived.
public typealias HeldInput = KeptInput<IntakeInput>

/// The current revision of a proposal and its progress through the intake gates.
public struct ProposalDossier: Codable, Sendable, Equatable {
    /// The current (latest accepted) revision; only its cover once it is decided
    /// (``DossierRetention``).
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
    /// While deferred: until when, and the phase it resumes.
    public var deferral: Deferral?
    /// The appeal of a rejection, once one was made (a proposal is appealed once).
    public var appeal: AppealRecord?
    /// The project manager the PMO appointed, when the nominee is not a project manager.
    public var appointedProjectManager: String?
    /// Review reminders issued for the current revision (`nil`: none, or one when
    /// `remindedRevision` is the current revision, as states written before periodic reminders).
    public var reviewReminders: Int?
    /// Reminders issued while the approved proposal waits for a project manager.
    public var appointmentReminders: Int?

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

/// A deferral: the day the proposal resumes and the phase it resumes.
public struct Deferral: Codable, Sendable, Equatable {
    /// The day it resumes (from the start of that day, UTC).
    public var until: CalendarDate
    /// The phase it was in, and resumes.
    public var resumes: IntakePhase

    /// A deferral.
    public init(until: CalendarDate, resumes: IntakePhase) {
        self.until = until
        self.resumes = resumes
    }
}

/// The one appeal a rejected proposal may have, and its ruling once given.
public struct AppealRecord: Codable, Sendable, Equatable {
    /// Who appealed (the sponsor).
    public var appellant: String
    /// Why.
    public var reason: String
    /// The PMO head's ruling, once given.
    public var verdict: AppealVerdict?

    /// An appeal.
    public init(appellant: String, reason: String, verdict: AppealVerdict? = nil) {
        self.appellant = appellant
        self.reason = reason
        self.verdict = verdict
    }
}
