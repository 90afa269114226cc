/// Why a status report cannot be measured against a baseline.
///
/// Each case is an input the contracts already refuse (an empty curve, amounts in two currencies,
/// a report without progress); the earned-value core says so instead of guessing a figure.
public enum EarnedValueInputError: Error, Hashable, Sendable {
    /// The baseline's planned-value curve has no point.
    case emptyCurve
    /// An amount is in `found` where the baseline's budget at completion is in `expected`: money
    /// in two currencies is never added or divided.
    case currencyMismatch(expected: String, found: String)
    /// The report gives neither an earned value nor a (finite) percent complete.
    case noProgress
}
