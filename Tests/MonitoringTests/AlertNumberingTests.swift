import Testing
@testable import Monitoring

@Suite("A project's alert and escalation numbers")
struct AlertNumberingTests {
    @Test func idsCountUpAndSortByNumberNotByText() {
        var numbering = AlertNumbering()
        #expect([numbering.alertId(), numbering.alertId(), numbering.escalationId()] == ["AL-1", "AL-2", "ES-1"])
        #expect(["AL-10", "AL-9", "AL-2"].sorted(by: AlertNumbering.precedes) == ["AL-2", "AL-9", "AL-10"])
    }
}
