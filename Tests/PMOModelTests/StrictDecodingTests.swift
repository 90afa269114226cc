import Foundation
import Testing
@testable import PMOModel

/// The Swift model reads a record as its JSON Schema does: properties the schema does not define
/// are violations, and a field that does not decode does not hide the record's other violations.
@Suite struct StrictDecodingTests {
    let registry = EventRegistry.standard

    /// Example 0 of `eventType` as a mutable JSON object.
    func exampleObject(_ eventType: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: exampleData(eventType)[0]) as? [String: Any])
    }

    func violations(_ eventType: String, _ object: [String: Any]) throws -> (ContractError, Set<String>) {
        let data = try JSONSerialization.data(withJSONObject: object)
        let error = try #require(throws: ContractError.self) { try registry.decodeValidated(type: eventType, data: data) }
        return (error, Set(error.violations.map(\.pointer)))
    }

    @Test func anUnknownPropertyIsAViolationAtItsPointer() throws {
        var proposal = try exampleObject(ProposalSubmitted.eventType)
        proposal["colour"] = "red"
        let (error, pointers) = try violations(ProposalSubmitted.eventType, proposal)
        #expect(pointers == ["/colour"])
        #expect(error.errorClass == "schema-mismatch")
        #expect(error.description.contains("/colour: is not a field of this object"))
    }

    @Test func unknownPropertiesInNestedRecordsAreViolations() throws {
        var proposal = try exampleObject(ProposalSubmitted.eventType)
        var risks = try #require(proposal["initialRisks"] as? [[String: Any]])
        risks[1]["severity"] = "high"
        proposal["initialRisks"] = risks
        var budget = try #require(proposal["budgetEstimate"] as? [String: Any])
        budget["cents"] = 0
        proposal["budgetEstimate"] = budget
        let (_, pointers) = try violations(ProposalSubmitted.eventType, proposal)
        #expect(pointers == ["/initialRisks/1/severity", "/budgetEstimate/cents"])
    }

    @Test func aFieldThatDoesNotDecodeHidesNoOtherViolation() throws {
        var proposal = try exampleObject(ProposalSubmitted.eventType)
        proposal["targetStart"] = "2026-02-30"
        proposal["sponsor"] = "Helene"
        proposal["revision"] = "1"
        var risks = try #require(proposal["initialRisks"] as? [[String: Any]])
        risks[0]["owner"] = 7
        risks[1]["probability"] = 1.5
        proposal["initialRisks"] = risks
        let (error, pointers) = try violations(ProposalSubmitted.eventType, proposal)
        #expect(pointers == ["/targetStart", "/sponsor", "/revision", "/initialRisks/0/owner", "/initialRisks/1/probability"])
        #expect(error.description.contains("'2026-02-30' is not a calendar date"))
    }

    @Test func nullIsNotAnAbsentOptionalField() throws {
        var review = try exampleObject(ReviewSubmitted.eventType)
        review["comments"] = NSNull()
        let (_, pointers) = try violations(ReviewSubmitted.eventType, review)
        #expect(pointers == ["/comments"])
    }

    @Test func theServicesRecordPathRejectsUnknownProperties() throws {
        var record = try registry.encode(try example(VoteCast.self), id: "v1", source: "/upstream/pmoctl", time: Date())
        var object = try #require(try JSONSerialization.jsonObject(with: Data(record.value)) as? [String: Any])
        object["weight"] = 2
        record.value = Array(try JSONSerialization.data(withJSONObject: object))
        let error = try #require(throws: ContractError.self) { try registry.decode(record: record) }
        #expect(error.violations.map(\.pointer) == ["/weight"])
    }
}
