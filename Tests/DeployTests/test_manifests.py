"""Every Kubernetes manifest, of the base and of the built production overlay, validates: core
resources with kubernetes-validate (the Kubernetes OpenAPI schemas it bundles, strict: unknown
fields are errors) for Kubernetes 1.30; Strimzi and KEDA resources against the openAPIV3Schema of
their CustomResourceDefinition (schemas/, see schemas/README.md), also strictly: a field the API
server would prune as unknown is an error here. The optional components (components/) validate
too once applied, and build with kubectl as they are applied here."""
from __future__ import annotations

import copy
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import kubernetes_validate
import pytest
import yaml

import kustomize_lite
from deploy_support import (DASHBOARD_TOKEN, KUBERNETES_VERSION, PRODUCTION, SCHEMAS, TRACING, build_with_kubectl,
                            by_name, help_text, of_kind, with_component)

OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT"

CRD_FILES = [
    "strimzi-0.49.1-043-Crd-kafkatopic.yaml",
    "strimzi-0.49.1-044-Crd-kafkauser.yaml",
    "keda-2.19.0-keda.sh_scaledobjects.yaml",
    "keda-2.19.0-keda.sh_triggerauthentications.yaml",
]


@lru_cache(maxsize=None)
def crd_schemas() -> dict[tuple[str, str], dict]:
    """(apiVersion, kind) -> the strict openAPIV3Schema of that served version."""
    schemas = {}
    for name in CRD_FILES:
        crd = yaml.safe_load((SCHEMAS / name).read_text())
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            if version.get("served"):
                schemas[(f"{group}/{version['name']}", kind)] = strict(version["schema"]["openAPIV3Schema"])
    return schemas


def strict(schema: dict) -> dict:
    """The schema with additionalProperties: false on every object that lists its properties and
    does not keep unknown fields, as the API server's pruning would drop them."""
    schema = copy.deepcopy(schema)

    def visit(node):
        if isinstance(node, dict):
            if ("properties" in node and "additionalProperties" not in node
                    and not node.get("x-kubernetes-preserve-unknown-fields")):
                node["additionalProperties"] = False
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)
    return schema


def is_custom(document: dict) -> bool:
    return document["apiVersion"].split("/")[0] in ("kafka.strimzi.io", "keda.sh")


def problems(documents: list[dict]) -> list[str]:
    found = []
    for document in documents:
        where = f"{document['kind']} {document['metadata']['name']}"
        if is_custom(document):
            key = (document["apiVersion"], document["kind"])
            schema = crd_schemas().get(key)
            if schema is None:
                found.append(f"{where}: no served CRD version for {key}")
                continue
            for error in jsonschema.Draft4Validator(schema).iter_errors(document):
                found.append(f"{where}: {error.json_path}: {error.message}")
        else:
            try:
                kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
            except kubernetes_validate.ValidationError as error:
                found.append(f"{where}: {'.'.join(str(p) for p in error.path)}: {error.message}")
            except kubernetes_validate.SchemaNotFoundError as error:
                found.append(f"{where}: {error.message}")
    return found


def test_base_manifests_validate(base_documents):
    assert base_documents
    assert problems(base_documents) == []


def test_production_overlay_validates(production_documents):
    assert production_documents
    assert problems(production_documents) == []


def test_production_overlay_sets_namespace_topic_replicas_and_image(production_documents, base_documents):
    assert len(production_documents) == len(base_documents)
    assert {d["metadata"].get("namespace") for d in production_documents} == {"pmo"}
    topics = [d for d in production_documents if d["kind"] == "KafkaTopic"]
    assert topics and all(t["spec"]["replicas"] == 3 for t in topics)
    assert all(t["spec"]["config"]["min.insync.replicas"] == 2 for t in topics)
    images = {c["image"] for d in production_documents if d["kind"] == "Deployment"
              for c in d["spec"]["template"]["spec"]["containers"]}
    assert len(images) == 1 and not images.pop().endswith(":latest")


