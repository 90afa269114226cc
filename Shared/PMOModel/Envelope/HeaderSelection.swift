/// The headers of one record that a reader asks for by name, found in a single pass over the
/// record's headers: for each name, the first header called so and whether it appears more than
/// once. Reading the envelope this way looks at every header once, instead of filtering all of
/// them again for every name.
///
/// Names are compared as `String`s, exactly as a filter on `name == wanted` does.
struct HeaderSelection {
    private struct Slot {
        var first: RecordHeader?
        var repeated = false
    }

    private let names: [String]
    private var slots: [Slot]

    /// Finds the headers called by any of `names` (distinct) among `headers`; other headers are ignored.
    init(_ headers: [RecordHeader], names: [String]) {
        self.names = names
        slots = Array(repeating: Slot(), count: names.count)
        for header in headers {
            guard let index = names.firstIndex(of: header.name) else { continue }
            if slots[index].first == nil {
                slots[index].first = header
            } else {
                slots[index].repeated = true
            }
        }
    }

    /// The only header called `name` (one of the names asked for); throws when it is missing or
    /// repeated.
    func single(_ name: String) throws(EnvelopeError) -> RecordHeader {
        guard let index = names.firstIndex(of: name), let header = slots[index].first else {
            throw .missingHeader(name)
        }
        guard !slots[index].repeated else { throw .repeatedHeader(name) }
        return header
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
