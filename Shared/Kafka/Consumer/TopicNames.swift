import CRdKafka

/// The topic names met while converting one batch of fetched records, so that the records of a
/// topic share one `String` instead of each decoding librdkafka's C name again (a heap string for
/// most names, which are longer than 15 bytes). A name is reused only when its bytes equal the
/// C name, so a topic handle freed and reused for another topic can never lend a wrong name.
struct TopicNames {
    private var names: [String] = []

    /// The name of `topic`, `""` when there is none.
    mutating func name(of topic: OpaquePointer?) -> String {
        guard let topic, let cName = rd_kafka_topic_name(topic) else { return "" }
        if let known = names.first(where: { Self.name($0, equals: cName) }) { return known }
        let name = String(cString: cName)
        // A name that needed repairing (not UTF-8) is not kept: its bytes would never match.
        if names.count < 16, Self.name(name, equals: cName) { names.append(name) }
        return name
    }

    /// Whether the UTF-8 bytes of `name` are those of the NUL-terminated `cName`.
    private static func name(_ name: String, equals cName: UnsafePointer<CChar>) -> Bool {
        var index = 0
        for byte in name.utf8 {
            guard byte != 0, UInt8(bitPattern: cName[index]) == byte else { return false }
            index += 1
        }
        return cName[index] == 0
    }
}
