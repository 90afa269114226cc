import Gateway
import Hummingbird
import HummingbirdAuth

/// The request context of the gateway's routes: Hummingbird's core context and the grant of the
/// token the request presented, once ``UpstreamTokenAuthenticator`` found one.
public struct GatewayRequestContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The presented token's grant; `nil` when no known token was presented.
    public var identity: UpstreamGrant?

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
    }
}

/// Finds the grant of the request's `Authorization: Bearer` token by the token's SHA-256 (the
/// token itself is neither kept nor logged). A request without a known token goes on without an
/// identity, and the route answers 401.
public struct UpstreamTokenAuthenticator: AuthenticatorMiddleware {
    public typealias Context = GatewayRequestContext
    let grants: UpstreamGrants

    public init(grants: UpstreamGrants) {
        self.grants = grants
    }

    public func authenticate(request: Request, context: Context) async throws -> UpstreamGrant? {
        guard let bearer = request.headers.bearer else { return nil }
        return grants.grant(forToken: bearer.token)
    }
}
