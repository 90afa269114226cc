import Gateway
import PMOModel
import Testing

/// The grants file: every problem named, tokens found by their hash only.
@Suite struct UpstreamGrantsTests {
    @Test func aTokenIsFoundByItsHashAndAnUnknownOneIsNot() throws {
        let grants = try UpstreamGrants(yaml: """
            tokens:
              - name: timesheets
                tokenSHA256: \(UpstreamGrant.hash(of: "s3cret").uppercased())
                source: /upstream/timesheets
                eventTypes: [pmo.status.reported.v1]
                eventsPerSecond: 20
                burst: 40
            """)
        let grant = try #require(grants.grant(forToken: "s3cret"))
        #expect(grant.name == "timesheets")
        #expect(grant.eventsPerSecond == 20 && grant.burst == 40)
        #expect(grants.grant(forToken: "s3cret ") == nil)
        #expect(grants.grant(forToken: UpstreamGrant.hash(of: "s3cret")) == nil, "the hash itself is no token")
    }

    @Test func theSHA256IsTheOneSha256sumPrints() {
        // printf %s s3cret | sha256sum
        #expect(UpstreamGrant.hash(of: "s3cret") == "1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0")
    }

    @Test func everyProblemOfAFileIsNamed() {
        let bad = UpstreamGrant(name: "erp", tokenSHA256: "abc", source: "not a uri", eventTypes: ["pmo.intake.decision.made.v1"],
                                eventsPerSecond: 0, burst: 0)
        let twice = UpstreamGrant(name: "erp", tokenSHA256: UpstreamGrant.hash(of: "x"), source: "/erp", eventTypes: [])
        #expect {
            try UpstreamGrants([bad, twice])
        } throws: { error in
            let problems = (error as? GrantsFileError)?.problems ?? []
            return problems.count == 7
                && problems.contains { $0.contains("64 hexadecimal digits") }
                && problems.contains { $0.contains("not a URI-reference") }
                && problems.contains { $0.contains("pmo.intake.decision.made.v1 is not an event type upstream systems publish") }
                && problems.contains { $0.contains("eventsPerSecond must be positive") }
                && problems.contains { $0.contains("burst must be at least 1") }
                && problems.contains { $0.contains("the name is used twice") }
                && problems.contains { $0.contains("eventTypes is empty") }
        }
    }

    @Test func theSameTokenCannotBeGrantedTwice() {
        let hash = UpstreamGrant.hash(of: "shared")
        #expect(throws: GrantsFileError.self) {
            try UpstreamGrants([UpstreamGrant(name: "a", tokenSHA256: hash, source: "/a", eventTypes: [StatusReported.eventType]),
                                UpstreamGrant(name: "b", tokenSHA256: hash.uppercased(), source: "/b", eventTypes: [StatusReported.eventType])])
        }
    }

    @Test func onlyTheTypesUpstreamWritesArePublishable() {
        let types = UpstreamGrants.publishableEventTypes
        #expect(types.contains(StatusReported.eventType))
        #expect(types.contains(ProposalSubmitted.eventType))
        #expect(types.contains(VoteCast.eventType))
        #expect(!types.contains(IntakeDecisionMade.eventType))
        #expect(!types.contains(ProjectBaselined.eventType))
        #expect(!types.contains(HealthAssessed.eventType))
    }
}
