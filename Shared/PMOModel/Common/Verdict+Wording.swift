extension Verdict {
    /// The verdict as a past action in reasons people read: "approved", "rejected", "asked for a
    /// revision" (intake's reviews, planning's expert reviews and change control's votes alike).
    public var pastTense: String {
        switch self {
        case .approve: "approved"
        case .reject: "rejected"
        case .revise: "asked for a revision"
        }
    }
}
