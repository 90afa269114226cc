/// The one registry of topics. Topic creation, the AsyncAPI document and `docs/topics.md` derive
/// from it, and the tests check the schemas and the event registry against it.
public enum TopicCatalog {
    /// Partition count of every project topic (and resource topic and changelog), so that all
    /// records of one project land in the same partition number everywhere (co-partitioning).
    public static let projectPartitions = 6

    /// Outputs their writer reads back as the second stage of an aggregate, never as an input of
    /// its keyed processing (so no loop): monitoring sums the portfolio register, one record per
    /// project, into the portfolio summary.
    public static let secondStageTopics: Set<String> = ["pmo.portfolio.register"]
    /// Outputs their writer also consumes as an input, so that what it decided is in the topics and
    /// not only in its state: change control reads its re-baselines back for the baseline in force
    /// (one it has already applied changes nothing, so there is no loop).
    public static let feedbackTopics: Set<String> = ["pmo.projects.rebaselined"]
    /// Retention of dead-letter topics: 30 days.
    public static let deadLetterRetentionMs: Int64 = 30 * 24 * 3_600_000
    /// Retention of the portfolio summary: 400 days (a year of history plus margin).
    public static let summaryRetentionMs: Int64 = 400 * 24 * 3_600_000
    /// Retention of the PMO's records: unlimited (`retention.ms` -1). Proposals, reviews,
    /// assessments and decisions, charters, plans, baselines and re-baselines, status reports,
    /// change requests and votes are the PMO's records (sections 2.1 to 2.4 of the standard: the
    /// project register, the history trends need, the audit trail of every decision), and a
    /// service started months later must still read every charter and baseline. Topics where only
    /// the latest record per key counts (a project's one charter, its first baseline) are
    /// compacted instead, which keeps that record for ever too.
    public static let recordRetentionMs: Int64 = -1
    /// The topics that keep their history as the PMO's records (``recordRetentionMs``).
    public static let recordTopics: Set<String> = [
        "pmo.intake.proposals", "pmo.intake.reviews", "pmo.intake.appointments", "pmo.intake.assessments", "pmo.intake.decisions",
        "pmo.planning.plans", "pmo.planning.expert-reviews", "pmo.planning.reviews", "pmo.planning.decisions",
        "pmo.projects.rebaselined", "pmo.status.reports", "pmo.change.requests", "pmo.change.votes",
        "pmo.change.assessments", "pmo.change.decisions",
    ]
    /// The records where only the latest per project counts, kept by compaction.
    public static let compactedRecordTopics: Set<String> = ["pmo.projects.chartered", "pmo.projects.baselined"]

    private static let services: [TopicParticipant] = [.intake, .planning, .monitoring, .change]

    /// Every topic, inputs first, then each service's outputs, then dead-letter and changelog topics.
    public static let all: [TopicSpec] = inputs + outputs + PMOService.allCases.flatMap { [deadLetter(for: $0), changelog(for: $0)] }

