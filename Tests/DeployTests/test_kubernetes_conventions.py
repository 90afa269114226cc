"""The Kubernetes base keeps the conventions deploy/README.md states: probes on /readyz and
/healthz, one HTTP port everywhere (container, PMO_HTTP_PORT, Service, Prometheus annotation), a
grace period longer than the graceful-shutdown bound, the non-root read-only security context,
requests and limits, Kafka credentials from the service's own KafkaUser, one disruption budget
and one autoscaler per Deployment, and network policies that match the Kafka address.

The dashboard differs where the executable does: it has no /metrics (so no Prometheus annotations
and no ingress from Prometheus), and it writes nothing and has no shutdown bound (no
--shutdown-timeout-s; test_executables.py checks both against the executable), so its grace
period need not outlast one."""
from __future__ import annotations

from deploy_support import by_name, of_kind

SHUTDOWN_DEFAULT_S = 30  # the runtime's --shutdown-timeout-s default (pmo-intake --help)
# Deployments whose executable serves no /metrics: no Prometheus annotations, nobody to scrape.
WITHOUT_METRICS = {"pmo-dashboard"}
# Deployments whose executable writes nothing and has no graceful-shutdown bound to outlast.
WRITES_NOTHING = {"pmo-dashboard"}


def env_of(container: dict) -> dict[str, dict]:
    return {e["name"]: e for e in container.get("env", [])}


def only_container(deployment: dict) -> dict:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


