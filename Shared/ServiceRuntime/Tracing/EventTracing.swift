import Kafka
import PMOModel
import Tracing

/// Follows PMO events across services. Trace context travels in the CloudEvents
/// distributed-tracing extension, as W3C `traceparent` and `tracestate` in the record headers
/// `ce_traceparent` and `ce_tracestate`. Each processing step is a span, a child of the context
/// its input carried (a root when it carried none), and every record the step emits carries the
/// step's own context, so one proposal can be followed from the gateway through intake to its
/// charter, and from its plan to the baseline and the changes.
///
/// With no tracer (no OTLP endpoint configured) nothing is recorded, and a step's outputs carry
/// its input's context unchanged, so a trace is not cut where one service does not export.
public struct EventTracing: Sendable {
    /// Makes the spans and reads and writes their context; nil when tracing is off.
    @usableFromInline let tracer: (any Tracer)?

    /// Tracing with `tracer`, or off when it is nil.
    public init(tracer: (any Tracer)?) {
        self.tracer = tracer
    }

    /// Nothing recorded; trace context carried through unchanged.
    public static var off: EventTracing { EventTracing(tracer: nil) }

    /// Whether spans are recorded.
    public var isRecording: Bool { tracer != nil }

    /// The step that processes a consumed `record`, named after what it does with it (for
    /// instance `process pmo.proposal.submitted.v1`), for the consumer group `group`.
    @usableFromInline func startProcessing(_ record: ConsumerRecord, group: String) -> ProcessingTrace {
        guard let tracer else {
            return ProcessingTrace(span: nil, tracer: nil, carried: record.headers.filter(Self.isTraceHeader))
        }
        var parent = ServiceContext.topLevel
        tracer.extract(record.headers, into: &parent, using: TraceHeaderExtractor())
        let span = tracer.startSpan("process \(record.headers.string(CloudEventAttributes.Header.type) ?? record.topic)",
                                    context: parent, ofKind: .consumer)
        // An unsampled span records nothing: its attributes would be built for nothing.
        guard span.isRecording else { return ProcessingTrace(span: span, tracer: tracer, carried: []) }
        span.updateAttributes { attributes in
            attributes["messaging.system"] = "kafka"
            attributes["messaging.operation.type"] = "process"
            attributes["messaging.destination.name"] = record.topic
            attributes["messaging.destination.partition.id"] = "\(record.partition)"
            attributes["messaging.kafka.offset"] = Int(record.offset)
            attributes["messaging.consumer.group.name"] = group
            if let key = record.keyString { attributes["messaging.kafka.message.key"] = key }
        }
        return ProcessingTrace(span: span, tracer: tracer, carried: [])
    }

    /// The step of time-driven work for `key` (a reminder, an overdue alert): a new trace, as
    /// nothing consumed caused it. Only started when the work emits something.
    @usableFromInline func startTimeDriven(key: String, service: String) -> ProcessingTrace {
        guard let tracer else { return ProcessingTrace(span: nil, tracer: nil, carried: []) }
        let span = tracer.startSpan("time-driven \(service)", context: ServiceContext.topLevel, ofKind: .internal)
        span.attributes["cloudevents.event_subject"] = key
        return ProcessingTrace(span: span, tracer: tracer, carried: [])
    }

    /// `headers` with the trace context of the running task (in the gateway, the span of the
    /// HTTP request that submitted the event) in `ce_traceparent` and `ce_tracestate`, when
    /// tracing is on; unchanged when it is off, so an upstream `traceparent` travels on as it came.
    public func carryingCurrentContext(_ headers: [KafkaHeader]) -> [KafkaHeader] {
        guard let tracer, let context = ServiceContext.current else { return headers }
        var headers = headers
        tracer.inject(context, into: &headers, using: TraceHeaderInjector())
        return headers
    }

    /// Whether `header` belongs to the distributed-tracing extension.
    static func isTraceHeader(_ header: KafkaHeader) -> Bool {
        header.name == "ce_traceparent" || header.name == "ce_tracestate"
    }
}

/// Reads a W3C trace context field (`traceparent`, `tracestate`) from the record header of the
/// CloudEvents extension that carries it (`ce_traceparent`, `ce_tracestate`).
struct TraceHeaderExtractor: Extractor {
    func extract(key: String, from carrier: [KafkaHeader]) -> String? {
        let name = "ce_" + key.lowercased()
        return carrier.last { $0.name == name }?.stringValue
    }
}

/// Writes a W3C trace context field as the record header of its CloudEvents extension,
/// replacing any the record had.
struct TraceHeaderInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [KafkaHeader]) {
        let name = "ce_" + key.lowercased()
        carrier.removeAll { $0.name == name }
        carrier.append(KafkaHeader(name: name, string: value))
    }
}
