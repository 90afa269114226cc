extension HealthRatings {
    /// The overall rating is the worst of the dimensions.
    func validateRules(at pointer: JSONPointer, into violations: inout ViolationCollector) {
        violations.require(overall == worstDimension, pointer / "overall",
                           "must be the worst of the dimensions (\(worstDimension.rawValue)), not \(overall.rawValue)")
    }

    /// The worst rating among schedule, cost, quality and risk.
    public var worstDimension: RAGStatus {
        let dimensions = [schedule, cost, quality, risk]
        if dimensions.contains(.red) { return .red }
        if dimensions.contains(.amber) { return .amber }
        return .green
    }
}