def selects(selector: dict, labels: dict) -> bool:
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def test_probes_ports_and_scraping(base_documents):
    services = by_name(base_documents, "Service")
    for name, deployment in by_name(base_documents, "Deployment").items():
        container = only_container(deployment)
        (port,) = container["ports"]
        assert port["name"] == "http"
        assert env_of(container)["PMO_HTTP_PORT"]["value"] == str(port["containerPort"]), name
        assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}, name
        assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}, name
        annotations = deployment["spec"]["template"]["metadata"].get("annotations", {})
        if name in WITHOUT_METRICS:
            assert not [a for a in annotations if a.startswith("prometheus.io/")], f"{name} has no /metrics"
        else:
            assert annotations == {"prometheus.io/scrape": "true", "prometheus.io/port": str(port["containerPort"]),
                                   "prometheus.io/path": "/metrics"}, name
        (service_port,) = services[name]["spec"]["ports"]
        assert services[name]["spec"]["type"] == "ClusterIP"
        assert (service_port["port"], service_port["targetPort"]) == (port["containerPort"], "http"), name
        assert services[name]["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]


def test_grace_period_outlasts_the_graceful_shutdown(base_documents):
    for name, deployment in by_name(base_documents, "Deployment").items():
        env = env_of(only_container(deployment))
        grace = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
        if name in WRITES_NOTHING:
            # Nothing to commit or flush: SIGKILL loses nothing. Its graceful shutdown does not
            # finish while a browser holds /events open, so a short grace ends such pods sooner.
            assert "PMO_SHUTDOWN_TIMEOUT_S" not in env and 5 <= grace <= 30, name
            continue
        bound = float(env["PMO_SHUTDOWN_TIMEOUT_S"]["value"]) if "PMO_SHUTDOWN_TIMEOUT_S" in env else SHUTDOWN_DEFAULT_S
        assert grace > bound, name


def test_security_context_and_resources(base_documents):
    for name, deployment in by_name(base_documents, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001, name
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert pod["automountServiceAccountToken"] is False and pod["enableServiceLinks"] is False, name
        container = only_container(deployment)
        context = container["securityContext"]
        assert context["readOnlyRootFilesystem"] is True and context["allowPrivilegeEscalation"] is False, name
        assert context["capabilities"] == {"drop": ["ALL"]}, name
        assert {"cpu", "memory"} <= set(container["resources"]["requests"]), name
        assert {"cpu", "memory"} <= set(container["resources"]["limits"]), name
        assert container["command"] == [name], name
        assert "replicas" not in deployment["spec"], f"{name}: the autoscaler owns the replica count"


def test_kafka_credentials_are_the_deployments_own_user(base_documents):
    users = by_name(base_documents, "KafkaUser")
    config = by_name(base_documents, "ConfigMap")["pmo-kafka-client"]["data"]
    assert config["KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL" and config["KAFKA_SASL_MECHANISMS"] == "SCRAM-SHA-512"
    for name, deployment in by_name(base_documents, "Deployment").items():
        container = only_container(deployment)
        env = env_of(container)
        assert env["KAFKA_SASL_USERNAME"]["value"] == name and name in users, name
        assert env["KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"] == {"name": name, "key": "password"}, name
        assert container["envFrom"] == [{"configMapRef": {"name": "pmo-kafka-client"}}], name
        mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
        volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
        ca_dir, _, ca_file = config["KAFKA_SSL_CA_LOCATION"].rpartition("/")
        (ca_volume,) = [n for n, path in mounts.items() if path == ca_dir]
        assert volumes[ca_volume]["secret"]["secretName"] == "pmo-cluster-ca-cert"
        assert {"key": "ca.crt", "path": ca_file} in volumes[ca_volume]["secret"]["items"]
        if name == "pmo-gateway":
            tokens_dir, _, tokens_file = env["PMO_GATEWAY_TOKENS_FILE"]["value"].rpartition("/")
            (tokens_volume,) = [n for n, path in mounts.items() if path == tokens_dir]
            assert volumes[tokens_volume]["secret"] == {"secretName": "pmo-gateway-tokens",
                                                        "items": [{"key": "tokens.yaml", "path": tokens_file}]}
            assert env["PMO_HTTP_HOST"]["value"] == "0.0.0.0"
        elif name == "pmo-dashboard":
            # Listens on every interface (its default is 127.0.0.1); no instance id (it has no
            # group, and no such option); no token in the base (components/dashboard-token adds one).
            assert env["PMO_HTTP_HOST"]["value"] == "0.0.0.0"
            assert "PMO_INSTANCE_ID" not in env and "PMO_DASHBOARD_TOKEN_FILE" not in env
            assert set(mounts.values()) == {ca_dir, "/tmp"}, name
        else:
            assert env["PMO_INSTANCE_ID"]["valueFrom"] == {"fieldRef": {"fieldPath": "metadata.name"}}, name


def test_one_disruption_budget_and_one_autoscaler_per_deployment(base_documents):
    budgets = of_kind(base_documents, "PodDisruptionBudget")
    scalers = {s["spec"]["scaleTargetRef"]["name"]: "ScaledObject" for s in of_kind(base_documents, "ScaledObject")}
    hpas = {h["spec"]["scaleTargetRef"]["name"]: h for h in of_kind(base_documents, "HorizontalPodAutoscaler")}
    assert not set(scalers) & set(hpas)
    for name, deployment in by_name(base_documents, "Deployment").items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert len([b for b in budgets if selects(b["spec"]["selector"], labels)]) == 1, name
        assert (name in scalers) != (name in hpas), name
    for name in ("pmo-gateway", "pmo-dashboard"):
        spec = hpas[name]["spec"]
        assert [(m["type"], m["resource"]["name"]) for m in spec["metrics"]] == [("Resource", "cpu")], name
        assert 1 <= spec["minReplicas"] <= spec["maxReplicas"], name


def test_network_policies_match_the_kafka_address_and_cover_every_pod(base_documents):
    config = by_name(base_documents, "ConfigMap")["pmo-kafka-client"]["data"]
    host, port = config["KAFKA_BOOTSTRAP_SERVERS"].split(":")
    service, namespace = host.split(".")[:2]
    cluster = service.removesuffix("-kafka-bootstrap")
    policies = by_name(base_documents, "NetworkPolicy")
    egress = policies["pmo-egress"]["spec"]
    kafka_rule, dns_rule = egress["egress"]
    (peer,) = kafka_rule["to"]
    assert peer["namespaceSelector"]["matchLabels"] == {"kubernetes.io/metadata.name": namespace}
    assert peer["podSelector"]["matchLabels"] == {"strimzi.io/cluster": cluster}
    assert kafka_rule["ports"] == [{"protocol": "TCP", "port": int(port)}]
    assert {(p["protocol"], p["port"]) for p in dns_rule["ports"]} == {("UDP", 53), ("TCP", 53)}
    assert all(t["metadata"]["labels"]["strimzi.io/cluster"] == cluster
               for t in of_kind(base_documents, "KafkaTopic") + of_kind(base_documents, "KafkaUser"))
    for name, deployment in by_name(base_documents, "Deployment").items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        applying = [p for p in policies.values() if selects(p["spec"]["podSelector"], labels)]
        assert {t for p in applying for t in p["spec"]["policyTypes"]} == {"Ingress", "Egress"}, name
        ingress_rules = [r for p in applying if "Ingress" in p["spec"]["policyTypes"] for r in p["spec"]["ingress"]]
        assert ingress_rules and all(r["ports"] == [{"protocol": "TCP", "port": "http"}] for r in ingress_rules), name
        sources = {peer["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]
                   for rule in ingress_rules for peer in rule["from"]}
        if name in WITHOUT_METRICS:
            assert "monitoring" not in sources, f"{name}: nothing to scrape, so no ingress from Prometheus"
        else:
            assert "monitoring" in sources, name
        if name in ("pmo-gateway", "pmo-dashboard"):
            assert "ingress-nginx" in sources, name
