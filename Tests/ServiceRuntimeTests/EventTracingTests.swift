import Foundation
import InMemoryTracing
@_spi(Testing) import Kafka
@testable import ServiceRuntime
import Testing
import Tracing

/// Issue 16's tracing in the runtime, without I/O: each processing step is a span, a child of the
/// context its input carried, and the records it emits carry the step's context; with tracing off
/// the input's context is carried onto the outputs unchanged.
@Suite("Event tracing, without a broker")
struct EventTracingTests {
    static let traceIDHeader = "ce_" + InMemoryTracer.traceIDKey
    static let spanIDHeader = "ce_" + InMemoryTracer.spanIDKey

    static func record(headers: [KafkaHeader]) -> ConsumerRecord {
        ConsumerRecord(topic: "pmo.intake.proposals", partition: 3, offset: 41, key: Array("PRJ-2027-001".utf8),
                       value: Array("{}".utf8),
                       headers: [KafkaHeader(name: "ce_type", string: "pmo.proposal.submitted.v1")] + headers,
                       timestampMilliseconds: nil)
    }

    static func output(headers: [KafkaHeader] = []) -> ProducerRecord {
        ProducerRecord(topic: "pmo.intake.assessments", key: Array("PRJ-2027-001".utf8), value: Array("{}".utf8),
                       headers: [KafkaHeader(name: "ce_id", string: "a-1")] + headers)
    }

