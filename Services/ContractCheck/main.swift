// pmo-contract-check: the Swift side of the cross-language contract tests (Tests/SchemaTests).
//
//   pmo-contract-check check     reads lines "<id>\t<ce_type>\t<json>" on stdin and writes one JSON
//                                line per input: whether the Swift model decodes it, the decoding
//                                error or domain violations (with JSON Pointers), and the event
//                                re-encoded by PMOJSON.
//   pmo-contract-check catalog   writes the topic catalog, the event registry and the identifier
//                                patterns as JSON.
import Foundation
import PMOModel

func writeLine(_ object: [String: Any]) {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
        FileHandle.standardError.write(Data("cannot serialise a result\n".utf8))
        exit(2)
    }
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}

func violationObjects(_ violations: [Violation]) -> [[String: String]] {
    violations.map { ["pointer": $0.pointer, "message": $0.message] }
}

func check() {
    let registry = EventRegistry.standard
    while let line = readLine(strippingNewline: true) {
        if line.isEmpty { continue }
        let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            FileHandle.standardError.write(Data("expected '<id>\\t<ce_type>\\t<json>', got: \(line.prefix(80))\n".utf8))
            exit(2)
        }
        var result: [String: Any] = ["id": String(parts[0]), "eventType": String(parts[1])]
        do {
            let event = try registry.decode(type: String(parts[1]), data: Data(parts[2].utf8))
            result["decoded"] = true
            result["violations"] = violationObjects(event.validate())
            let data = try event.jsonData()
            result["reencoded"] = String(decoding: data, as: UTF8.self)
            // The re-encoded event must decode to an equal value.
            let again = try registry.decode(type: String(parts[1]), data: data)
            result["roundTripEqual"] = again.isEqual(to: event)
        } catch let error as ContractError {
            result["decoded"] = false
            result["errorClass"] = error.errorClass
            result["error"] = error.description
            result["violations"] = violationObjects(error.violations)
        } catch {
            result["decoded"] = false
            result["errorClass"] = "encoding-failed"
            result["error"] = String(describing: error)
            result["violations"] = [[String: String]]()
        }
        writeLine(result)
    }
}

func catalog() {
    do {
        let topics = try JSONSerialization.jsonObject(with: PMOJSON.encode(TopicCatalog.all))
        var patterns: [String: String] = [:]
        for kind in IdentifierKind.allCases { patterns[kind.rawValue] = kind.pattern }
        writeLine([
            "topics": topics,
            "eventTypes": EventRegistry.standard.eventTypes,
            "projectPartitions": TopicCatalog.projectPartitions,
            "identifierPatterns": patterns,
            "dateTimePattern": RFC3339.pattern,
            "problems": TopicCatalog.problems(),
            "envelopeHeaders": CloudEventAttributes.Header.all,
            "deadLetterHeaders": DeadLetter.Header.required,
            "optionalDeadLetterHeaders": DeadLetter.Header.optional,
        ])
    } catch {
        FileHandle.standardError.write(Data("cannot encode the catalog: \(error)\n".utf8))
        exit(2)
    }
}

switch CommandLine.arguments.dropFirst().first {
case "check": check()
case "catalog": catalog()
default:
    FileHandle.standardError.write(Data("usage: pmo-contract-check check|catalog\n".utf8))
    exit(64)
}
