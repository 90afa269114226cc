import Foundation
import Kafka
import Logging
import PMOModel

extension ProcessingLoop {
    /// Decodes, deduplicates and handles one record inside the task's open transaction. Every
    /// output is encoded and checked against the record size limit before anything is produced,
    /// so an oversized output becomes a dead letter of the input and never a failed transaction.
    /// The key's new state is checked the same way when nothing says it is small (a new key, or
    /// one over half the limit); a key known to be small is encoded once per transaction, before
    /// the commit (`prepareChangelog`), and so is the last output per key to a coalesced topic
    /// (`releaseLatest`; it is checked against the contracts here). Should one then be too large,
    /// the transaction is aborted and processed again with every input's state and outputs
    /// encoded here (`checksEachInput`), so the input responsible becomes a dead letter.
    ///
    /// A key the open transaction changed already has its state moved into the handler
    /// (``PartitionStore/takeState(of:)``), which then changes it in place; the state the input
    /// found is gone once the handler has run. So when such an input turns out to be a dead
    /// letter after all (an output the contracts reject or over the size limit, a state over it),
    /// the transaction is aborted and its inputs processed again, each checked, with the state
    /// copied (``reprocessChecked(_:failing:problem:)``): the dead letter then leaves the key as
    /// the inputs before it left it. A key's first input in a transaction gets a copy of the
    /// committed state, as does every input while the task checks each input.
    /// Each record's processing is a span of `tracing` (see ``EventTracing``).
    @inlinable func apply(_ record: ConsumerRecord, to task: OwnedPartition) async throws {
        let trace = tracing.startProcessing(record, group: configuration.groupID)
        do {
            trace.end(try await apply(record, to: task, trace: trace))
        } catch {
            trace.fail(error)
            throw error
        }
    }

