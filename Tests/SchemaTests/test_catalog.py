"""The topic catalog in code, the schemas and the AsyncAPI document agree."""
import sys

import pytest
import yaml

import contracts

sys.path.insert(0, str(contracts.ROOT / "schemas" / "tools"))
import derive  # noqa: E402

SERVICES = {"intake", "planning", "monitoring", "change"}


@pytest.fixture(scope="module")
def catalog():
    return contracts.swift_catalog()


@pytest.fixture(scope="module")
def asyncapi():
    return yaml.safe_load((contracts.SCHEMAS / "asyncapi.yaml").read_text())


def test_catalog_reports_no_problems(catalog):
    assert catalog["problems"] == []


def test_catalog_has_every_topic_of_the_issue(catalog):
    names = {t["name"] for t in catalog["topics"]}
    expected = {
        "pmo.config.policy", "pmo.config.roster", "pmo.intake.proposals", "pmo.intake.reviews",
        "pmo.planning.plans", "pmo.planning.expert-reviews", "pmo.status.reports", "pmo.resources.allocations",
        "pmo.change.requests", "pmo.change.votes", "pmo.intake.assessments", "pmo.intake.decisions",
        "pmo.projects.chartered", "pmo.intake.reminders", "pmo.planning.reviews", "pmo.planning.decisions", "pmo.planning.reminders",
        "pmo.projects.baselined", "pmo.monitoring.health", "pmo.monitoring.alerts", "pmo.monitoring.escalations",
        "pmo.resources.conflicts", "pmo.portfolio.register", "pmo.portfolio.summary", "pmo.change.assessments",
        "pmo.change.decisions", "pmo.change.reminders", "pmo.projects.rebaselined", "pmo.intake.appointments",
    } | {f"pmo.{s}.dlq" for s in SERVICES} | {f"pmo.{s}.changelog" for s in SERVICES}
    assert names == expected


def test_each_topic_has_one_writer_and_outputs_belong_to_services(catalog):
    for topic in catalog["topics"]:
        assert topic["writer"] in SERVICES | {"upstream"}
        if topic["role"] in ("dead-letter", "changelog"):
            assert topic["name"].startswith(f"pmo.{topic['writer']}.")
    compacted = {t["name"] for t in catalog["topics"] if t["cleanupPolicy"] == "compact"}
    assert {"pmo.config.policy", "pmo.config.roster", "pmo.monitoring.health", "pmo.portfolio.register"} <= compacted
    assert all(f"pmo.{s}.changelog" in compacted for s in SERVICES)


def test_the_pmos_records_keep_their_history(catalog):
    # Issue 13: charters, decisions, baselines, status reports and change requests are records.
    by_name = {t["name"]: t for t in catalog["topics"]}
    kept_for_ever = {
        "pmo.intake.proposals", "pmo.intake.reviews", "pmo.intake.decisions", "pmo.planning.decisions",
        "pmo.projects.rebaselined", "pmo.status.reports", "pmo.change.requests", "pmo.change.votes", "pmo.change.decisions",
    }
    for name in kept_for_ever:
        assert by_name[name]["retentionMs"] == -1, name
        assert by_name[name]["cleanupPolicy"] == "delete", name
    for name in ("pmo.projects.chartered", "pmo.projects.baselined"):
        assert by_name[name]["cleanupPolicy"] == "compact", name


def test_project_topics_are_co_partitioned(catalog):
    counts = {t["partitions"] for t in catalog["topics"] if t["key"] in ("projectId", "resourceId", "stateKey")}
    assert counts == {catalog["projectPartitions"]}


def test_catalog_and_schemas_agree(catalog):
    in_catalog = {}
    for topic in catalog["topics"]:
        for contract in topic["events"]:
            in_catalog[contract["eventType"]] = (topic, contract)
    schema_types = {contracts.event_type_of(p) for p in contracts.event_schema_paths()}
    assert set(in_catalog) == schema_types
    for event_type, (topic, contract) in in_catalog.items():
        schema = contracts.schema_for(event_type)
        assert contract["schemaId"] == schema["$id"]
        assert contract["version"] == schema["x-pmo-version"]
        assert (contracts.ROOT / contract["schemaPath"]).exists()
        key_field = schema["x-pmo-record-key"]
        if topic["key"] in ("projectId", "resourceId"):
            assert key_field == topic["key"], f"{event_type} is keyed by {key_field} on a {topic['key']} topic"


def test_asyncapi_and_catalog_agree(catalog, asyncapi):
    assert asyncapi["asyncapi"].startswith("3.")
    channels = {c["address"]: c for c in asyncapi["channels"].values()}
    assert set(channels) == {t["name"] for t in catalog["topics"]}
    messages = asyncapi["components"]["messages"]
    for topic in catalog["topics"]:
        channel = channels[topic["name"]]
        binding = channel["bindings"]["kafka"]
        assert binding["partitions"] == topic["partitions"]
        assert binding["topicConfiguration"]["cleanup.policy"] == [topic["cleanupPolicy"]]
        names = set()
        for ref in channel["messages"].values():
            message = messages[ref["$ref"].rsplit("/", 1)[1]]
            assert "key" in message["bindings"]["kafka"]
            names.add(message["name"])
            if topic["role"] in ("event", "reference"):
                assert message["payload"]["schemaFormat"] == derive.PAYLOAD_FORMAT
                payload = contracts.SCHEMAS / message["payload"]["schema"]["$ref"]
                assert payload.exists() and contracts.load_json(payload)["x-pmo-event-type"] == message["name"]
                assert message["headers"]["allOf"][0]["$ref"] == "#/components/schemas/CloudEventHeaders"
        if topic["role"] in ("event", "reference"):
            assert names == {c["eventType"] for c in topic["events"]}
        channel_id = next(k for k, v in asyncapi["channels"].items() if v["address"] == topic["name"])
        ops = [o for o in asyncapi["operations"].values() if o["channel"]["$ref"] == f"#/channels/{channel_id}"]
        senders = {o["x-pmo-participant"] for o in ops if o["action"] == "send"}
        receivers = {o["x-pmo-participant"] for o in ops if o["action"] == "receive"}
        assert senders == {topic["writer"]}, topic["name"]
        assert receivers == set(topic["readers"]), topic["name"]
    headers = asyncapi["components"]["schemas"]["CloudEventHeaders"]["required"]
    assert headers == ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type"]


def test_asyncapi_messages_all_belong_to_a_channel(asyncapi):
    used = {ref["$ref"].rsplit("/", 1)[1] for c in asyncapi["channels"].values() for ref in c["messages"].values()}
    assert used == set(asyncapi["components"]["messages"])


def test_derived_documents_are_up_to_date(catalog):
    assert (contracts.SCHEMAS / "asyncapi.yaml").read_text() == derive.asyncapi_text(catalog), \
        "run python schemas/tools/derive.py"
    assert (contracts.ROOT / "docs" / "topics.md").read_text() == derive.topics_markdown(catalog), \
        "run python schemas/tools/derive.py"


def test_topics_doc_has_one_line_per_topic(catalog):
    rows = [line for line in (contracts.ROOT / "docs" / "topics.md").read_text().splitlines()
            if line.startswith("| `pmo.")]
    assert [r.split("`")[1] for r in rows] == [t["name"] for t in catalog["topics"]]
