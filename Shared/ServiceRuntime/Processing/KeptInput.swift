import Foundation

/// An input a service keeps in a project's state until it can decide on it, with the time it
/// arrived (see ``InputHolding``).
public struct KeptInput<Input: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The input.
    public var input: Input
    /// When it was first kept.
    public var since: Date

    /// A kept input.
    public init(input: Input, since: Date) {
        self.input = input
        self.since = since
    }
}

/// A project's state as far as holding goes: the inputs that wait for the reference data and the
/// inputs held for what they refer to (``InputHolding``).
public protocol KeepsInputs {
    /// The service's input for one project.
    associatedtype Input: Codable & Sendable & Equatable
    /// The project (the record key).
    var projectId: String { get }
    /// Inputs received while no policy or no roster was published yet, in arrival order.
    var waiting: [KeptInput<Input>] { get set }
    /// Inputs that arrived before what they refer to, in arrival order.
    var held: [KeptInput<Input>] { get set }
}

/// What processing a kept input came to.
public enum KeptInputDisposition<Event> {
    /// Processed; these events follow from it (a refusal is one of them).
    case done([Event])
    /// It refers to something that has not arrived yet; the reason applies if it never does.
    case early(reason: String)
}
