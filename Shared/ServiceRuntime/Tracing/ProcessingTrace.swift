import Kafka
import PMOModel
import Tracing

/// One processing step as tracing sees it: its span while tracing is on, and the trace context
/// the records it emits carry (the span's, or with tracing off the input's own).
@usableFromInline struct ProcessingTrace {
    private let span: (any Span)?
    private let tracer: (any Tracer)?
    /// With tracing off: the input's trace headers, carried onto every output unchanged.
    private let carried: [KafkaHeader]

    init(span: (any Span)?, tracer: (any Tracer)?, carried: [KafkaHeader]) {
        self.span = span
        self.tracer = tracer
        self.carried = carried
    }

    /// Names the decoded event on the span (id, source, type and subject, the CloudEvents
    /// semantic conventions), so a trace can be searched by the proposal or project it concerns.
    @usableFromInline func describe(_ attributes: CloudEventAttributes) {
        guard let span, span.isRecording else { return }
        span.updateAttributes { span in
            span["cloudevents.event_id"] = attributes.id
            span["cloudevents.event_source"] = attributes.source
            span["cloudevents.event_type"] = attributes.type
            span["cloudevents.event_subject"] = attributes.subject
        }
    }

    /// The trace context this step's outputs carry, kept in the key's state so that the key's
    /// next step links back to this one (``link(toPrevious:)``): its propagation fields as
    /// `name=value` lines (`traceparent=00-…`); nil when there is none.
    @usableFromInline var keptContext: String? {
        var headers: [KafkaHeader] = []
        if let span, let tracer {
            tracer.inject(span.context, into: &headers, using: TraceHeaderInjector())
        } else {
            headers = carried
        }
        guard !headers.isEmpty else { return nil }
        return headers.map { "\($0.name.dropFirst(3))=\($0.stringValue ?? "")" }.joined(separator: "\n")
    }

    /// Links this step's span to the step that last changed the same key, whose context the
    /// key's state kept (``keptContext``): from a plan's baseline one can walk back to the
    /// charter, and from the charter to the proposal, though each began its own trace.
    @usableFromInline func link(toPrevious kept: String?) {
        guard let kept, let span, let tracer, span.isRecording else { return }
        let headers = kept.split(separator: "\n").compactMap { line -> KafkaHeader? in
            guard let equals = line.firstIndex(of: "=") else { return nil }
            return KafkaHeader(name: "ce_" + line[..<equals], string: String(line[line.index(after: equals)...]))
        }
        var previous = ServiceContext.topLevel
        tracer.extract(headers, into: &previous, using: TraceHeaderExtractor())
        span.addLink(SpanLink(context: previous, attributes: ["pmo.link": "previous step on this key"]))
    }

    /// `record` carrying this step's trace context.
    @usableFromInline func stamped(_ record: ProducerRecord) -> ProducerRecord {
        var record = record
        if let span, let tracer {
            tracer.inject(span.context, into: &record.headers, using: TraceHeaderInjector())
        } else if !carried.isEmpty {
            record.headers.removeAll(where: EventTracing.isTraceHeader)
            record.headers += carried
        }
        return record
    }

    /// Ends the step with what became of its input.
    @usableFromInline func end(_ outcome: ProcessingOutcome) {
        guard let span else { return }
        guard span.isRecording else {
            span.end()
            return
        }
        span.updateAttributes { attributes in
            attributes["pmo.outcome"] = outcome.name
            switch outcome {
            case .applied(let emitted):
                attributes["pmo.emitted"] = emitted
            case .deadLetter(let errorClass):
                attributes["error.type"] = errorClass
            case .duplicate, .rerouted, .reprocessing:
                break
            }
        }
        if case .deadLetter(let errorClass) = outcome {
            span.setStatus(SpanStatus(code: .error, message: errorClass))
        }
        span.end()
    }

    /// Ends the step when processing failed (the transaction will be aborted and retried).
    @usableFromInline func fail(_ error: any Error) {
        guard let span else { return }
        span.recordError(error)
        span.setStatus(SpanStatus(code: .error, message: "processing failed; the transaction is retried"))
        span.end()
    }
}

/// What became of one consumed record, as a processing span reports it.
@usableFromInline enum ProcessingOutcome: Equatable {
    /// Handled: state updated and `emitted` records written.
    case applied(emitted: Int)
    /// Seen before (same source and id): skipped.
    case duplicate
    /// Rejected to the dead letters, with the reason's class.
    case deadLetter(errorClass: String)
    /// Moved to the partition of its key.
    case rerouted
    /// Its transaction was aborted to be processed again, each input checked: it is read again.
    case reprocessing

    var name: String {
        switch self {
        case .applied: "applied"
        case .duplicate: "duplicate"
        case .deadLetter: "dead-letter"
        case .rerouted: "rerouted"
        case .reprocessing: "reprocessing"
        }
    }
}