    /// Topics written by upstream systems or people.
    static let inputs: [TopicSpec] = [
        TopicSpec(name: "pmo.config.policy", summary: "Versions of the PMO policy: intake criteria and threshold, classification, plan rules, health bands, variance thresholds, change tolerances, reminder periods.",
                  key: .configId, events: [PolicyPublished.self], partitions: 1, cleanupPolicy: .compact,
                  writer: .upstream, readers: services, role: .reference),
        TopicSpec(name: "pmo.config.roster", summary: "Versions of the roster: people, departments, roles (reviewers, CCB, experts, PMs, sponsors, PMO) and resource capacities.",
                  key: .configId, events: [RosterPublished.self], partitions: 1, cleanupPolicy: .compact,
                  writer: .upstream, readers: services, role: .reference),
        project("pmo.intake.proposals", "Project proposals submitted or resubmitted (revision) to intake, and the sponsor's withdrawals, deferral requests and appeals.",
                [ProposalSubmitted.self, ProposalWithdrawn.self, DeferralRequested.self, AppealSubmitted.self], writer: .upstream, readers: [.intake]),
        project("pmo.intake.reviews", "Department reviews (approve, reject, revise) of a proposal revision, and the PMO head's rulings on appeals.",
                [ReviewSubmitted.self, AppealDecided.self], writer: .upstream, readers: [.intake]),
        project("pmo.intake.appointments", "The PMO's appointments of project managers for approved proposals whose nominee is not a project manager.",
                [ProjectManagerAppointed.self], writer: .upstream, readers: [.intake]),
        project("pmo.planning.plans", "Project management plans (revision) with their eight sub-plans and the proposed baseline.",
                [PlanSubmitted.self], writer: .upstream, readers: [.planning]),
        project("pmo.planning.expert-reviews", "Expert findings and verdicts on a plan revision.",
                [ExpertReviewSubmitted.self], writer: .upstream, readers: [.planning]),
        project("pmo.status.reports", "Periodic status reports: progress, cost, forecast, milestones, quality, risks, issues, resource usage; a final one closes the project.",
                [StatusReported.self], writer: .upstream, readers: [.monitoring]),
        TopicSpec(name: "pmo.resources.allocations", summary: "Resource allocation requests and releases, keyed by resource; intake reads them all as reference data to weigh a proposal against the capacity they leave free.",
                  key: .resourceId, events: [AllocationRequested.self, AllocationReleased.self], partitions: projectPartitions,
                  cleanupPolicy: .delete, writer: .upstream, readers: [.monitoring, .intake], role: .event),
        project("pmo.change.requests", "Change requests (revision) against a project's current baseline, with impact analysis.",
                [ChangeRequestSubmitted.self], writer: .upstream, readers: [.change]),
        project("pmo.change.votes", "CCB members' votes on a change request revision.",
                [VoteCast.self], writer: .upstream, readers: [.change]),
    ]

