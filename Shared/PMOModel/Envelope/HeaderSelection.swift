/// The headers of one record that a reader asks for by name, found in a single pass over the
/// record's headers: for each name, the first header called so and whether it appears more than
/// once. Reading the envelope this way looks at every header once, instead of filtering all of
/// them again for every name.
///
/// Names are compared as `String`s, exactly as a filter on `name == wanted` does.
struct HeaderSelection {
    private let headers: [RecordHeader]
    private let names: [String]
    /// For each name, the index in `headers` of the only header called so, or ``missing`` or
    /// ``repeated`` (plain integers: no array of a type of this module to instantiate per record).
    private var positions: [Int]

    private static let missing = -1
    private static let repeated = -2

    /// Finds the headers called by any of `names` (distinct) among `headers`; other headers are ignored.
    init(_ headers: [RecordHeader], names: [String]) {
        self.headers = headers
        self.names = names
        positions = Array(repeating: Self.missing, count: names.count)
        for (index, header) in headers.enumerated() {
            guard let slot = names.firstIndex(of: header.name) else { continue }
            positions[slot] = positions[slot] == Self.missing ? index : Self.repeated
        }
    }

    /// The only header called `name` (one of the names asked for); throws when it is missing or
    /// repeated.
    func single(_ name: String) throws(EnvelopeError) -> RecordHeader {
        let position = names.firstIndex(of: name).map { positions[$0] } ?? Self.missing
        guard position != Self.missing else { throw .missingHeader(name) }
        guard position != Self.repeated else { throw .repeatedHeader(name) }
        return headers[position]
    }

    /// The text of the only header called `name`; throws when it is missing, repeated or not UTF-8.
    func singleText(_ name: String) throws(EnvelopeError) -> String {
        let header = try single(name)
        guard let text = header.text else {
            throw .invalidHeader(name: name, value: "\(header.value.count) bytes", reason: "is not UTF-8 text")
        }
        return text
    }
}
