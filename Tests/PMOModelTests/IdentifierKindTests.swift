import Testing
@testable import PMOModel

/// The hand-written matchers accept exactly what the JSON Schema patterns accept.
@Suite struct IdentifierKindTests {
    static let samples = [
        "PRJ-2026-014", "PRJ-2026-14", "PRJ-20260-014", "PRJ-2026-0140", "prj-2026-014", "PRJ-2026-014 ", "PRJ--014",
        "CR-2026-031", "CR-2026-31", "CR-2026-031-1", "RES-0107", "RES-107", "RES-01070", "RES-A107",
        "EUR", "eur", "EURO", "EU", "E1R",
        "amelie.moreau", "amelie", "a.b.c", "a1.b2", "amelie.", ".amelie", "amelie..moreau", "amelie.1st", "Amelie.moreau",
        "amelie moreau", "amélie.moreau",
        "finance", "it-operations", "it-", "-it", "it--ops", "it-2", "2it", "pmo-policy", "data-engineer", "Finance",
        "R-3", "WP-1.2", "WP-1.2.3", "MS-12", "ABCD-1234", "ABCDE-1", "WP-12345", "WP-1.2345", "WP-1.", "WP-", "-1",
        "wp-1", "SO-2", "AL-31", "R3", "WP-1..2", "", " ",
    ]

    @Test(arguments: IdentifierKind.allCases)
    func handMatcherAgreesWithThePattern(_ kind: IdentifierKind) throws {
        let regex = try Regex(kind.pattern)
        for sample in Self.samples + [kind.example] {
            #expect(kind.matches(sample) == (sample.wholeMatch(of: regex) != nil), "\(kind) on '\(sample)'")
        }
        #expect(kind.matches(kind.example))
    }
}
