import Foundation

/// Maps each CloudEvents `ce_type` to its Swift type, and decodes, validates and encodes records
/// with the shared JSON settings (``PMOJSON``).
public struct EventRegistry: Sendable {
    /// Every event type of the contracts.
    public static let standard = EventRegistry(types: [
        PolicyPublished.self, RosterPublished.self,
        ProposalSubmitted.self, ReviewSubmitted.self, AssessmentCompleted.self, IntakeDecisionMade.self,
        ProjectChartered.self, ReviewReminderIssued.self,
        ProposalWithdrawn.self, DeferralRequested.self, AppealSubmitted.self, AppealDecided.self,
        ProjectManagerAppointed.self, AppointmentReminderIssued.self,
        PlanSubmitted.self, ExpertReviewSubmitted.self, PlanReviewCompleted.self, PlanDecisionMade.self,
        ProjectBaselined.self, ExpertReviewReminderIssued.self,
        StatusReported.self, HealthAssessed.self, HealthAssessedV2.self, AlertRaised.self, AlertClosed.self, EscalationRaised.self, EscalationResolved.self,
        AllocationRequested.self, AllocationReleased.self, ResourceConflictDetected.self, ResourceConflictResolved.self,
        PortfolioEntryUpdated.self, PortfolioSummaryPublished.self,
        ChangeRequestSubmitted.self, VoteCast.self, ChangeAssessmentCompleted.self, ChangeDecisionMade.self,
        ProjectRebaselined.self, ChangeVoteReminderIssued.self,
    ])

    private let typesByName: [String: any PMOEvent.Type]

    /// A registry of `types`; when two share an event type, the later one wins.
    public init(types: [any PMOEvent.Type]) {
        var byName: [String: any PMOEvent.Type] = [:]
        for type in types { byName[type.eventType] = type }
        typesByName = byName
    }

    /// The registered event types, sorted.
    public var eventTypes: [String] { typesByName.keys.sorted() }

    /// The Swift type registered for `eventType`.
    public func type(for eventType: String) -> (any PMOEvent.Type)? {
        typesByName[eventType]
    }

    /// Decodes the JSON `data` as the event type `type`. A value that decodes is returned without
    /// its domain rules checked (see ``decodeValidated(type:data:)``); one that does not fit is
    /// reported with every violation, its rules included as far as its fields decoded.
    ///
    /// - Throws: ``ContractError/unknownEventType(_:)``, ``ContractError/notJSON(_:)``,
    ///   ``ContractError/schemaViolations(eventType:violations:)`` listing every violation, or
    ///   ``ContractError/schemaMismatch(pointer:message:)`` when the value is not an object.
    public func decode(type: String, data: Data) throws(ContractError) -> any PMOEvent {
        try decode(type: type, bytes: Array(data))
    }

    /// ``decode(type:data:)`` for JSON held in an array, as a consumed record's value is: the
    /// bytes are read where they are.
    public func decode(type: String, bytes: [UInt8]) throws(ContractError) -> any PMOEvent {
        guard let eventType = typesByName[type] else { throw .unknownEventType(type) }
        do {
            return try eventType.decodeJSON(bytes: bytes)
        } catch let error as DecodingViolations {
            throw .schemaViolations(eventType: type, violations: error.violations)
        } catch let error as DecodingError {
            let mapped = Self.contractError(for: error)
            if case .notJSON(let detail) = mapped, (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil {
                // Valid JSON that Foundation reports without a coding path (a value that does not
                // fit its Swift type): a schema mismatch somewhere in the event.
                throw .schemaMismatch(pointer: "", message: "a value does not fit its field: \(detail)")
            }
            throw mapped
        } catch {
            throw .notJSON(String(describing: error))
        }
    }

    /// Decodes and validates: as ``decode(type:data:)``, plus ``ContractError/invalid(eventType:violations:)``
    /// listing every domain violation.
    public func decodeValidated(type: String, data: Data) throws(ContractError) -> any PMOEvent {
        try decodeValidated(type: type, bytes: Array(data))
    }

    /// ``decodeValidated(type:data:)`` for JSON held in an array.
    public func decodeValidated(type: String, bytes: [UInt8]) throws(ContractError) -> any PMOEvent {
        let event = try decode(type: type, bytes: bytes)
        let violations = event.validate()
        guard violations.isEmpty else { throw .invalid(eventType: type, violations: violations) }
        return event
    }

    /// Reads a whole record: the envelope, the key agreement (record key, `ce_subject` and the
    /// event's key field), the event and its domain rules.
    public func decode(record: EventRecord) throws(ContractError) -> DecodedEvent {
        try decode(headers: record.headers, key: record.key, value: record.value)
    }

    /// Reads a record given as its parts; `key` is `nil` when the record has none.
    public func decode(headers: [RecordHeader], key: String?, value: [UInt8]) throws(ContractError) -> DecodedEvent {
        let attributes: CloudEventAttributes
        do throws(EnvelopeError) {
            attributes = try CloudEventAttributes(headers: headers)
        } catch {
            throw .envelope(error)
        }
        let event = try decodeValidated(type: attributes.type, bytes: value)
        guard key == attributes.subject, event.recordKey == attributes.subject else {
            throw .keyMismatch(recordKey: key, subject: attributes.subject, eventKey: event.recordKey)
        }
        return DecodedEvent(attributes: attributes, event: event)
    }

    /// Checks `event` as encoding it would, without encoding it: its type is registered and it
    /// keeps the domain rules.
    public func check(_ event: some PMOEvent) throws(ContractError) {
        let eventType = Swift.type(of: event).eventType
        guard typesByName[eventType] != nil else { throw .unknownEventType(eventType) }
        let violations = event.validate()
        guard violations.isEmpty else { throw .invalid(eventType: eventType, violations: violations) }
    }

    /// Encodes an event known only by its protocol (a handler's emission), as ``encode(_:id:source:time:)``.
    public func encodeAny(_ event: any PMOEvent, id: String, source: String, time: Date) throws(ContractError) -> EventRecord {
        try encodeOpened(event, id: id, source: source, time: time)
    }

    private func encodeOpened<E: PMOEvent>(_ event: E, id: String, source: String, time: Date) throws(ContractError) -> EventRecord {
        try encode(event, id: id, source: source, time: time)
    }

    /// Encodes `event` as a record: validated, keyed by its record key, with the CloudEvents headers.
    ///
    /// - Parameters:
    ///   - id: `ce_id`, unique for `source`.
    ///   - source: `ce_source`, e.g. ``PMOService/source`` of the producing service.
    ///   - time: `ce_time`.
    public func encode(_ event: some PMOEvent, id: String, source: String, time: Date) throws(ContractError) -> EventRecord {
        try check(event)
        let eventType = Swift.type(of: event).eventType
        let attributes = CloudEventAttributes(id: id, source: source, type: eventType, time: time, subject: event.recordKey)
        let headers: [RecordHeader]
        do throws(EnvelopeError) {
            headers = try attributes.headers()
        } catch {
            throw .envelope(error)
        }
        do {
            return EventRecord(key: event.recordKey, headers: headers, value: try event.jsonBytes())
        } catch {
            throw .encodingFailed(String(describing: error))
        }
    }

    /// Maps a decoding error of the whole value to a contract error naming the field by JSON Pointer.
    static func contractError(for error: DecodingError) -> ContractError {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
            return .notJSON(context.underlyingError.map { String(describing: $0) } ?? context.debugDescription)
        }
        let violation = Violation(error, at: .root)
        return .schemaMismatch(pointer: violation.pointer, message: violation.message)
    }
}