    /// Topics written by the services.
    static let outputs: [TopicSpec] = [
        project("pmo.intake.assessments", "Intake's preliminary assessments: completeness, score per criterion, recommendation, classification, reviews required.",
                [AssessmentCompleted.self], writer: .intake, readers: [.monitoring, .upstream]),
        project("pmo.intake.decisions", "Intake decisions (approved, rejected, returned for revision) and refused inputs, with reasons.",
                [IntakeDecisionMade.self], writer: .intake, readers: [.monitoring, .upstream]),
        project("pmo.intake.reminders", "Reminders naming the departments and reviewers whose proposal review is overdue (escalated to the department heads from the third), and reminders that an approved proposal waits for a project manager (escalated to the PMO head from the third).",
                [ReviewReminderIssued.self, AppointmentReminderIssued.self], writer: .intake, readers: [.upstream]),
        project("pmo.projects.chartered", "Charters of approved projects: objectives, scope, deliverables, budget ceiling, dates, sponsor, PM, priority, classification.",
                [ProjectChartered.self], writer: .intake, readers: [.planning, .monitoring, .change, .upstream]),
        project("pmo.planning.reviews", "Planning reviews of a plan revision: findings per sub-plan, charter compliance, expert review required or not.",
                [PlanReviewCompleted.self], writer: .planning, readers: [.monitoring, .upstream]),
        project("pmo.planning.decisions", "Plan decisions (approved, rejected, returned for revision) and refused inputs, with reasons.",
                [PlanDecisionMade.self], writer: .planning, readers: [.monitoring, .upstream]),
        project("pmo.planning.reminders", "Reminders naming the experts whose review of a plan revision is overdue, once per reminder period.",
                [ExpertReviewReminderIssued.self], writer: .planning, readers: [.upstream]),
        project("pmo.projects.baselined", "First baselines (revision 1) of approved plans.",
                [ProjectBaselined.self], writer: .planning, readers: [.monitoring, .change, .upstream]),
        project("pmo.monitoring.health", "Latest health per project: earned-value figures, RAG per dimension and overall, trend.",
                [HealthAssessed.self, HealthAssessedV2.self], writer: .monitoring, readers: [.upstream], cleanup: .compact),
        project("pmo.monitoring.alerts", "Alerts: variances beyond threshold with corrective action and due date, adverse trends, overdue status reports; and their closing.",
                [AlertRaised.self, AlertClosed.self], writer: .monitoring, readers: [.upstream]),
        project("pmo.monitoring.escalations", "Escalations of major risks, cross-department issues and unresolved variances to the departments that must coordinate; and their resolution.",
                [EscalationRaised.self, EscalationResolved.self], writer: .monitoring, readers: [.upstream]),
        TopicSpec(name: "pmo.resources.conflicts", summary: "Resource over-allocations with the projects involved and a resolution proposed by priority, keyed by resource.",
                  key: .resourceId, events: [ResourceConflictDetected.self, ResourceConflictResolved.self], partitions: projectPartitions,
                  cleanupPolicy: .delete, writer: .monitoring, readers: [.upstream], role: .event),
        project("pmo.portfolio.register", "The portfolio register: each project's phase, PM, priority, baseline revision, health, figures and process times (latest per project); monitoring's summary stage reads it back to publish the portfolio summary.",
                [PortfolioEntryUpdated.self], writer: .monitoring, readers: [.monitoring, .upstream], cleanup: .compact),
        TopicSpec(name: "pmo.portfolio.summary", summary: "Portfolio aggregates and PMO KPIs: projects by phase and RAG, budget and EAC totals, SPI/CPI, cycle times; intake reads the latest as reference data for the budget left in the annual envelope.",
                  key: .portfolioId, events: [PortfolioSummaryPublished.self], partitions: 1, cleanupPolicy: .delete,
                  retentionMs: summaryRetentionMs, writer: .monitoring, readers: [.intake, .upstream], role: .event),
        project("pmo.change.assessments", "Change assessments: within the PM's tolerance or needing the CCB, with the impact against the current baseline.",
                [ChangeAssessmentCompleted.self], writer: .change, readers: [.monitoring, .upstream]),
        project("pmo.change.decisions", "Change decisions by the PM or the CCB, and refused inputs, with reasons.",
                [ChangeDecisionMade.self], writer: .change, readers: [.monitoring, .upstream]),
        project("pmo.change.reminders", "Reminders naming who has not voted on a change request revision, once per reminder period.",
                [ChangeVoteReminderIssued.self], writer: .change, readers: [.upstream]),
        project("pmo.projects.rebaselined", "New baseline revisions (n+1) from approved changes; change control reads them back for the baseline in force.",
                [ProjectRebaselined.self], writer: .change, readers: [.monitoring, .change, .upstream]),
    ]

    private static func project(_ name: String, _ summary: String, _ events: [any PMOEvent.Type],
                                writer: TopicParticipant, readers: [TopicParticipant],
                                cleanup: CleanupPolicy = .delete) -> TopicSpec {
        let compacted = compactedRecordTopics.contains(name)
        return TopicSpec(name: name, summary: summary, key: .projectId, events: events, partitions: projectPartitions,
                         cleanupPolicy: compacted ? .compact : cleanup,
                         retentionMs: recordTopics.contains(name) ? recordRetentionMs : nil,
                         writer: writer, readers: readers, role: .event)
    }

    /// The name of `service`'s dead-letter topic, `pmo.<service>.dlq`.
    public static func deadLetterTopicName(for service: PMOService) -> String { "pmo.\(service.rawValue).dlq" }

    /// The name of `service`'s changelog topic, `pmo.<service>.changelog`.
    public static func changelogTopicName(for service: PMOService) -> String { "pmo.\(service.rawValue).changelog" }

    /// `service`'s dead-letter topic.
    public static func deadLetter(for service: PMOService) -> TopicSpec {
        TopicSpec(name: deadLetterTopicName(for: service),
                  summary: "Records the \(service.rawValue) service could not decode or validate, unchanged, with headers naming the original topic, partition, offset, error class and message.",
                  key: .originalKey, events: [], partitions: 1, cleanupPolicy: .delete, retentionMs: deadLetterRetentionMs,
                  writer: service.participant, readers: [.upstream], role: .deadLetter)
    }