def test_the_validation_catches_unknown_fields(base_documents):
    """The strictness the two tests above rely on: a misspelt field fails, core and custom."""
    deployment = copy.deepcopy(next(d for d in base_documents if d["kind"] == "Deployment"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    topic = copy.deepcopy(next(d for d in base_documents if d["kind"] == "KafkaTopic"))
    topic["spec"]["partition"] = 6
    assert len(problems([deployment, topic])) == 2


def test_kustomize_lite_builds_what_kubectl_builds():
    built = build_with_kubectl(PRODUCTION)
    if built is None:
        pytest.skip("kubectl is not installed here: the overlay was built by kustomize_lite only")
    key = lambda d: (d["kind"], d["metadata"]["name"])  # noqa: E731
    assert sorted(kustomize_lite.build(PRODUCTION), key=key) == sorted(built, key=key)


def test_strimzi_resources_are_also_valid_as_v1(base_documents):
    """Strimzi deprecates v1beta2 in 0.49 and serves only v1 from 1.0: the generated resources
    validate as v1 too, so moving to it is a change of apiVersion in deploy/render.py."""
    v1 = [dict(copy.deepcopy(d), apiVersion="kafka.strimzi.io/v1") for d in base_documents
          if d["apiVersion"] == "kafka.strimzi.io/v1beta2"]
    assert v1 and problems(v1) == []


def production_namespace() -> str:
    return yaml.safe_load((PRODUCTION / "kustomization.yaml").read_text())["namespace"]


def with_production_component(production_documents: list[dict], component: Path) -> list[dict]:
    """The production overlay as it builds once it names the component."""
    return with_component(production_documents, component, production_namespace())


def build_production_with_kubectl(tmp_path: Path, component: Path) -> list[dict] | None:
    """With kubectl: an overlay of production, in its namespace, that names the component."""
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    overlay.joinpath("kustomization.yaml").write_text(yaml.safe_dump({
        "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization", "namespace": production_namespace(),
        "resources": [os.path.relpath(PRODUCTION, overlay)], "components": [os.path.relpath(component, overlay)]}))
    return build_with_kubectl(overlay)


def test_the_dashboard_token_component_mounts_the_secret_it_names(base_documents):
    """The optional component (deploy/README.md) gives pmo-dashboard PMO_DASHBOARD_TOKEN_FILE, a
    variable its --help lists, pointing into the read-only mount of the Secret pmo-dashboard-token;
    the result validates like the rest."""
    patched = [d for d in with_component(base_documents, DASHBOARD_TOKEN) if d["kind"] == "Deployment"
               and d["metadata"]["name"] == "pmo-dashboard"]
    assert problems(patched) == []
    pod = patched[0]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    directory, _, file = env["PMO_DASHBOARD_TOKEN_FILE"].rpartition("/")
    (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == directory]
    assert mount["readOnly"] is True
    (volume,) = [v for v in pod["volumes"] if v["name"] == mount["name"]]
    assert volume["secret"] == {"secretName": "pmo-dashboard-token", "items": [{"key": "token", "path": file}]}
    assert "PMO_DASHBOARD_TOKEN_FILE" in help_text("pmo-dashboard")


def test_the_dashboard_token_component_builds_with_kubectl(tmp_path, production_documents):
    """With kubectl: production with the component builds to production with the patches above applied."""
    built = build_production_with_kubectl(tmp_path, DASHBOARD_TOKEN)
    if built is None:
        pytest.skip("kubectl is not installed here: the component was checked by its patches only")
    key = lambda d: (d["kind"], d["metadata"]["name"])  # noqa: E731
    assert sorted(built, key=key) == sorted(with_production_component(production_documents, DASHBOARD_TOKEN), key=key)


def test_the_tracing_component_gives_every_deployment_one_otlp_endpoint(production_documents):
    """The optional tracing component gives every PMO Deployment's container exactly one
    OTEL_EXPORTER_OTLP_ENDPOINT, the same collector for all, and changes nothing else but the one
    NetworkPolicy it adds; the production overlay with it validates like the rest.
    (test_executables.py checks the variable against each executable's --help.)"""
    patched = with_production_component(production_documents, TRACING)
    assert problems(patched) == []
    deployments = by_name(patched, "Deployment")
    assert set(deployments) == set(by_name(production_documents, "Deployment")) and len(deployments) >= 6
    endpoints = set()
    for name, deployment in deployments.items():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        variables = [e for e in container["env"] if e["name"] == OTLP_ENDPOINT]
        assert len(variables) == 1 and set(variables[0]) == {"name", "value"}, name
        (variable,) = variables
        endpoints.add(variable["value"])
        container["env"].remove(variable)
    (endpoint,) = endpoints
    assert urlsplit(endpoint).scheme == "http" and urlsplit(endpoint).path in ("", "/"), endpoint
    key = lambda d: (d["kind"], d["metadata"]["name"])  # noqa: E731
    (added,) = [d for d in patched if key(d) not in {key(p) for p in production_documents}]
    assert key(added) == ("NetworkPolicy", "pmo-egress-tracing")
    assert sorted([d for d in patched if d is not added], key=key) == sorted(production_documents, key=key)


def test_the_tracing_components_network_policy_lets_the_pods_reach_the_collector_only(production_documents):
    """The base lets PMO pods reach Kafka and DNS only: the component adds egress to TCP 4318 of
    the namespace observability, for every PMO pod, nothing else, and matches the endpoint's
    namespace (<service>.<namespace>.svc) and port."""
    patched = with_production_component(production_documents, TRACING)
    policy = by_name(patched, "NetworkPolicy")["pmo-egress-tracing"]
    assert policy["metadata"]["namespace"] == production_namespace()
    assert policy["metadata"]["labels"] == {"app.kubernetes.io/part-of": "pmo"}
    spec = policy["spec"]
    assert spec["policyTypes"] == ["Egress"] and set(spec) == {"podSelector", "policyTypes", "egress"}
    assert spec["egress"] == [{"to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "observability"}}}],
                               "ports": [{"protocol": "TCP", "port": 4318}]}]
    selector = spec["podSelector"]["matchLabels"]
    assert selector == {"app.kubernetes.io/part-of": "pmo"}
    for deployment in of_kind(patched, "Deployment"):
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert all(labels.get(k) == v for k, v in selector.items()), deployment["metadata"]["name"]
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        (endpoint,) = [e["value"] for e in container["env"] if e["name"] == OTLP_ENDPOINT]
        url = urlsplit(endpoint)
        _, namespace, suffix = url.hostname.split(".")[:3]
        assert (namespace, suffix, url.port) == ("observability", "svc", 4318), endpoint


def test_the_tracing_component_builds_with_kubectl(tmp_path, production_documents):
    """With kubectl: production with the component builds to production with the component's
    NetworkPolicy (in production's namespace) and patches applied as above."""
    built = build_production_with_kubectl(tmp_path, TRACING)
    if built is None:
        pytest.skip("kubectl is not installed here: the component was checked by its patches only")
    key = lambda d: (d["kind"], d["metadata"]["name"])  # noqa: E731
    assert sorted(built, key=key) == sorted(with_production_component(production_documents, TRACING), key=key)
