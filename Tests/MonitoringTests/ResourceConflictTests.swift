import Foundation
import Testing
import PMOModel
@testable import Monitoring

/// Hand-worked figures. May 2026 has 31 days and June 30: at 40 h a week the capacity of May is
/// 40 × 31 / 7 = 177.142… → 177.14 h; at 36 h a week May is 159.43 h and June 154.29 h.
@Suite("A resource's allocation book and its over-allocation conflicts, resolved by project priority")
struct ResourceConflictTests {
    let resource = "RES-0112"
    let critical = "PRJ-2026-001"
    let medium = "PRJ-2026-002"
    let low = "PRJ-2026-003"
    let high = "PRJ-2026-004"
    let highToo = "PRJ-2026-005"
    let unlisted = "PRJ-2026-009"
    var priorities: [String: Priority] {
        [critical: .critical, medium: .medium, low: .low, high: .high, highToo: .high]
    }

    func request(_ allocationId: String, _ projectId: String, _ hours: Double, from start: String = "2026-05-01",
                 to end: String = "2026-05-31", requestedAt seconds: TimeInterval = 0) -> AllocationRequested {
        AllocationRequested(resourceId: resource, allocationId: allocationId, projectId: projectId, role: "data-engineer",
                            periodStart: day(start), periodEnd: day(end), hours: hours, requestedBy: "ana.silva",
                            requestedAt: t0.addingTimeInterval(seconds))
    }

    func release(_ allocationId: String, _ projectId: String, _ hours: Double? = nil) -> AllocationReleased {
        AllocationReleased(resourceId: resource, allocationId: allocationId, projectId: projectId, hoursReleased: hours,
                           releasedBy: "ana.silva", releasedAt: t0.addingTimeInterval(3_600))
    }

    func receive(_ book: inout ResourceAllocations, _ event: AllocationRequested, perWeek: Double = 40,
                 sourceLocation: SourceLocation = #_sourceLocation) -> [ResourceConflictAction] {
        let actions = book.receive(event, capacityHoursPerWeek: perWeek, priorities: priorities, policyVersion: 3,
                                   at: t0.addingTimeInterval(7_200))
        expectValid(actions, sourceLocation: sourceLocation)
        return actions
    }

    func receive(_ book: inout ResourceAllocations, _ event: AllocationReleased, perWeek: Double = 40,
                 sourceLocation: SourceLocation = #_sourceLocation) -> [ResourceConflictAction] {
        let actions = book.receive(event, capacityHoursPerWeek: perWeek, priorities: priorities, policyVersion: 3,
                                   at: t0.addingTimeInterval(7_200))
        expectValid(actions, sourceLocation: sourceLocation)
        return actions
    }

    /// Every conflict event (published or cleared), validated against its contract.
    func expectValid(_ actions: [ResourceConflictAction], sourceLocation: SourceLocation) {
        for action in actions {
            switch action {
            case .conflict(let event), .resolved(_, clears: let event):
                #expect(event.validate().isEmpty, "\(event.validate())", sourceLocation: sourceLocation)
            }
        }
    }

    func conflicts(_ actions: [ResourceConflictAction]) -> [ResourceConflictDetected] {
        actions.compactMap { if case .conflict(let event) = $0 { event } else { nil } }
    }

    /// Low 20 h, then medium 80 h, then critical 100 h, all in May at 40 h a week: 200 h against
    /// 177.14 h, 22.86 h over. Low gives up all its 20 h, medium the other 2.86 h, critical keeps.
    func overloadedMay() -> (ResourceAllocations, ResourceConflictDetected?) {
        var book = ResourceAllocations(resourceId: resource)
        #expect(receive(&book, request("AL-3", low, 20, requestedAt: 0)).isEmpty)
        #expect(receive(&book, request("AL-2", medium, 80, requestedAt: 60)).isEmpty)
        let actions = receive(&book, request("AL-1", critical, 100, requestedAt: 120))
        #expect(actions.count == 1)
        return (book, conflicts(actions).first)
    }

