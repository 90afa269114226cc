import Foundation
import PMOModel
import ServiceRuntime

extension IntakeDesk {
    /// The PMO appoints the project manager of an approved proposal that waits for one: the
    /// appointer must be the PMO head or a PMO analyst and the appointee a project manager on the
    /// roster; the charter is then issued at once with the appointed PM.
    func appoint(_ appointment: ProjectManagerAppointed, origin: InputOrigin, _ intakeCase: inout IntakeCase,
                 policy: PolicyPublished, roster: RosterPublished, now: Date) -> Disposition {
        func refuse(_ reason: String) -> Disposition {
            .done([refusal(of: .appointment(appointment, origin), reason: reason, policyVersion: policy.version, at: now)].compactMap { $0 })
        }
        guard var dossier = intakeCase.dossier else {
            return .early(reason: "no proposal has been submitted for \(appointment.projectId); there is no project to appoint a PM for")
        }
        let roles = roster.member(appointment.appointedBy)?.roles ?? []
        guard roles.contains(.pmoHead) || roles.contains(.pmoAnalyst) else {
            return refuse("\(appointment.appointedBy) is neither the PMO head nor a PMO analyst on roster v\(roster.version); only the PMO appoints project managers")
        }
        guard roster.members(withRole: .projectManager).contains(where: { $0.personId == appointment.projectManager }) else {
            return refuse("\(appointment.projectManager) is not a project manager on roster v\(roster.version)")
        }
        guard dossier.phase == .awaitingProjectManager, appointment.proposalRevision == dossier.revision,
              let assessment = dossier.assessment else {
            return refuse("\(appointment.projectId) is \(Lifecycle.phrase(dossier.phase)) (revision \(dossier.revision)); only an approved proposal waiting for a project manager takes an appointment")
        }
        switch Chartering.charter(dossier.proposal, assessment: assessment, policy: policy, roster: roster,
                                  appointed: appointment.projectManager, at: now) {
        case .charter(let charter):
            dossier.appointedProjectManager = appointment.projectManager
            dossier.phase = .chartered
            dossier.since = now
            intakeCase.dossier = dossier
            return .done([charter])
        case .appointmentRequired(let reason), .incomplete(let reason):
            return refuse(reason)
        }
    }
}
