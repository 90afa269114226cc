import PMOModel

/// A RAG rating as a person sees it: never colour alone, always the word and a symbol too.
public struct RAGCell: Equatable, Sendable, Encodable {
    /// `green`, `amber`, `red`, or `none`.
    public var rating: String
    /// The word shown: "Green", "Amber", "Red", "No rating".
    public var label: String
    /// A symbol that differs in shape, not only colour: ● ▲ ■ and ○.
    public var symbol: String

    public init(_ status: RAGStatus?) {
        switch status {
        case .green?: (rating, label, symbol) = ("green", "Green", "●")
        case .amber?: (rating, label, symbol) = ("amber", "Amber", "▲")
        case .red?: (rating, label, symbol) = ("red", "Red", "■")
        case nil: (rating, label, symbol) = ("none", "No rating", "○")
        }
    }
}