    @inlinable func apply(_ record: ConsumerRecord, to task: OwnedPartition, trace: ProcessingTrace) async throws -> ProcessingOutcome {
        let now = clock()
        let decoded: DecodedEvent
        switch decodingAhead.map({ $0.decoding(of: record) }) ?? translation.decode(record) {
        case .failure(let error):
            try await sendToDeadLetters(record, errorClass: error.errorClass, message: error.description, task: task, at: now)
            return .deadLetter(errorClass: error.errorClass)
        case .success(let event):
            decoded = event
        }
        trace.describe(decoded.attributes)
        let key = decoded.attributes.subject
        let fingerprint = DeduplicationWindow.fingerprint(source: decoded.attributes.source, id: decoded.attributes.id)
        // The key's deduplication window stays in the store, so that it is changed in place below
        // rather than copied for every input.
        let known = task.store.lookUp(key, fingerprint: fingerprint)
        if known?.applied == true {
            metrics.duplicate(topic: record.topic)
            logger.debug("duplicate event skipped", metadata: record.logMetadata.merging(
                ["pmo.event_id": "\(decoded.attributes.source) \(decoded.attributes.id)"]) { $1 })
            return .duplicate
        }
        trace.link(toPrevious: known?.trace)
        let context = ProcessingContext(key: key, now: now, reference: reference.current)
        let moved = !task.checksEachInput && task.store.isChanged(key)
        let state = task.checksEachInput ? task.store.entry(for: key)?.state : task.store.takeState(of: key)
        // Moved into the handler: passed as it was, the state was copied for the call (every
        // field retained) and the copy destroyed after it, for every input.
        var outcome = processor.handle(decoded, state: consume state, context: context)
        // The input is a dead letter after all: kept in the dead letters so that nothing is
        // lost, with the key's state left as it was; when that state had moved into the handler,
        // by processing the transaction again, each input checked.
        func refuse(_ errorClass: String, _ message: String) async throws -> ProcessingOutcome {
            if moved { return try await reprocessChecked(task, failing: record, problem: "\(errorClass): \(message)") }
            try await sendToDeadLetters(record, errorClass: errorClass, message: message, task: task, at: now)
            return .deadLetter(errorClass: errorClass)
        }
        let defaultID: (Int) -> String = { "\(record.topic)/\(record.partition)/\(record.offset)/\($0)" }
        // The split (and the closure that stamps held outputs) only when something may be held:
        // most services coalesce nothing, and this runs for every input.
        let (encodedNow, held) = coalescedTopics.isEmpty || task.checksEachInput
            ? (outcome.emissions, [])
            : deferringCoalesced(outcome.emissions, at: now, defaultID: defaultID, stamp: trace.stamped)
        let outputs: [ProducerRecord]
        // Outputs held for the commit are checked against the contracts now, so that a broken
        // one is a dead letter of this input whatever the transaction's other inputs emit.
        let encoded = encode(encodedNow, defaultID: defaultID, at: now)
            .flatMap { records in Result { () throws(ContractError) in try translation.check(held); return records } }
        switch encoded {
        case .success(let records):
            outputs = records.map(trace.stamped)
        case .failure(let error):
            // The handler emitted something the contracts reject: a bug, not bad input.
            logger.error("handler output rejected: \(error)", metadata: record.logMetadata)
            return try await refuse("handler-output-invalid", error.description)
        }
        if let oversized = outputs.first(where: { !sizeLimit.admits($0) }) {
            return try await refuse("output-too-large", "its output to \(oversized.topic) would take \(sizeLimit.size(of: oversized)) bytes, "
                + "over the record size limit of \(sizeLimit.maximum) (message.max.bytes)")
        }
        let keptTrace = trace.keptContext ?? known?.trace
        let capacity = configuration.deduplicationCapacity
        // The new state moves out of the outcome (it is stored once, by one of the two paths
        // below): assigning `outcome.state` copied it, every field retained, for every input.
        func update(_ entry: inout KeyedState<Processor.State>) {
            entry.state = outcome.state.take()
            entry.applied.insert(fingerprint)
            entry.trace = keptTrace
        }
        // When nothing says the new state is small, it is encoded and checked now, on a copy
        // stored only if it fits; otherwise it is changed in place and encoded before the commit.
        var checked: (entry: KeyedState<Processor.State>, changelog: [UInt8])?
        if task.checksEachInput || !task.store.mayDeferEncoding(of: key, limit: sizeLimit.maximum) {
            var entry = task.store.entry(for: key) ?? KeyedState(state: nil, applied: DeduplicationWindow(capacity: capacity))
            update(&entry)
            switch stateRecord(entry, key: key, partition: task.partition) {
            case .success(let value):
                checked = (entry, value)
            case .failure(let problem):
                return try await refuse("state-too-large", problem.description)
            }
        }
        for output in outputs {
            try await emit(output, task: task)
        }
        for output in held {
            task.latest.hold(output)
        }
        if let checked {
            task.store.set(checked.entry, encoded: checked.changelog, for: key)
        } else {
            task.store.change(key, default: { KeyedState(state: nil, applied: DeduplicationWindow(capacity: capacity)) }, settingState: update)
        }
        return .applied(emitted: outputs.count + held.count)
    }

    /// An input whose key's state had moved into the handler turned out to be a dead letter: the
    /// state it found is gone, so the transaction is aborted (with `failing`'s partition rewound)
    /// and its inputs are processed again, each checked with the state copied, until the next
    /// commit.
    @inlinable func reprocessChecked(_ task: OwnedPartition, failing record: ConsumerRecord, problem: String) async throws -> ProcessingOutcome {
        logger.warning("an input of a key changed earlier in the transaction is a dead letter; processing the transaction's inputs again, each checked: \(problem)",
                       metadata: record.logMetadata)
        task.checksEachInput = true
        try await perform(task.transaction.uncommittable(now: .now), on: task,
                          failing: RecordPosition(record.topicPartition, offset: record.offset))
        return .reprocessing
    }

    /// Takes the emissions to coalesced topics out of a step's emissions, to be held unencoded
    /// until the commit (``LatestRecords``); the rest are encoded now. Every emission gets its id
    /// and topic here, so neither depends on the split. Not called while the task checks each
    /// input, nor when nothing is coalesced: then every emission is encoded now.
    @inlinable func deferringCoalesced(_ emissions: [Emission], at now: Date, defaultID: (Int) -> String,
                                       stamp: @escaping (ProducerRecord) -> ProducerRecord)
        -> (encodedNow: [Emission], held: [LatestRecords.DeferredOutput]) {
        var encodedNow: [Emission] = []
        var held: [LatestRecords.DeferredOutput] = []
        for (index, emission) in emissions.enumerated() {
            var named = emission
            named.id = emission.id ?? defaultID(index)
            named.topic = emission.topic ?? processor.topic(for: type(of: emission.event).eventType)
            if let topic = named.topic, let id = named.id, coalescedTopics.contains(topic) {
                held.append(LatestRecords.DeferredOutput(emission: named, id: id, topic: topic, time: now, stamp: stamp))
            } else {
                encodedNow.append(named)
            }
        }
        return (encodedNow, held)
    }