    @Test func aMonthOverCapacityIsResolvedByPriorityTheLowestCutFirst() throws {
        let (book, found) = overloadedMay()
        let conflict = try #require(found)
        #expect(conflict.resourceId == resource && conflict.policyVersion == 3)
        #expect(conflict.detectedAt == t0.addingTimeInterval(7_200))
        #expect(conflict.periodStart == day("2026-05-01") && conflict.periodEnd == day("2026-05-31"))
        #expect(conflict.capacityHours == 177.14 && conflict.allocatedHours == 200)
        #expect(abs(conflict.overAllocationHours - 22.86) < 1e-9)
        #expect(conflict.allocations == [
            ConflictingAllocation(projectId: critical, allocationId: "AL-1", hours: 100, priority: .critical),
            ConflictingAllocation(projectId: medium, allocationId: "AL-2", hours: 80, priority: .medium),
            ConflictingAllocation(projectId: low, allocationId: "AL-3", hours: 20, priority: .low),
        ])
        #expect(conflict.resolution.adjustments == [
            AllocationAdjustment(projectId: low, allocationId: "AL-3", reduceByHours: 20),
            AllocationAdjustment(projectId: medium, allocationId: "AL-2", reduceByHours: 2.86),
        ])
        #expect(conflict.resolution.rationale == "RES-0112 is allocated 200 h in 2026-05 against 177.14 h of capacity (22.86 h over). By project priority, ties to the earlier request: PRJ-2026-001 (critical, AL-1) keeps its 100 h; PRJ-2026-002 (medium, AL-2) gives up 2.86 h of 80 h; PRJ-2026-003 (low, AL-3) gives up all its 20 h.")
        #expect(book.openConflicts == [CalendarMonth(day("2026-05-01")): conflict])
        #expect(book.allocations.map(\.allocationId) == ["AL-3", "AL-2", "AL-1"])
    }

    @Test func equalPrioritiesAreSettledByTheEarlierRequestNotTheArrival() throws {
        var book = ResourceAllocations(resourceId: resource)
        // The later request arrives first, and the earlier one has the larger id (so neither the
        // arrival nor the id order gives the answer); 240 h against 177.14 h, 62.86 h over.
        #expect(receive(&book, request("AL-4", high, 120, requestedAt: 60)).isEmpty)
        let conflict = try #require(conflicts(receive(&book, request("AL-5", highToo, 120, requestedAt: 0))).first)
        #expect(conflict.allocations.map(\.allocationId) == ["AL-5", "AL-4"])
        #expect(conflict.resolution.adjustments == [
            AllocationAdjustment(projectId: high, allocationId: "AL-4", reduceByHours: 62.86),
        ])
        #expect(conflict.resolution.rationale.hasSuffix("PRJ-2026-005 (high, AL-5) keeps its 120 h; PRJ-2026-004 (high, AL-4) gives up 62.86 h of 120 h."))
    }

    @Test func equalPrioritiesRequestedAtTheSameTimeAreSettledByTheAllocationId() throws {
        var book = ResourceAllocations(resourceId: resource)
        #expect(receive(&book, request("AL-2", high, 120)).isEmpty)
        let conflict = try #require(conflicts(receive(&book, request("AL-1", highToo, 120))).first)
        #expect(conflict.resolution.adjustments.map(\.allocationId) == ["AL-2"])
    }

    @Test func aReleaseRemovingTheOverloadResolvesTheConflict() throws {
        var (book, found) = overloadedMay()
        let conflict = try #require(found)
        // Medium releases 30 h of its 80: 170 h against 177.14 h.
        let actions = receive(&book, release("AL-2", medium, 30))
        #expect(actions == [.resolved(CalendarMonth(day("2026-05-01")), clears: conflict)])
        #expect(book.openConflicts.isEmpty)
        #expect(book.allocations.first { $0.allocationId == "AL-2" }?.hours == 50)
        // Nothing left to resolve: a further release changes no conflict.
        #expect(receive(&book, release("AL-3", low)).isEmpty)
        #expect(book.allocations.map(\.allocationId) == ["AL-2", "AL-1"])
    }

    @Test func aPartialReleaseThatStillOverloadsUpdatesTheConflict() throws {
        var (book, _) = overloadedMay()
        // Medium releases 10 h: 190 h, 12.86 h over; low alone gives up 12.86 of its 20 h.
        let updated = try #require(conflicts(receive(&book, release("AL-2", medium, 10))).first)
        #expect(updated.allocatedHours == 190 && updated.capacityHours == 177.14)
        #expect(updated.allocations.map(\.hours) == [100, 70, 20])
        #expect(updated.resolution.adjustments == [
            AllocationAdjustment(projectId: low, allocationId: "AL-3", reduceByHours: 12.86),
        ])
        #expect(book.openConflicts[CalendarMonth(day("2026-05-01"))] == updated)
        // Low releases the whole allocation: 170 h, resolved.
        #expect(receive(&book, release("AL-3", low)) == [.resolved(CalendarMonth(day("2026-05-01")), clears: updated)])
    }

    @Test func anAllocationSpanningTwoMonthsCompetesInEachByItsShareOfDays() throws {
        var book = ResourceAllocations(resourceId: resource)
        // At 36 h a week: AL-1 100 h in May; AL-2 220 h from 18 May to 30 June, 44 days at 5 h:
        // 70 h in May, 150 h in June. May 170 h against 159.43 h (10.57 over); June 150 h
        // against 154.29 h, within.
        #expect(receive(&book, request("AL-1", high, 100), perWeek: 36).isEmpty)
        let may = try #require(conflicts(receive(&book, request("AL-2", medium, 220, from: "2026-05-18",
                                                                to: "2026-06-30", requestedAt: 60), perWeek: 36)).first)
        #expect(may.periodStart == day("2026-05-01") && may.periodEnd == day("2026-05-31"))
        #expect(may.capacityHours == 159.43 && may.allocatedHours == 170)
        #expect(may.allocations.map(\.hours) == [100, 70])
        #expect(may.resolution.adjustments == [AllocationAdjustment(projectId: medium, allocationId: "AL-2", reduceByHours: 10.57)])
        // A low June allocation of 10 h: June 160 h against 154.29 h, 5.71 over; May unchanged,
        // so only June is published.
        let actions = receive(&book, request("AL-3", low, 10, from: "2026-06-01", to: "2026-06-30", requestedAt: 120),
                              perWeek: 36)
        let june = try #require(conflicts(actions).first)
        #expect(actions.count == 1)
        #expect(june.periodStart == day("2026-06-01") && june.periodEnd == day("2026-06-30"))
        #expect(june.capacityHours == 154.29 && june.allocatedHours == 160)
        #expect(june.resolution.adjustments == [AllocationAdjustment(projectId: low, allocationId: "AL-3", reduceByHours: 5.71)])
        #expect(book.openConflicts.keys.sorted().map(\.description) == ["2026-05", "2026-06"])
        // Releasing AL-2 resolves both months, in date order.
        #expect(receive(&book, release("AL-2", medium), perWeek: 36) == [
            .resolved(CalendarMonth(day("2026-05-01")), clears: may),
            .resolved(CalendarMonth(day("2026-06-01")), clears: june),
        ])
    }

    @Test func aProjectTheChartersDoNotListCountsAsLowestPriority() throws {
        var book = ResourceAllocations(resourceId: resource)
        // The unlisted project asked first, yet gives up the 22.86 h to the medium one.
        #expect(receive(&book, request("AL-1", unlisted, 100, requestedAt: 0)).isEmpty)
        let conflict = try #require(conflicts(receive(&book, request("AL-1", medium, 100, requestedAt: 60))).first)
        #expect(conflict.allocations == [
            ConflictingAllocation(projectId: medium, allocationId: "AL-1", hours: 100, priority: .medium),
            ConflictingAllocation(projectId: unlisted, allocationId: "AL-1", hours: 100, priority: .low),
        ])
        #expect(conflict.resolution.adjustments == [AllocationAdjustment(projectId: unlisted, allocationId: "AL-1", reduceByHours: 22.86)])
    }

    @Test func aRepeatedRequestReplacesTheAllocationAndAStaleOneChangesNothing() throws {
        var (book, found) = overloadedMay()
        let conflict = try #require(found)
        // The same request again (a redelivery): nothing changes, nothing is published.
        let before = book
        #expect(receive(&book, request("AL-1", critical, 100, requestedAt: 120)).isEmpty)
        #expect(book == before)
        // An older version of AL-2 arriving late is ignored.
        #expect(receive(&book, request("AL-2", medium, 500, requestedAt: 30)).isEmpty)
        #expect(book == before)
        // An amended AL-1 of 70 h replaces the 100 h: 170 h, resolved.
        #expect(receive(&book, request("AL-1", critical, 70, requestedAt: 600)) ==
                [.resolved(CalendarMonth(day("2026-05-01")), clears: conflict)])
        #expect(book.allocations.count == 3 && book.allocations.last?.hours == 70)
        // A release by another project, or of an unknown allocation, or for another resource: nothing.
        #expect(receive(&book, release("AL-1", medium)).isEmpty)
        #expect(receive(&book, release("AL-9", critical)).isEmpty)
        var elsewhere = release("AL-1", critical)
        elsewhere.resourceId = "RES-0999"
        #expect(receive(&book, elsewhere).isEmpty)
        #expect(book.allocations.count == 3)
    }

    @Test func theBookRoundTripsThroughJSON() throws {
        let (book, _) = overloadedMay()
        let decoded = try PMOJSON.decode(ResourceAllocations.self, from: PMOJSON.encode(book))
        #expect(decoded == book)
    }

    @Test func calendarMonthsSpreadHoursOverDaysAcrossTheYearEnd() {
        // 200 h over 22 Dec 2026 to 10 Jan 2027: 20 days, 10 in each month.
        let shares = CalendarMonth.spread(200, from: day("2026-12-22"), to: day("2027-01-10"))
        #expect(shares.map(\.0.description) == ["2026-12", "2027-01"])
        #expect(shares.map(\.1) == [100, 100])
        #expect(ResourceAllocations.hoursText(159.4285) == "159.43" && ResourceAllocations.hoursText(40.5) == "40.5")
        #expect(ResourceAllocations.hoursText(80) == "80" && ResourceAllocations.hoursText(2.05) == "2.05")
    }
}
