import Testing
@testable import PMOModel

@Suite struct JSONPointerTests {
    @Test func buildsAndEscapes() {
        let pointer = JSONPointer.root / "riskRegister" / 2 / "a/b~c"
        #expect(pointer.description == "/riskRegister/2/a~1b~0c")
        #expect(JSONPointer.root.description == "")
    }

    @Test func parsesWhatItPrints() throws {
        let pointer = try #require(JSONPointer(parsing: "/riskRegister/2/a~1b~0c"))
        #expect(pointer.tokens == ["riskRegister", "2", "a/b~c"])
        #expect(JSONPointer(parsing: "riskRegister") == nil)
        #expect(JSONPointer(parsing: "") == .root)
    }

    @Test func mapsCodingPathsWithArrayIndices() {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init(intValue: Int) { self.stringValue = "Index \(intValue)"; self.intValue = intValue }
        }
        let path: [any CodingKey] = [Key(stringValue: "risks"), Key(intValue: 3), Key(stringValue: "impact")]
        #expect(JSONPointer(codingPath: path).description == "/risks/3/impact")
    }
}
