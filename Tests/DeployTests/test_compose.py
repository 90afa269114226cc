"""deploy/compose.yaml validates against the Compose specification's schema (schemas/README.md)
and keeps its promises: Kafka in KRaft mode, the topics created once before any service starts,
every service healthy only when /readyz says so, ports on 127.0.0.1 only, every service's spans
sent to Jaeger, the demo opt-in."""
from __future__ import annotations

import json
import re

import jsonschema

from deploy_support import COMPOSE, DEPLOY, ROOT, SCHEMAS

PMO_SERVICES = ["pmo-intake", "pmo-planning", "pmo-monitoring", "pmo-change", "pmo-gateway", "pmo-dashboard"]
# Writes nothing and has no shutdown bound; an open /events stream keeps its graceful shutdown
# from finishing, so its stop grace is short (test_kubernetes_conventions.py, WRITES_NOTHING).
WRITES_NOTHING = {"pmo-dashboard"}


def test_compose_file_validates_against_the_compose_specification(compose):
    schema = json.loads((SCHEMAS / "compose-spec.json").read_text())
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(compose)]
    assert errors == []


def test_the_schema_validation_catches_a_misspelt_key(compose):
    schema = json.loads((SCHEMAS / "compose-spec.json").read_text())
    broken = json.loads(json.dumps(compose))
    broken["services"]["pmo-intake"]["healthchek"] = broken["services"]["pmo-intake"].pop("healthcheck")
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_kafka_runs_in_kraft_mode_from_the_official_image(compose):
    kafka = compose["services"]["kafka"]
    assert re.fullmatch(r"apache/kafka:3\.9\.\d+", kafka["image"])
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "healthcheck" in kafka


def test_topics_are_created_once_before_the_services_start(compose):
    topics = compose["services"]["topics"]
    assert topics["command"][:3] == ["pmoctl", "topics", "create"]
    assert topics["depends_on"]["kafka"]["condition"] == "service_healthy"
    for name in PMO_SERVICES:
        service = compose["services"][name]
        assert service["depends_on"]["topics"]["condition"] == "service_completed_successfully", name


def test_jaeger_takes_the_spans_of_every_service(compose):
    """Jaeger v2 (a pinned release) takes OTLP/HTTP on 0.0.0.0:4318 of its container (the Compose
    network only: not published) and shows its UI on the host's loopback only; every PMO service
    (the services whose command is a PMO executable) sends its spans there and starts after it."""
    jaeger = compose["services"]["jaeger"]
    assert re.fullmatch(r"jaegertracing/jaeger:2\.\d+\.\d+", jaeger["image"])
    assert jaeger["ports"] == ["127.0.0.1:16686:16686"]
    command = jaeger["command"]
    settings = dict(command[i + 1].split("=", 1) for i, word in enumerate(command) if word == "--set")
    assert settings["receivers.otlp.protocols.http.endpoint"] == "0.0.0.0:4318"
    services = {n: s for n, s in compose["services"].items()
                if isinstance(s.get("command"), list) and s["command"][0] in PMO_SERVICES}
    assert sorted(services) == sorted(PMO_SERVICES)
    for name, service in services.items():
        endpoint = service["environment"].get("OTEL_EXPORTER_OTLP_ENDPOINT")
        assert endpoint == "http://jaeger:4318", name
        assert service["depends_on"]["jaeger"]["condition"] == "service_started", name


def test_every_service_is_healthy_only_when_ready(compose):
    for name in PMO_SERVICES:
        service = compose["services"][name]
        assert service["command"][0] == name
        port = service["environment"]["PMO_HTTP_PORT"]
        assert service["healthcheck"]["test"][:2] == ["CMD", "curl"], name
        assert service["healthcheck"]["test"][-1] == f"http://127.0.0.1:{port}/readyz", name
        grace = int(service["stop_grace_period"].removesuffix("s"))
        if name in WRITES_NOTHING:
            assert "PMO_SHUTDOWN_TIMEOUT_S" not in service["environment"] and 5 <= grace <= 30, name
        else:
            assert grace > float(service["environment"].get("PMO_SHUTDOWN_TIMEOUT_S", 30)), name
        assert service["read_only"] is True and service["cap_drop"] == ["ALL"], name


def test_ports_are_published_on_the_loopback_only(compose):
    published = [p for s in compose["services"].values() for p in s.get("ports", [])]
    assert {"127.0.0.1:8090:8090", "127.0.0.1:8088:8088"} <= set(published)
    assert all(p.startswith("127.0.0.1:") for p in published)


def test_the_gateway_listens_on_every_interface_with_the_example_tokens(compose):
    gateway = compose["services"]["pmo-gateway"]
    assert gateway["environment"]["PMO_HTTP_HOST"] == "0.0.0.0"
    (volume,) = gateway["volumes"]
    source, target, mode = volume.split(":")
    assert (COMPOSE.parent / source).resolve() == ROOT / "examples" / "gateway-tokens.yaml"
    assert target == gateway["environment"]["PMO_GATEWAY_TOKENS_FILE"] and mode == "ro"


def test_the_dashboard_listens_on_every_interface_without_a_token(compose):
    """No token by default (the file's comment says how to add one); only the loopback port."""
    dashboard = compose["services"]["pmo-dashboard"]
    assert dashboard["environment"]["PMO_HTTP_HOST"] == "0.0.0.0"
    assert dashboard["environment"]["PMO_HTTP_PORT"] == "8088"
    assert "PMO_DASHBOARD_TOKEN_FILE" not in dashboard["environment"] and "volumes" not in dashboard
    assert dashboard["ports"] == ["127.0.0.1:8088:8088"]


def test_the_demo_is_opt_in_and_its_files_exist(compose):
    demo = compose["services"]["demo"]
    assert demo["profiles"] == ["demo"]
    assert all(not s.get("profiles") for n, s in compose["services"].items() if n != "demo")
    files = re.findall(r"examples/\S+\.(?:json|yaml)", demo["command"][-1])
    assert len(files) >= 14
    missing = [f for f in files if not (ROOT / f).exists()]
    assert missing == []
    assert (ROOT / ".dockerignore").exists() and (DEPLOY / "Dockerfile").exists()
