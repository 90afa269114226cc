extension HealthAssessedV2 {
    /// A measured health carries the baseline revision, the figures, the schedule, the ratings and
    /// the trend; a health without a baseline carries none of them; a superseding revision is
    /// later than the one measured against.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        let parts: [(String, Bool)] = [("baselineRevision", baselineRevision != nil), ("figures", figures != nil),
                                       ("schedule", schedule != nil), ("ratings", ratings != nil), ("trend", trend != nil)]
        for (name, present) in parts {
            switch measurement {
            case .measured:
                violations.require(present, pointer / name, "a measured health gives its \(name)")
            case .noBaseline:
                violations.require(!present, pointer / name, "a health without a baseline measures nothing, so it has no \(name)")
            }
        }
        if let supersededBy, let baselineRevision {
            violations.require(supersededBy > baselineRevision, pointer / "supersededBy",
                               "revision \(supersededBy) does not supersede the measured revision \(baselineRevision)")
        }
    }
}