    @Test("a processing span is a child of the context its input carried, and its outputs carry the span's own")
    func spanIsChildOfInputAndOutputsCarryIt() throws {
        let tracer = InMemoryTracer()
        let tracing = EventTracing(tracer: tracer)
        let input = Self.record(headers: [KafkaHeader(name: Self.traceIDHeader, string: "trace-upstream"),
                                          KafkaHeader(name: Self.spanIDHeader, string: "span-gateway")])
        let trace = tracing.startProcessing(input, group: "pmo-intake")
        let stamped = trace.stamped(Self.output(headers: [KafkaHeader(name: Self.spanIDHeader, string: "stale")]))
        trace.end(.applied(emitted: 1))

        let span = try #require(tracer.finishedSpans.only)
        #expect(span.operationName == "process pmo.proposal.submitted.v1")
        #expect(span.kind == .consumer)
        #expect(span.traceID == "trace-upstream")
        #expect(span.parentSpanID == "span-gateway")
        #expect(stamped.headers.filter { $0.name == Self.spanIDHeader }.map(\.stringValue) == [span.spanID],
                "the output carries the processing span, once, instead of what it had")
        #expect(stamped.headers.string(Self.traceIDHeader) == "trace-upstream")
        #expect(stamped.headers.string("ce_id") == "a-1")
        #expect(span.attributes["messaging.destination.name"]?.toSpanAttribute() == "pmo.intake.proposals")
        #expect(span.attributes["messaging.kafka.offset"]?.toSpanAttribute() == 41)
        #expect(span.attributes["messaging.consumer.group.name"]?.toSpanAttribute() == "pmo-intake")
        #expect(span.attributes["pmo.outcome"]?.toSpanAttribute() == "applied")
        #expect(span.attributes["pmo.emitted"]?.toSpanAttribute() == 1)
        #expect(span.status == nil)
    }

    @Test("an input without trace context starts a trace of its own")
    func inputWithoutContextStartsATrace() throws {
        let tracer = InMemoryTracer()
        let trace = EventTracing(tracer: tracer).startProcessing(Self.record(headers: []), group: "g")
        let stamped = trace.stamped(Self.output())
        trace.end(.duplicate)
        let span = try #require(tracer.finishedSpans.only)
        #expect(span.parentSpanID == nil)
        #expect(stamped.headers.string(Self.traceIDHeader) == span.traceID)
        #expect(span.attributes["pmo.outcome"]?.toSpanAttribute() == "duplicate")
    }

    @Test("a dead-lettered input ends its span as an error naming the reason")
    func deadLetterIsAnError() throws {
        let tracer = InMemoryTracer()
        EventTracing(tracer: tracer).startProcessing(Self.record(headers: []), group: "g")
            .end(.deadLetter(errorClass: "schema-invalid"))
        let span = try #require(tracer.finishedSpans.only)
        #expect(span.status?.code == .error)
        #expect(span.attributes["error.type"]?.toSpanAttribute() == "schema-invalid")
        #expect(span.attributes["pmo.outcome"]?.toSpanAttribute() == "dead-letter")
    }

    @Test("a failed step (the transaction is retried) ends its span as an error with the failure recorded")
    func failedStepIsAnError() throws {
        struct BrokerGone: Error {}
        let tracer = InMemoryTracer()
        EventTracing(tracer: tracer).startProcessing(Self.record(headers: []), group: "g").fail(BrokerGone())
        let span = try #require(tracer.finishedSpans.only)
        #expect(span.status?.code == .error)
        #expect(span.errors.count == 1)
    }

    @Test("the decoded event's id, source, type and subject are on the span, to find a proposal's traces")
    func eventAttributesOnTheSpan() throws {
        let tracer = InMemoryTracer()
        let trace = EventTracing(tracer: tracer).startProcessing(Self.record(headers: []), group: "g")
        trace.describe(.init(id: "p-1", source: "/upstream/portfolio-office", type: "pmo.proposal.submitted.v1",
                             time: Date(), subject: "PRJ-2027-001"))
        trace.end(.applied(emitted: 0))
        let span = try #require(tracer.finishedSpans.only)
        #expect(span.attributes["cloudevents.event_subject"]?.toSpanAttribute() == "PRJ-2027-001")
        #expect(span.attributes["cloudevents.event_id"]?.toSpanAttribute() == "p-1")
        #expect(span.attributes["cloudevents.event_source"]?.toSpanAttribute() == "/upstream/portfolio-office")
    }

    @Test("time-driven work that emits starts a trace of its own")
    func timeDrivenWorkStartsATrace() throws {
        let tracer = InMemoryTracer()
        let trace = EventTracing(tracer: tracer).startTimeDriven(key: "PRJ-2027-001", service: "monitoring")
        let stamped = trace.stamped(Self.output())
        trace.end(.applied(emitted: 1))
        let span = try #require(tracer.finishedSpans.only)
        #expect(span.operationName == "time-driven monitoring")
        #expect(span.parentSpanID == nil)
        #expect(stamped.headers.string(Self.spanIDHeader) == span.spanID)
    }

    @Test("a step links to the step that last changed its key, whose context the key's state keeps")
    func stepLinksToThePreviousStepOnItsKey() throws {
        let tracer = InMemoryTracer()
        let tracing = EventTracing(tracer: tracer)
        let first = tracing.startProcessing(Self.record(headers: []), group: "g")
        let kept = first.keptContext
        first.end(.applied(emitted: 1))
        let firstSpan = try #require(tracer.finishedSpans.only)
        tracer.clearFinishedSpans()
        #expect(kept != nil)

        let second = tracing.startProcessing(Self.record(headers: []), group: "g")
        second.link(toPrevious: kept)
        second.end(.applied(emitted: 0))
        let secondSpan = try #require(tracer.finishedSpans.only)
        #expect(secondSpan.traceID != firstSpan.traceID, "a new cause, a new trace")
        #expect(secondSpan.links.map { $0.context.inMemorySpanContext?.spanID } == [firstSpan.spanID])
    }

    @Test("with tracing off, the kept context is the one the input carried, and no link is made")
    func offKeepsTheCarriedContext() {
        let parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let trace = EventTracing.off.startProcessing(Self.record(headers: [KafkaHeader(name: "ce_traceparent", string: parent)]),
                                                     group: "g")
        #expect(trace.keptContext == "traceparent=\(parent)")
        trace.link(toPrevious: "traceparent=\(parent)")
        #expect(EventTracing.off.startProcessing(Self.record(headers: []), group: "g").keptContext == nil)
    }

    @Test("with tracing off, the input's ce_traceparent and ce_tracestate go onto every output unchanged")
    func offCarriesTheInputsContext() {
        let parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let input = Self.record(headers: [KafkaHeader(name: "ce_traceparent", string: parent),
                                          KafkaHeader(name: "ce_tracestate", string: "pmo=1")])
        let trace = EventTracing.off.startProcessing(input, group: "g")
        let stamped = trace.stamped(Self.output(headers: [KafkaHeader(name: "ce_traceparent", string: "00-stale")]))
        #expect(stamped.headers.filter { $0.name == "ce_traceparent" }.map(\.stringValue) == [parent])
        #expect(stamped.headers.string("ce_tracestate") == "pmo=1")
        #expect(stamped.headers.string("ce_id") == "a-1")
        trace.end(.applied(emitted: 1))
    }

    @Test("with tracing off, an input without context leaves its outputs as they are")
    func offWithoutContextChangesNothing() {
        let trace = EventTracing.off.startProcessing(Self.record(headers: []), group: "g")
        #expect(trace.stamped(Self.output()) == Self.output())
    }

    @Test("the gateway's events carry the context of the request's span when tracing is on, and are unchanged when off")
    func currentContextIsCarried() throws {
        let tracer = InMemoryTracer()
        let headers = [KafkaHeader(name: "ce_traceparent", string: "00-from-the-client")]
        let (stamped, spanID) = tracer.withSpan("POST /v1/events", ofKind: .server) { span in
            (EventTracing(tracer: tracer).carryingCurrentContext(headers), span.context.inMemorySpanContext?.spanID)
        }
        #expect(stamped.string(Self.spanIDHeader) == spanID)
        #expect(spanID != nil)
        #expect(EventTracing.off.carryingCurrentContext(headers) == headers)
    }

    @Test("the collector is --otlp-endpoint, else OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT; none means no export")
    func endpointResolution() {
        let both = ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://traces:4318/v1/traces",
                    "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]
        #expect(TraceExport.endpoint(flag: "http://flag:4318", environment: both) == "http://flag:4318")
        #expect(TraceExport.endpoint(flag: nil, environment: both) == "http://traces:4318/v1/traces")
        #expect(TraceExport.endpoint(flag: "", environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"])
                == "http://collector:4318")
        #expect(TraceExport.endpoint(flag: nil, environment: ["OTEL_EXPORTER_OTLP_ENDPOINT": ""]) == nil)
        #expect(TraceExport.endpoint(flag: nil, environment: [:]) == nil)
    }
}

