"""The Kafka side of the deployment matches the topic catalog in code: the KafkaTopics, the
KafkaUsers' ACLs (recomputed here from the catalog's readers and writers, and for the dashboard
from `PortfolioFeed.topics` in its Swift source, independently of deploy/render.py), the ACL
table, the committed files against a fresh render, and the autoscaling limits against the
partitions."""
from __future__ import annotations

import re
import subprocess
import sys

from deploy_support import (DEPLOY, PORTFOLIO_FEED, ROOT, bin_dir, by_name, executable, of_kind,
                            portfolio_feed_topics, services_of)

# The users that are not a catalog service: the gateway writes for upstream, the dashboard reads.
OTHER_USERS = ["gateway", "dashboard"]

# Keys whose topics the runtime co-partitions with the changelog (TopicCatalog.problems()).
CO_PARTITIONED_KEYS = {"projectId", "resourceId", "stateKey"}


def test_every_catalog_topic_has_its_kafka_topic(catalog, base_documents):
    topics = by_name(base_documents, "KafkaTopic")
    expected = {t["name"] for t in catalog["topics"]}
    assert set(topics) == expected
    for topic in catalog["topics"]:
        spec = topics[topic["name"]]["spec"]
        assert spec["topicName"] == topic["name"]
        assert spec["partitions"] == topic["partitions"], topic["name"]
        assert spec["config"]["cleanup.policy"] == topic["cleanupPolicy"], topic["name"]
        assert spec["config"].get("retention.ms") == topic.get("retentionMs"), topic["name"]
        assert spec["replicas"] == 1
        assert topics[topic["name"]]["metadata"]["labels"]["strimzi.io/cluster"] == "pmo"


def expected_acls(catalog: dict, participant: str) -> set[tuple]:
    """(resource type, name, pattern, operation) for one user, straight from the catalog; for the
    dashboard, from the topics PortfolioFeed.swift lists: Read and Describe on them, nothing else
    (no group: it only assigns; no write of any kind)."""
    if participant == "dashboard":
        return {("topic", name, "literal", op) for name in portfolio_feed_topics() for op in ("Read", "Describe")}
    acls = {("cluster", None, None, "IdempotentWrite")}
    for topic in catalog["topics"]:
        if participant == "gateway":
            if topic["writer"] == "upstream":
                acls |= {("topic", topic["name"], "literal", "Write"), ("topic", topic["name"], "literal", "Describe")}
            continue
        if participant in topic["readers"]:
            acls |= {("topic", topic["name"], "literal", "Read"), ("topic", topic["name"], "literal", "Describe")}
        if topic["writer"] == participant:
            acls |= {("topic", topic["name"], "literal", "Write"), ("topic", topic["name"], "literal", "Describe")}
    if participant != "gateway":
        acls.add(("group", f"pmo-{participant}", "literal", "Read"))
        acls |= {("transactionalId", f"pmo-{participant}-p", "prefix", "Write"),
                 ("transactionalId", f"pmo-{participant}-p", "prefix", "Describe")}
    return acls


def actual_acls(user: dict) -> list[tuple]:
    rows = []
    for acl in user["spec"]["authorization"]["acls"]:
        assert acl.get("type", "allow") == "allow" and acl.get("host", "*") == "*"
        resource = acl["resource"]
        operations = acl.get("operations") or [acl["operation"]]
        for operation in operations:
            rows.append((resource["type"], resource.get("name"),
                         resource.get("patternType", "literal") if "name" in resource else None, operation))
    return rows


def test_kafka_users_are_the_services_and_the_gateway(catalog, base_documents):
    users = by_name(base_documents, "KafkaUser")
    assert set(users) == {f"pmo-{s}" for s in services_of(catalog) + OTHER_USERS}
    for user in users.values():
        assert user["spec"]["authentication"] == {"type": "scram-sha-512"}
        assert user["spec"]["authorization"]["type"] == "simple"
        assert user["metadata"]["labels"]["strimzi.io/cluster"] == "pmo"


def test_each_users_acls_are_exactly_what_the_catalog_implies(catalog, base_documents):
    users = by_name(base_documents, "KafkaUser")
    for participant in services_of(catalog) + OTHER_USERS:
        rows = actual_acls(users[f"pmo-{participant}"])
        assert len(rows) == len(set(rows)), f"pmo-{participant} lists an ACL twice"
        assert set(rows) == expected_acls(catalog, participant), f"pmo-{participant}"


def test_the_gateway_can_neither_read_nor_join_a_group(base_documents):
    rows = actual_acls(by_name(base_documents, "KafkaUser")["pmo-gateway"])
    assert not [r for r in rows if r[3] == "Read" or r[0] in ("group", "transactionalId")]