    /// Applies one key's time-driven outcome inside the task's open transaction. Outputs without
    /// an id of their own get one derived from the key and the state the tick leaves, so a
    /// repeated tick cannot emit the same thing under two ids.
    @inlinable func applyTick(_ outcome: Outcome<Processor.State>, entry: KeyedState<Processor.State>, key: String,
                   task: OwnedPartition, at now: Date) async throws {
        var entry = entry
        entry.state = outcome.state
        let changelog: [UInt8]
        switch stateRecord(entry, key: key, partition: task.partition) {
        case .success(let value):
            changelog = value
        case .failure(let problem):
            logger.error("time-driven work skipped: \(problem)", metadata: ["pmo.key": "\(key)"])
            return
        }
        let digest = entry.digest(changelog: changelog)
        let outputs: [ProducerRecord]
        switch encode(outcome.emissions, defaultID: { "tick/\(key)/\(digest)/\($0)" }, at: now) {
        case .success(let records):
            outputs = records
        case .failure(let error):
            logger.error("tick output rejected: \(error)", metadata: ["pmo.key": "\(key)"])
            return
        }
        if let oversized = outputs.first(where: { !sizeLimit.admits($0) }) {
            let size = sizeLimit.size(of: oversized)
            logger.error("time-driven work skipped: its output to \(oversized.topic) would take \(size) bytes, over the limit of \(sizeLimit.maximum)",
                         metadata: ["pmo.key": "\(key)"])
            return
        }
        if !outputs.isEmpty {
            let trace = tracing.startTimeDriven(key: key, service: processor.name)
            trace.link(toPrevious: entry.trace)
            do {
                for output in outputs { try await emit(trace.stamped(output), task: task) }
            } catch {
                trace.fail(error)
                throw error
            }
            trace.end(.applied(emitted: outputs.count))
        }
        task.store.set(entry, encoded: changelog, for: key)
    }

    /// The changelog value of a key's state, or why it cannot be written.
    @inlinable func stateRecord(_ entry: KeyedState<Processor.State>, key: String, partition: Int32) -> Result<[UInt8], StateTooLarge> {
        let value: [UInt8]
        do {
            value = try entry.changelogValue()
        } catch {
            return .failure(StateTooLarge(key: key, size: -1, limit: sizeLimit.maximum, detail: "cannot be encoded: \(error)"))
        }
        let size = sizeLimit.size(keyBytes: key.utf8.count, valueBytes: value.count)
        guard size <= sizeLimit.maximum else {
            return .failure(StateTooLarge(key: key, size: size, limit: sizeLimit.maximum, detail: nil))
        }
        return .success(value)
    }

    @inlinable func encode(_ emissions: [Emission], defaultID: (Int) -> String, at now: Date) -> Result<[ProducerRecord], ContractError> {
        Result { () throws(ContractError) in
            try emissions.enumerated().map { (index, emission) throws(ContractError) in
                let eventType = type(of: emission.event).eventType
                guard let topic = emission.topic ?? processor.topic(for: eventType) else {
                    throw .unknownEventType(eventType)
                }
                return try translation.encode(emission, id: emission.id ?? defaultID(index), topic: topic, at: now)
            }
        }
    }

    /// Writes `record` to the dead letters, cut to fit the record size limit when it must be.
    @inlinable func sendToDeadLetters(_ record: ConsumerRecord, errorClass: String, message: String, task: OwnedPartition,
                           at now: Date, valueDropped: Bool = false) async throws {
        logger.warning("record sent to the dead letters: \(message)",
                       metadata: record.logMetadata.merging(["pmo.error_class": "\(errorClass)"]) { $1 })
        metrics.deadLetter(topic: record.topic, errorClass: errorClass)
        let letter = translation.deadLetter(for: record, errorClass: errorClass, message: message,
                                            topic: processor.deadLetterTopic, at: now)
        try await send(sizeLimit.fitting(letter, valueDropped: valueDropped), task: task)
    }

    /// Writes a poison record to the dead letters instead of processing it again; after a dead
    /// letter of it failed, the next keeps its headers only.
    @inlinable func sendPoisonLetter(_ record: ConsumerRecord, verdict: PoisonRecords.Verdict, task: OwnedPartition) async throws {
        try await sendToDeadLetters(record, errorClass: verdict.errorClass, message: verdict.reason, task: task,
                                    at: clock(), valueDropped: verdict.failedLetters > 0)
    }

