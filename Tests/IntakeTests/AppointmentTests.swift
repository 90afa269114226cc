import Foundation
import Testing
@testable import Intake
import PMOModel
import ServiceRuntime

/// Issue 13: the PMO appoints a PM when the nominee is none, reminders while a charter waits, and
/// review reminders that escalate to the department heads.
@Suite struct AppointmentTests {
    /// The example roster with anna.kowalski as PMO head and rita.sousa as head of finance.
    func roster() throws -> RosterPublished {
        var roster = try exampleRoster()
        roster.members.append(RosterMember(personId: "anna.kowalski", name: "Anna Kowalski", department: "pmo", roles: [.pmoHead]))
        roster.members.append(RosterMember(personId: "rita.sousa", name: "Rita Sousa", department: "finance", roles: [.departmentHead]))
        return roster
    }

    /// A desk where PRJ-2026-201 was approved with tom.nguyen (no PM) as nominee.
    func waitingDesk() throws -> DeskHarness {
        var desk = try DeskHarness(roster: try roster())
        desk.submit(proposal(pm: "tom.nguyen"))
        for (department, reviewer) in [("business", "julien.bernard"), ("technical", "sofia.rossi"), ("finance", "omar.haddad"),
                                       ("legal", "lena.vogel")] {
            desk.send(review(department, reviewer, .approve))
        }
        #expect(desk.phase() == .awaitingProjectManager)
        return desk
    }

    func appointment(_ pm: String, by person: String = "anna.kowalski") -> ProjectManagerAppointed {
        ProjectManagerAppointed(projectId: "PRJ-2026-201", proposalRevision: 1, appointedAt: t0, appointedBy: person,
                                projectManager: pm, reason: "Experienced with data platforms.")
    }

    func origin(_ id: String) -> InputOrigin { InputOrigin(id: id, source: "/tests", type: ProjectManagerAppointed.eventType) }

    @Test func thePMOAppointsAProjectManagerAndTheCharterFollowsAtOnce() throws {
        var desk = try waitingDesk()
        let outsider = try #require(desk.receive(.appointment(appointment("marc.lefevre", by: "julien.bernard"), origin("a"))).decisions.first)
        #expect(outsider.refusal?.reason == "julien.bernard is neither the PMO head nor a PMO analyst on roster v12; only the PMO appoints project managers")
        let notPM = try #require(desk.receive(.appointment(appointment("ana.silva"), origin("b"))).decisions.first)
        #expect(notPM.refusal?.reason == "ana.silva is not a project manager on roster v12")
        #expect(desk.phase() == .awaitingProjectManager)
        let chartered = desk.receive(.appointment(appointment("marc.lefevre"), origin("c")))
        let charter = try #require(chartered.of(ProjectChartered.self).first)
        #expect(charter.projectManager == "marc.lefevre")
        #expect(desk.phase() == .chartered)
        let late = try #require(desk.receive(.appointment(appointment("marc.lefevre"), origin("d"))).decisions.first)
        #expect(late.refusal?.reason == "PRJ-2026-201 is approved and chartered (revision 1); only an approved proposal waiting for a project manager takes an appointment")
    }

    @Test func aWaitingCharterIsRemindedEachPeriodAndEscalatedToThePMOHeadFromTheThird() throws {
        var desk = try waitingDesk()
        desk.advance(days: 4.9)
        #expect(desk.tick().isEmpty)
        desk.advance(days: 0.2)
        let first = try #require(desk.tick().first)
        let reminder = try #require(first.event as? AppointmentReminderIssued)
        #expect(reminder.reminder == 1 && reminder.escalatedTo.isEmpty && reminder.nominatedProjectManager == "tom.nguyen")
        #expect(first.id == "intake/appointment-reminder/PRJ-2026-201/r1/1")
        #expect(desk.tick().isEmpty)
        desk.advance(days: 5)
        #expect((desk.tick().first?.event as? AppointmentReminderIssued)?.escalatedTo == [])
        desk.advance(days: 5)
        let third = try #require(desk.tick().first?.event as? AppointmentReminderIssued)
        #expect(third.reminder == 3)
        #expect(third.escalatedTo == ["anna.kowalski"])
        // The appointment ends the reminders.
        desk.receive(.appointment(appointment("marc.lefevre"), origin("a")))
        desk.advance(days: 5)
        #expect(desk.tick().isEmpty)
    }

    @Test func reviewRemindersRepeatEachPeriodAndEscalateToTheDepartmentHeadsFromTheThird() throws {
        var desk = try DeskHarness(roster: try roster())
        desk.submit(proposal())
        desk.send(review("business", "julien.bernard", .approve))
        desk.advance(days: 5.1)
        let first = try #require(desk.tick().first)
        #expect((first.event as? ReviewReminderIssued)?.reminder == 1)
        #expect(first.id == "intake/reminder/PRJ-2026-201/r1")
        desk.advance(days: 5)
        let second = try #require(desk.tick().first)
        #expect((second.event as? ReviewReminderIssued)?.escalatedTo == [])
        #expect(second.id == "intake/reminder/PRJ-2026-201/r1/2")
        desk.advance(days: 5)
        let third = try #require(desk.tick().first?.event as? ReviewReminderIssued)
        #expect(third.reminder == 3)
        #expect(third.escalatedTo == ["rita.sousa"])
        #expect(third.overdueReviews.map(\.department) == ["technical", "finance", "legal"])
    }
}