    /// `service`'s state changelog, co-partitioned with its inputs.
    public static func changelog(for service: PMOService) -> TopicSpec {
        TopicSpec(name: changelogTopicName(for: service),
                  summary: "The \(service.rawValue) service's state per key, written in the same transaction as its outputs and restored on assignment.",
                  key: .stateKey, events: [], partitions: projectPartitions, cleanupPolicy: .compact,
                  writer: service.participant, readers: [service.participant], role: .changelog)
    }

    /// The topic called `name`.
    public static func topic(named name: String) -> TopicSpec? {
        all.first { $0.name == name }
    }

    /// The topic that carries `eventType`.
    public static func topic(carrying eventType: String) -> TopicSpec? {
        topicsByEventType[eventType]
    }

    /// The name of the topic that carries `eventType`: what a service looks up for every event
    /// it emits (a name, not the whole ``TopicSpec``, whose copy retains each of its lists).
    public static func topicName(carrying eventType: String) -> String? {
        topicNamesByEventType[eventType]
    }

    private static let topicNamesByEventType: [String: String] = topicsByEventType.mapValues(\.name)

    /// The topic of each event type (the first that carries it; `problems` reports a second),
    /// looked up for every event a service emits.
    private static let topicsByEventType: [String: TopicSpec] = {
        var topics: [String: TopicSpec] = [:]
        for topic in all {
            for event in topic.events where topics[event.eventType] == nil { topics[event.eventType] = topic }
        }
        return topics
    }()

    /// The topics `service` consumes: its event inputs and the reference topics (its changelog is
    /// restored separately and not included).
    public static func inputs(of service: PMOService) -> [TopicSpec] {
        all.filter { $0.readers.contains(service.participant) && $0.role != .changelog }
    }

    /// The topics `service` writes, including its dead-letter topic and changelog.
    public static func outputs(of service: PMOService) -> [TopicSpec] {
        all.filter { $0.writer == service.participant }
    }

    /// Problems in the catalog itself, empty when it is sound: repeated topic names, an event type
    /// on two topics or missing from `registry`, a key kind that disagrees with an event's, project
    /// or resource topics not co-partitioned, changelogs not co-partitioned with their service's inputs.
    public static func problems(registry: EventRegistry = .standard) -> [String] {
        var problems: [String] = []
        var names = Set<String>()
        var eventTypes = Set<String>()
        for topic in all {
            if !names.insert(topic.name).inserted { problems.append("topic \(topic.name) is listed twice") }
            for contract in topic.events {
                if !eventTypes.insert(contract.eventType).inserted {
                    problems.append("event type \(contract.eventType) is carried by more than one topic")
                }
                if let type = registry.type(for: contract.eventType) {
                    if type.keyKind != topic.key {
                        problems.append("\(contract.eventType) is keyed by \(type.keyKind.rawValue) but \(topic.name) by \(topic.key.rawValue)")
                    }
                } else {
                    problems.append("event type \(contract.eventType) of \(topic.name) is not in the event registry")
                }
            }
            let coPartitioned: Set<RecordKeyKind> = [.projectId, .resourceId, .stateKey]
            if coPartitioned.contains(topic.key), topic.partitions != projectPartitions {
                problems.append("\(topic.name) has \(topic.partitions) partitions, not \(projectPartitions) like the other keyed topics")
            }
            if topic.role == .event || topic.role == .reference, topic.events.isEmpty {
                problems.append("\(topic.name) carries no event type")
            }
            if topic.readers.contains(topic.writer), topic.role != .changelog, !secondStageTopics.contains(topic.name),
               !feedbackTopics.contains(topic.name) {
                problems.append("\(topic.name) is read by its own writer \(topic.writer.rawValue)")
            }
        }
        for eventType in registry.eventTypes where !eventTypes.contains(eventType) {
            problems.append("event type \(eventType) is registered but no topic carries it")
        }
        for service in PMOService.allCases {
            if topic(named: deadLetterTopicName(for: service)) == nil { problems.append("\(service) has no dead-letter topic") }
            if topic(named: changelogTopicName(for: service)) == nil { problems.append("\(service) has no changelog") }
        }
        return problems
    }
}