    /// Moves a record that an upstream producer put in the wrong partition (another partitioner
    /// than the catalog's) to the partition its key belongs in, with a header saying where it came
    /// from. A record moved once already is not moved again: it goes to the dead letters (the
    /// topic's partition count must have changed).
    ///
    /// The copy is written by an idempotent producer outside the task's transaction, and the
    /// transaction commits the record's offset only once the copy is acknowledged
    /// (``CommitAttempt/confirm(_:)``), so no record is lost. When the transaction aborts after
    /// that, the record is read and moved again: the second copy keeps the CloudEvents id and
    /// source, and the deduplication window of the partition that processes it skips it. So no
    /// transaction writes to an input partition. Were moves part of the task's transaction,
    /// several tasks' transactions would write the same input partition, and the embedded broker
    /// holds such a transaction back, together with everything after it in that partition, until
    /// a later transaction there ends (README, "Known differences from Apache Kafka").
    @inlinable func reroute(_ record: ConsumerRecord, to partition: Int32, task: OwnedPartition) async throws {
        if record.headers.contains(where: { $0.name == Self.reroutedHeader }) {
            try await sendToDeadLetters(
                record, errorClass: "misplaced",
                message: "the record was moved to the partition of its key once already and is still not there; "
                    + "did the partition count of \(record.topic) change?",
                task: task, at: clock())
            return
        }
        let origin = "\(record.topic)/\(record.partition)/\(record.offset)"
        let moved = ProducerRecord(topic: record.topic, partition: partition, key: record.key, value: record.value,
                                   headers: record.headers + [KafkaHeader(name: Self.reroutedHeader, string: origin)],
                                   timestampMilliseconds: record.timestampMilliseconds)
        logger.info("record moved to the partition of its key", metadata: record.logMetadata.merging(
            ["kafka.to_partition": "\(partition)"]) { $1 })
        metrics.rerouted(topic: record.topic)
        task.moves.append(try await movedRecordsProducer().produce(moved))
        metrics.recordOut(topic: record.topic)
    }

    /// The producer of moved records, made on first use.
    @inlinable func movedRecordsProducer() throws(KafkaError) -> KafkaProducer {
        if let movedRecords { return movedRecords }
        let producer = try KafkaProducer(configuration: configuration.movedRecordsProducer(service: processor.name), logger: logger)
        movedRecords = producer
        return producer
    }

    /// The header on a record moved by `reroute`: `topic/partition/offset` it was read from.
    @inlinable static var reroutedHeader: String { "pmo_rerouted_from" }

    /// Queues one output in the task's transaction, or holds it until the commit when its topic
    /// is coalesced (``LatestRecords``).
    @inlinable func emit(_ record: ProducerRecord, task: OwnedPartition) async throws {
        if !coalescedTopics.isEmpty, coalescedTopics.contains(record.topic) {
            task.latest.hold(record)
        } else {
            try await send(record, task: task)
        }
    }

    /// Queues one record in the task's transaction (waiting while the local queue is full).
    /// Throws `KafkaError`, or `CancellationError` when the instance is being torn down.
    @inlinable func send(_ record: ProducerRecord, task: OwnedPartition) async throws {
        // No delivery ticket: nobody awaits one. A failed delivery puts the transaction in the
        // abortable-error state, which the flush-and-commit sequence surfaces before any commit.
        try await task.producer.produceWithoutTicket(record)
        metrics.recordOut(topic: record.topic)
    }
}

/// A key's state that cannot go to the changelog: it is larger than the record size limit.
@usableFromInline struct StateTooLarge: Error, CustomStringConvertible {
    @usableFromInline var key: String
    @usableFromInline var size: Int
    @usableFromInline var limit: Int
    @usableFromInline var detail: String?

    @usableFromInline init(key: String, size: Int, limit: Int, detail: String?) {
        self.key = key
        self.size = size
        self.limit = limit
        self.detail = detail
    }

    @inlinable var description: String {
        if let detail { return "the state of key \(key) \(detail)" }
        return "the state of key \(key) would take \(size) bytes in the changelog, over the record size limit of \(limit) "
            + "(message.max.bytes); the service must keep less per key"
    }
}
