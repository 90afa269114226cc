import Foundation
import PMOModel

/// One change request of a project: its latest accepted revision, what it was assessed as, and
/// where it stands (``ChangeRequestPhase``).
public struct ChangeRequestCase: Codable, Sendable, Equatable {
    /// The change request.
    public var changeRequestId: String
    /// The latest accepted revision, kept whole: approval re-derives the baseline from it.
    public var request: ChangeRequestSubmitted
    /// The assessment of that revision (`nil` when it was returned as incomplete).
    public var assessment: ChangeAssessmentCompleted?
    /// Where it stands.
    public var phase: ChangeRequestPhase
    /// Reminders issued for the current vote (one per reminder period).
    public var remindersIssued: Int

    /// A request case.
    public init(request: ChangeRequestSubmitted, assessment: ChangeAssessmentCompleted? = nil,
                phase: ChangeRequestPhase, remindersIssued: Int = 0) {
        changeRequestId = request.changeRequestId
        self.request = request
        self.assessment = assessment
        self.phase = phase
        self.remindersIssued = remindersIssued
    }

    /// The latest accepted revision.
    public var revision: Int { request.revision }
}
