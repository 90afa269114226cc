"""Every Kubernetes manifest, of the base and of the built production overlay, validates: core
resources with kubernetes-validate (the Kubernetes OpenAPI schemas it bundles, strict: unknown
fields are errors) for Kubernetes 1.30; Strimzi and KEDA resources against the openAPIV3Schema of
their CustomResourceDefinition (schemas/, see schemas/README.md), also strictly: a field the API
server would prune as unknown is an error here."""
from __future__ import annotations

import copy
import os
from functools import lru_cache

import jsonschema
import kubernetes_validate
import pytest
import yaml

import kustomize_lite
from deploy_support import DEPLOY, KUBERNETES_VERSION, PRODUCTION, SCHEMAS, build_with_kubectl, help_text

DASHBOARD_TOKEN = DEPLOY / "kubernetes" / "components" / "dashboard-token"

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


def with_dashboard_token(documents: list[dict]) -> list[dict]:
    """The documents with components/dashboard-token's JSON patches applied (kustomize_lite's
    operations; the component is not in the overlay, so kustomize_lite need not know components)."""
    component = yaml.safe_load((DASHBOARD_TOKEN / "kustomization.yaml").read_text())
    assert component["kind"] == "Component" and set(component) == {"apiVersion", "kind", "patches"}
    documents = copy.deepcopy(documents)
    for patch in component["patches"]:
        targets = [d for d in documents if kustomize_lite.matches(d, patch["target"])]
        assert [d["metadata"]["name"] for d in targets] == ["pmo-dashboard"]
        for operation in yaml.safe_load(patch["patch"]):
            kustomize_lite.apply_operation(targets[0], operation)
    return documents


def test_the_dashboard_token_component_mounts_the_secret_it_names(base_documents):
    """The optional component (deploy/README.md) gives pmo-dashboard PMO_DASHBOARD_TOKEN_FILE, a
    variable its --help lists, pointing into the read-only mount of the Secret pmo-dashboard-token;
    the result validates like the rest."""
    patched = [d for d in with_dashboard_token(base_documents) if d["kind"] == "Deployment"
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
    """With kubectl: an overlay of production and the component builds to production with the
    patches above applied."""
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    overlay.joinpath("kustomization.yaml").write_text(yaml.safe_dump({
        "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
        "resources": [os.path.relpath(PRODUCTION, overlay)], "components": [os.path.relpath(DASHBOARD_TOKEN, overlay)]}))
    built = build_with_kubectl(overlay)
    if built is None:
        pytest.skip("kubectl is not installed here: the component was checked by its patches only")
    key = lambda d: (d["kind"], d["metadata"]["name"])  # noqa: E731
    assert sorted(built, key=key) == sorted(with_dashboard_token(production_documents), key=key)