def test_the_dashboard_user_reads_exactly_the_topics_of_portfolio_feed(catalog, base_documents):
    """render.py cannot read Swift, so it holds a copy of PortfolioFeed.topics (DASHBOARD_TOPICS);
    this parses the Swift list and fails when the copy, and so the rendered pmo-dashboard user,
    differs from it in any topic."""
    swift = portfolio_feed_topics()
    assert len(swift) >= 10 and len(swift) == len(set(swift)), f"{PORTFOLIO_FEED}: {swift}"
    assert set(swift) <= {t["name"] for t in catalog["topics"]}, "the dashboard reads a topic the catalog lacks"
    sys.path.insert(0, str(DEPLOY))
    import render  # noqa: E402  (deploy/render.py, for its constant)
    assert render.DASHBOARD_TOPICS == swift, "deploy/render.py's DASHBOARD_TOPICS differs from PortfolioFeed.topics"
    rows = actual_acls(by_name(base_documents, "KafkaUser")["pmo-dashboard"])
    rendered = [name for kind, name, _, operation in rows if kind == "topic" and operation == "Read"]
    assert sorted(rendered) == sorted(swift), "kafka-users.yaml's pmo-dashboard differs from PortfolioFeed.topics"


def test_the_dashboard_can_neither_write_nor_join_a_group(base_documents):
    rows = actual_acls(by_name(base_documents, "KafkaUser")["pmo-dashboard"])
    assert rows and all(r[0] == "topic" and r[3] in ("Read", "Describe") for r in rows), rows


def test_the_acl_table_lists_every_users_acls(catalog):
    table = (DEPLOY / "ACLS.md").read_text()
    rows = set()
    for line in table.splitlines():
        match = re.fullmatch(r"\| `(pmo-[a-z]+)` \| (\w+) \| (?:`([^`]+)`|\(the cluster\)) \| (\w+|-) \| ([\w, ]+) \|", line)
        if match:
            user, kind, name, pattern, operations = match.groups()
            for operation in operations.split(", "):
                rows.add((user, kind, name, None if pattern == "-" else pattern, operation))
    expected = {(f"pmo-{p}", *acl) for p in services_of(catalog) + OTHER_USERS for acl in expected_acls(catalog, p)}
    assert rows == expected


def test_committed_files_equal_a_fresh_render():
    executable("pmo-contract-check")
    result = subprocess.run([sys.executable, str(DEPLOY / "render.py"), "--check"], cwd=ROOT, capture_output=True,
                            text=True, env={"PMO_BIN_DIR": str(bin_dir()), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr


def test_max_replicas_do_not_exceed_the_input_partitions(catalog, base_documents):
    scaled = of_kind(base_documents, "ScaledObject")
    assert {s["spec"]["scaleTargetRef"]["name"] for s in scaled} == {f"pmo-{s}" for s in services_of(catalog)}
    for scaled_object in scaled:
        (trigger,) = scaled_object["spec"]["triggers"]
        assert trigger["type"] == "kafka"
        group = trigger["metadata"]["consumerGroup"]
        service = group.removeprefix("pmo-")
        assert scaled_object["spec"]["scaleTargetRef"]["name"] == group
        inputs = [t for t in catalog["topics"] if service in t["readers"] and t["key"] in CO_PARTITIONED_KEYS]
        assert any(t["name"] == f"pmo.{service}.changelog" for t in inputs)
        limit = min(t["partitions"] for t in inputs)
        assert 1 <= scaled_object["spec"]["minReplicaCount"] <= scaled_object["spec"]["maxReplicaCount"] <= limit, group
        behavior = scaled_object["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]
        assert behavior["scaleDown"]["stabilizationWindowSeconds"] >= 600, group


def test_scaling_credentials_are_the_services_own(base_documents):
    """KEDA reads each group's lag as the service's own Kafka user (its Read on the group implies
    Describe), with the password from the Secret Strimzi writes for that user."""
    authentications = by_name(base_documents, "TriggerAuthentication")
    deployments = by_name(base_documents, "Deployment")
    for scaled_object in of_kind(base_documents, "ScaledObject"):
        name = scaled_object["spec"]["scaleTargetRef"]["name"]
        (trigger,) = scaled_object["spec"]["triggers"]
        auth = authentications[trigger["authenticationRef"]["name"]]["spec"]
        secrets = {ref["parameter"]: (ref["name"], ref["key"]) for ref in auth["secretTargetRef"]}
        assert secrets["password"] == (name, "password")
        assert secrets["ca"] == ("pmo-cluster-ca-cert", "ca.crt")
        (username,) = auth["env"]
        (container,) = deployments[name]["spec"]["template"]["spec"]["containers"]
        assert username["containerName"] == container["name"]
        env = {e["name"]: e for e in container["env"]}
        assert env[username["name"]]["value"] == name
