import Foundation
import PMOModel
import ServiceRuntime

/// Intake's rules replayed over recorded inputs under a given policy and roster, with nothing
/// published: the same ``IntakeDesk`` the service runs, fed the recorded proposals, reviews,
/// lifecycle requests and appointments in the order they were recorded, each at its recorded time.
///
/// Time-driven work (reminders, the end of a deferral, a charter waiting for a roster that lists
/// the nominee) is not replayed: the simulation answers what the inputs alone decide.
public enum IntakeSimulation {
    /// One recorded input and when it was recorded.
    public struct RecordedInput: Sendable {
        /// The input.
        public var input: IntakeInput
        /// When it was recorded (its CloudEvents time).
        public var at: Date

        /// A recorded input.
        public init(_ input: IntakeInput, at: Date) {
            self.input = input
            self.at = at
        }
    }

    /// What intake emitted for one project in the replay, in order.
    public struct ProjectResult: Sendable {
        /// The assessments.
        public var assessments: [AssessmentCompleted] = []
        /// The decisions, refusals included.
        public var decisions: [IntakeDecisionMade] = []
        /// The charter, if one was issued.
        public var charter: ProjectChartered?
        /// Where the proposal ended.
        public var phase: IntakePhase?

        /// A result with nothing yet.
        public init() {}

        /// The latest assessment.
        public var assessment: AssessmentCompleted? { assessments.last }

        /// The last decision that is not a refusal.
        public var decision: IntakeDecisionMade? { decisions.last { $0.outcome != .refused } }
    }

    /// Replays `inputs` (in any order: they are sorted by recorded time, stably) under `policy`
    /// and `roster`, and returns what happened to each project.
    public static func run(_ inputs: [RecordedInput], policy: PolicyPublished, roster: RosterPublished) -> [String: ProjectResult] {
        let desk = IntakeDesk()
        let reference = ReferenceData(policy: policy, roster: roster)
        var cases: [String: IntakeCase] = [:]
        var results: [String: ProjectResult] = [:]
        let ordered = inputs.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        for recorded in ordered {
            let project = recorded.input.projectId
            let step = desk.receive(recorded.input, state: cases[project], reference: reference, now: recorded.at)
            cases[project] = step.state
            var result = results[project] ?? ProjectResult()
            for emission in step.emissions {
                switch emission.event {
                case let assessment as AssessmentCompleted: result.assessments.append(assessment)
                case let decision as IntakeDecisionMade: result.decisions.append(decision)
                case let charter as ProjectChartered: result.charter = charter
                default: break
                }
            }
            result.phase = step.state.dossier?.phase
            results[project] = result
        }
        return results
    }
}