extension Array {
    /// The only element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

/// The runtime's wiring of tracing, on librdkafka's mock cluster with the counter process.
@Suite("Trace context through the runtime, on the mock cluster")
struct TraceContextCarryTests {
    @Test("an instance without an OTLP endpoint writes its input's ce_traceparent on the output it makes of it")
    func counterCarriesTraceContext() async throws {
        let (cluster, instance, input, output) = try await MockClusterCounter.start("trace")
        defer { instance.stop() }
        let kafka = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)
        let parents = (0..<3).map { "00-4bf92f3577b34da6a3ce929d0e0e473\($0)-00f067aa0ba902b\($0)-01" }
        let producer = try KafkaProducer(configuration: kafka, logger: harnessLogger)
        for (index, parent) in parents.enumerated() {
            var request = try CounterHarness.request(key: "key-\(index)", id: "traced-\(index)", topic: input)
            request.headers.append(KafkaHeader(name: "ce_traceparent", string: parent))
            try await producer.send(request)
        }
        await producer.close()

        let reader = try KafkaConsumer(configuration: kafka, groupID: nil, logger: harnessLogger)
        try reader.assign((0..<6).map { TopicPartitionOffset(output, $0, offset: KafkaOffset.beginning) })
        var carried: [String: String] = [:]
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .seconds(60))
        while carried.count < parents.count, clock.now < end {
            for case .record(let record) in try await reader.pollBatch(maxEvents: 100, timeout: .milliseconds(200)) {
                carried[try CountOutput(record).key] = record.headers.string("ce_traceparent") ?? "none"
            }
        }
        try await reader.close()
        #expect(carried == ["key-0": parents[0], "key-1": parents[1], "key-2": parents[2]], "\(instance.output.suffix(2000))")
    }
}
