import Foundation
import Testing
@testable import PMOModel

@Suite struct ViolationCollectorTests {
    /// The check `text` made before: trim white space and line breaks, see whether anything is left.
    static func referenceHasContent(_ value: String) -> Bool {
        !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    @Test func textCheckAgreesWithTrimmingForEveryScalarOfTheBasicPlane() {
        for value in 0...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in ["\(scalar)", " \(scalar)\n", "\(scalar)\(scalar)"] {
                #expect(ViolationCollector.hasContent(text) == Self.referenceHasContent(text), "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func textCheckAgreesWithTrimmingOnMixedText() {
        let texts = ["", " ", "\t\n\r\u{0B}\u{0C}", "\u{85}\u{A0}\u{2028}\u{2029}\u{3000}\u{1680}\u{202F}", "\r\n", " x ",
                     "\u{1C}\u{1D}\u{1E}\u{1F}", "\u{200B}", "\u{FEFF}", "\u{1F600}", " e\u{301} ", "\u{301}", "\u{00}",
                     "PRJ-2026-014"]
        for text in texts {
            #expect(ViolationCollector.hasContent(text) == Self.referenceHasContent(text), "\(text.debugDescription)")
        }
        var collector = ViolationCollector()
        collector.text(" \n\u{3000}", at: .root / "name")
        collector.text("x", at: .root / "other")
        #expect(collector.violations.map(\.pointer) == ["/name"])
    }

    /// What `unique` must say of `values`: every position whose value came earlier.
    static func referenceRepeats(_ values: [String]) -> [String] {
        values.indices.filter { index in values[..<index].contains(values[index]) }
            .map { "repeats the person '\(values[$0])' at position \($0)" }
    }

    @Test(arguments: [[], ["a"], ["a", "b"], ["a", "a"], ["a", "b", "a", "c", "b", "a"],
                      (0..<16).map { "p\($0 % 15)" }, (0..<40).map { "p\($0 % 17)" }, (0..<40).map { "p\($0)" }])
    func aRepeatedValueIsNamedAtEveryPositionItRepeats(_ values: [String]) {
        var collector = ViolationCollector()
        collector.unique(values, at: .root / "people", "person")
        #expect(collector.violations.map(\.message) == Self.referenceRepeats(values))
        #expect(collector.violations.allSatisfy { $0.pointer == "/people" })
    }
}
