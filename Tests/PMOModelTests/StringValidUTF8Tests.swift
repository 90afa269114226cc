import Testing
@testable import PMOModel

/// `String(validUTF8:)` accepts exactly what `String(validating:as:)` accepts, with the same text.
@Suite struct StringValidUTF8Tests {
    private func read(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
    }

    @Test func validTextIsKept() {
        for text in ["", "ce_type", "PRJ-2026-007", "Müller & Søn", "€ 1.200", "日本語", "🚀 launch", "a\u{0}b"] {
            #expect(read(Array(text.utf8)) == text, "\(text)")
        }
    }

    /// Invalid bytes that decoding repairs into text of the same length: a check of the length
    /// alone would take the repaired text for the input.
    @Test func invalidUTF8IsRefusedEvenWhenItsRepairHasTheSameLength() {
        let truncated: [UInt8] = [0xF0, 0x9F, 0x98]  // the first three bytes of a four-byte sequence
        #expect(String(decoding: truncated, as: UTF8.self).utf8.count == truncated.count, "the repair is as long")
        #expect(read(truncated) == nil)
        for bytes: [UInt8] in [[0xC3, 0x28], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xFF], [0x61, 0x80], [0xC0, 0xAF]] {
            #expect(read(bytes) == nil, "\(bytes)")
        }
    }

    /// Random byte strings, mostly of the bytes UTF-8's multi-byte sequences use, against the
    /// standard library's own validation.
    @Test func agreesWithTheStandardLibrarysValidation() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        var valid = 0
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let expected = String(validating: bytes, as: UTF8.self)
            #expect(read(bytes) == expected, "\(bytes)")
            if expected != nil { valid += 1 }
        }
        #expect(valid > 100, "some of the samples are valid")
    }
}
