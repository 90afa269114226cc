import CRdKafka

/// librdkafka properties for one client, plus the way operators set them: command-line flags,
/// environment variables, or a properties file.
///
/// Every librdkafka property (`security.protocol`, `sasl.mechanisms`, `ssl.ca.location`, …) is
/// passed through unchanged, so the same binary works against the embedded broker and against a
/// secured production cluster.
public struct KafkaConfiguration: Sendable, Equatable {
    /// The librdkafka properties, by name.
    public var properties: [String: String]

    /// Creates a configuration that connects to `bootstrapServers` (`host:port[,host:port…]`).
    public init(bootstrapServers: String, properties: [String: String] = [:]) {
        self.properties = properties
        self.properties["bootstrap.servers"] = bootstrapServers
    }

    /// Creates a configuration from raw properties; `bootstrap.servers` must be among them.
    public init(properties: [String: String]) {
        self.properties = properties
    }

    /// The brokers the client first connects to.
    public var bootstrapServers: String {
        properties["bootstrap.servers"] ?? ""
    }

    /// Reads or sets one librdkafka property.
    public subscript(_ name: String) -> String? {
        get { properties[name] }
        set { properties[name] = newValue }
    }

    /// Returns a copy with `values` set, overriding what was there.
    public func merging(_ values: [String: String]) -> KafkaConfiguration {
        var copy = self
        copy.properties.merge(values) { _, new in new }
        return copy
    }

    /// Returns a copy with `values` set only where nothing is set yet (defaults).
    public func withDefaults(_ values: [String: String]) -> KafkaConfiguration {
        var copy = self
        copy.properties.merge(values) { current, _ in current }
        return copy
    }

    /// Parses `name=value` pairs as given to a `--kafka-property` flag or found in a Java-style
    /// properties file (blank lines and lines starting with `#` or `!` are skipped).
    public static func parseProperties<S: Sequence>(_ lines: S) throws(KafkaError) -> [String: String]
    where S.Element: StringProtocol {
        var result: [String: String] = [:]
        for raw in lines {
            let line = raw.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("!") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw .client("Kafka property '\(line)' is not of the form name=value")
            }
            let name = line[..<eq].trimmingCharacters(in: " \t")
            let value = line[line.index(after: eq)...].trimmingCharacters(in: " \t")
            guard !name.isEmpty else {
                throw .client("Kafka property '\(line)' has no name before '='")
            }
            result[name] = value
        }
        return result
    }

    /// Derives librdkafka properties from environment variables.
    ///
    /// `KAFKA_BOOTSTRAP_SERVERS` gives the brokers. Any other `KAFKA_<NAME>` variable whose
    /// lower-cased, dot-separated name is a librdkafka property is passed through, so
    /// `KAFKA_SECURITY_PROTOCOL=SASL_SSL` sets `security.protocol`. Variables that librdkafka does
    /// not know (such as `KAFKA_HOME`) are returned in `ignored` rather than failing.
    public static func environmentProperties(
        _ environment: [String: String]
    ) -> (properties: [String: String], ignored: [String]) {
        var properties: [String: String] = [:]
        var ignored: [String] = []
        for (variable, value) in environment where variable.hasPrefix("KAFKA_") {
            let name = variable.dropFirst("KAFKA_".count).lowercased().replacingAll("_", with: ".")
            if name.isEmpty { continue }
            if isKnownProperty(name, value: value) {
                properties[name] = value
            } else {
                ignored.append(variable)
            }
        }
        return (properties, ignored.sorted())
    }

    /// True when librdkafka knows a property called `name` (checked by setting it on a scratch
    /// configuration; a known name with an invalid value still counts as known, so that the
    /// value's problem is reported when the client is created).
    public static func isKnownProperty(_ name: String, value: String) -> Bool {
        guard let conf = rd_kafka_conf_new() else { return false }
        defer { rd_kafka_conf_destroy(conf) }
        var errorText = [CChar](repeating: 0, count: 256)
        return rd_kafka_conf_set(conf, name, value, &errorText, errorText.count) != RD_KAFKA_CONF_UNKNOWN
    }

    /// The properties only a consumer uses. A producer drops them, so that one configuration
    /// (from flags and environment) serves every client without librdkafka warnings.
    static let consumerOnlyProperties: Set<String> = [
        "group.id", "group.instance.id", "group.protocol", "group.remote.assignor", "group.protocol.type",
        "session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy",
        "coordinator.query.interval.ms", "max.poll.interval.ms", "enable.auto.commit", "auto.commit.interval.ms",
        "enable.auto.offset.store", "auto.offset.reset", "queued.min.messages", "queued.max.messages.kbytes",
        "fetch.wait.max.ms", "fetch.queue.backoff.ms", "fetch.message.max.bytes", "max.partition.fetch.bytes",
        "fetch.max.bytes", "fetch.min.bytes", "fetch.error.backoff.ms", "isolation.level",
        "enable.partition.eof", "check.crcs", "consume.callback.max.messages",
    ]

    /// The properties only a producer uses; a consumer drops them.
    static let producerOnlyProperties: Set<String> = [
        "transactional.id", "transaction.timeout.ms", "enable.idempotence", "enable.gapless.guarantee",
        "queue.buffering.max.messages", "queue.buffering.max.kbytes", "queue.buffering.max.ms", "linger.ms",
        "message.send.max.retries", "retries",
        "queue.buffering.backpressure.threshold", "compression.codec", "compression.type", "compression.level",
        "batch.num.messages", "batch.size", "delivery.report.only.error", "sticky.partitioning.linger.ms",
        "acks", "request.required.acks", "request.timeout.ms", "message.timeout.ms", "delivery.timeout.ms",
        "partitioner",
    ]

    /// The configuration without the properties of the other kind of client.
    func dropping(_ names: Set<String>) -> KafkaConfiguration {
        KafkaConfiguration(properties: properties.filter { !names.contains($0.key) })
    }

    /// Builds a native `rd_kafka_conf_t`, reporting every invalid property at once.
    func makeNative() throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw .client("librdkafka could not allocate a configuration")
        }
        var problems: [String] = []
        var errorText = [CChar](repeating: 0, count: 512)
        for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, name, value, &errorText, errorText.count)
            if result != RD_KAFKA_CONF_OK {
                problems.append(String(cBuffer: errorText))
            }
        }
        if !problems.isEmpty {
            rd_kafka_conf_destroy(conf)
            throw .client("invalid Kafka configuration: " + problems.joined(separator: "; "))
        }
        return conf
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }

    fileprivate func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(self.map { $0 == target ? replacement : $0 })
    }
}
