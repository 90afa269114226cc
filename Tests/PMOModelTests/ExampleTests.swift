import Foundation
import Testing
@testable import PMOModel

/// Every schema example decodes into its Swift type and breaks no domain rule (the pytest suite
/// checks the re-encoding against the JSON Schemas).
@Suite struct ExampleTests {
    @Test(arguments: EventRegistry.standard.eventTypes)
    func examplesDecodeAndValidate(_ eventType: String) throws {
        let examples = try exampleData(eventType)
        #expect(!examples.isEmpty)
        for data in examples {
            let event = try EventRegistry.standard.decodeValidated(type: eventType, data: data)
            #expect(Swift.type(of: event).eventType == eventType)
            let again = try EventRegistry.standard.decode(type: eventType, data: event.jsonData())
            #expect(again.isEqual(to: event))
        }
    }
}
