import Testing
@testable import Monitoring

@Suite("A project's alert and escalation numbers")
struct AlertNumberingTests {
    @Test func idsCountUpAndSortByNumberNotByText() {
        var numbering = AlertNumbering()
        #expect([numbering.alertId(), numbering.alertId(), numbering.escalationId()] == ["AL-1", "AL-2", "ES-1"])
        #expect(["AL-10", "AL-9", "AL-2"].sorted(by: AlertNumbering.precedes) == ["AL-2", "AL-9", "AL-10"])
    }

    @Test func theNumberIsReadAfterTheLastDashAndIsZeroWhenThereIsNone() {
        #expect(AlertNumbering.number(of: "AL-12") == 12)
        #expect(AlertNumbering.number(of: "ES-2026-7") == 7)
        for id in ["AL-", "AL-x", "AL-1x", "AL", "", "AL-1234567890123456789"] {
            #expect(AlertNumbering.number(of: id) == 0, "\(id)")
        }
        #expect(["ES-10", "AL-9", "AL-x"].sorted(by: AlertNumbering.precedes) == ["AL-x", "AL-9", "ES-10"])
    }
}
