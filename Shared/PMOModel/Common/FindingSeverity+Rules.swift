extension FindingSeverity {
    /// Whether a finding of this severity blocks approval: major and critical do, minor and
    /// info do not.
    public var isBlocking: Bool {
        switch self {
        case .major, .critical: true
        case .minor, .info: false
        }
    }
}
