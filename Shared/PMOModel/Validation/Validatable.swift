/// A value that can check its own domain rules (beyond what its types already guarantee).
///
/// Implementations append every violation they find, never stopping at the first, and report
/// each one at a pointer relative to `pointer`, the position of the value in its event.
public protocol Validatable {
    /// Appends every broken rule of this value, located under `pointer`, to `violations`.
    func validate(at pointer: JSONPointer, into violations: inout ViolationCollector)
}

extension Validatable {
    /// Every violation of this value, located relative to the value itself.
    public func violations() -> [Violation] {
        var collector = ViolationCollector()
        validate(at: .root, into: &collector)
        return collector.violations
    }
}
