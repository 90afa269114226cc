import Foundation
import PMOModel
import Yams

/// The grants file of the gateway (`--tokens-file`): every upstream system's token hash, source,
/// event types and rate, checked as a whole when it is read.
///
/// ```yaml
/// tokens:
///   - name: timesheets
///     tokenSHA256: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
///     source: /upstream/timesheets
///     eventTypes: [pmo.status.reported.v1]
///     eventsPerSecond: 200   # optional
///     burst: 1000            # optional
/// ```
public struct UpstreamGrants: Sendable {
    /// Every grant, in file order.
    public let grants: [UpstreamGrant]
    private let byHash: [String: UpstreamGrant]

    /// The event types upstream systems may publish: those of the catalog's topics that
    /// `upstream` writes (proposals, reviews, plans, status reports, allocations, change requests,
    /// votes, the policy and the roster). No token can be granted any other.
    public static let publishableEventTypes: Set<String> = Set(
        TopicCatalog.all.filter { $0.writer == .upstream }.flatMap { $0.events.map(\.eventType) })

    /// Checks `grants`: names and hashes unique, hashes of the right form, sources usable as
    /// `ce_source`, event types publishable, rates positive.
    public init(_ grants: [UpstreamGrant]) throws(GrantsFileError) {
        var problems: [String] = []
        var names: Set<String> = []
        var hashes: [String: UpstreamGrant] = [:]
        for (index, grant) in grants.enumerated() {
            let place = "token \(index + 1) (\(grant.name.isEmpty ? "unnamed" : grant.name))"
            if grant.name.isEmpty { problems.append("\(place): name is empty") }
            if !names.insert(grant.name).inserted { problems.append("\(place): the name is used twice") }
            let hash = grant.tokenSHA256.lowercased()
            if hash.count != 64 || !hash.allSatisfy(\.isHexDigit) {
                problems.append("\(place): tokenSHA256 must be 64 hexadecimal digits, the SHA-256 of the token")
            } else if hashes[hash] != nil {
                problems.append("\(place): the same token is granted twice")
            }
            if !CloudEventAttributes.isURIReference(grant.source) {
                problems.append("\(place): source '\(grant.source)' is not a URI-reference usable as ce_source")
            }
            if grant.eventTypes.isEmpty { problems.append("\(place): eventTypes is empty") }
            for type in grant.eventTypes where !Self.publishableEventTypes.contains(type) {
                problems.append("\(place): \(type) is not an event type upstream systems publish")
            }
            if let rate = grant.eventsPerSecond, !(rate > 0) { problems.append("\(place): eventsPerSecond must be positive") }
            if let burst = grant.burst, burst < 1 { problems.append("\(place): burst must be at least 1") }
            var stored = grant
            stored.tokenSHA256 = hash
            hashes[hash] = stored
        }
        guard problems.isEmpty else { throw GrantsFileError(problems: problems) }
        self.grants = grants.map { var grant = $0; grant.tokenSHA256 = $0.tokenSHA256.lowercased(); return grant }
        byHash = hashes
    }

    /// Reads a grants file (YAML, or JSON, which is YAML too).
    public init(yaml text: String) throws(GrantsFileError) {
        struct File: Decodable { var tokens: [UpstreamGrant] }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            throw GrantsFileError(problems: ["not a grants file (a `tokens:` list of name, tokenSHA256, source, eventTypes): \(error)"])
        }
        try self.init(file.tokens)
    }

    /// The grant of the token presented, if any.
    public func grant(forToken token: String) -> UpstreamGrant? {
        byHash[UpstreamGrant.hash(of: token)]
    }
}

/// Why a grants file was refused: every problem found.
public struct GrantsFileError: Error, Equatable, CustomStringConvertible {
    /// One line per problem.
    public var problems: [String]

    public var description: String { "the grants file is invalid:\n" + problems.map { "  \($0)" }.joined(separator: "\n") }
}
