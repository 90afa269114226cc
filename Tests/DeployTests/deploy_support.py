"""Helpers of the deployment tests (conftest.py holds the fixtures): paths, the executables and
their --help, the manifests and the optional components applied to them. Binaries come from PMO_BIN_DIR (scripts/test.sh sets it) or
.build/debug; a test that needs one that is missing is skipped and says which."""
from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

import kustomize_lite

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEPLOY = ROOT / "deploy"
BASE = DEPLOY / "kubernetes" / "base"
PRODUCTION = DEPLOY / "kubernetes" / "overlays" / "production"
COMPONENTS = DEPLOY / "kubernetes" / "components"
DASHBOARD_TOKEN = COMPONENTS / "dashboard-token"
TRACING = COMPONENTS / "tracing"
COMPOSE = DEPLOY / "compose.yaml"
SCHEMAS = HERE / "schemas"
KUBERNETES_VERSION = "1.30"
# The Swift source that lists the topics pmo-dashboard reads (`PortfolioFeed.topics`).
PORTFOLIO_FEED = ROOT / "Services" / "Dashboard" / "Server" / "PortfolioFeed.swift"


def bin_dir() -> Path:
    path = Path(os.environ.get("PMO_BIN_DIR", ROOT / ".build" / "debug"))
    return path if path.is_absolute() else ROOT / path


def executable(name: str) -> Path:
    path = bin_dir() / name
    if not path.exists():
        pytest.skip(f"{path} is missing: build it first (`swift build --product {name}`; scripts/test.sh builds every product)")
    return path


@lru_cache(maxsize=None)
def help_text(*command: str) -> str:
    """`<command> --help`, for an executable and optional subcommand path."""
    result = subprocess.run([str(executable(command[0])), *command[1:], "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{' '.join(command)} --help failed: {result.stderr}"
    return result.stdout


def load_documents(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d is not None]


def base_files() -> list[Path]:
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text())
    return [BASE / name for name in kustomization["resources"]]


def build_with_kubectl(folder: Path) -> list[dict] | None:
    """`kubectl kustomize folder`, or None where kubectl is not installed."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        return None
    result = subprocess.run([kubectl, "kustomize", str(folder)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"kubectl kustomize {folder} failed: {result.stderr}"
    return [d for d in yaml.safe_load_all(result.stdout) if d is not None]


def with_component(documents: list[dict], folder: Path, namespace: str | None = None) -> list[dict]:
    """The documents with the Kustomize Component in `folder` applied as an overlay that names it
    applies it: its resources (files) added, in the overlay's `namespace` if it has one, then its
    JSON 6902 patches (kustomize_lite's operations), each to the one document its target names.
    kustomize_lite itself builds no components (no overlay of the repository names one);
    test_manifests.py compares this with `kubectl kustomize` where kubectl exists."""
    component = yaml.safe_load((folder / "kustomization.yaml").read_text())
    assert component["kind"] == "Component", folder
    unknown = set(component) - {"apiVersion", "kind", "resources", "patches"}
    assert not unknown, f"{folder}: with_component does not support {sorted(unknown)}"
    documents = copy.deepcopy(documents)
    for resource in component.get("resources", []):
        assert (folder / resource).is_file(), f"{folder}: with_component takes files as resources, not {resource}"
        for document in load_documents(folder / resource):
            if namespace is not None and document["kind"] not in kustomize_lite.CLUSTER_SCOPED:
                document.setdefault("metadata", {})["namespace"] = namespace
            documents.append(document)
    for patch in component.get("patches", []):
        target = patch["target"]
        operations = yaml.safe_load(patch["patch"])
        assert isinstance(operations, list), f"{folder}: only JSON 6902 patches are supported"
        matched = [d for d in documents if kustomize_lite.matches(d, target)]
        assert [d["metadata"]["name"] for d in matched] == [target["name"]], f"{folder}: {target} matches {len(matched)}"
        for operation in operations:
            kustomize_lite.apply_operation(matched[0], operation)
    return documents


def of_kind(documents: list[dict], kind: str) -> list[dict]:
    return [d for d in documents if d["kind"] == kind]


def by_name(documents: list[dict], kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in of_kind(documents, kind)}


def services_of(catalog: dict) -> list[str]:
    """The catalog's participants other than upstream: the services with a group of their own."""
    names = {t["writer"] for t in catalog["topics"]} | {r for t in catalog["topics"] for r in t["readers"]}
    return sorted(names - {"upstream"})


def portfolio_feed_topics() -> list[str]:
    """The string literals of `static let topics = [...]` in PortfolioFeed.swift, in order: the
    topics the dashboard assigns itself (line comments in the list are ignored)."""
    source = PORTFOLIO_FEED.read_text()
    match = re.search(r"\bstatic\s+let\s+topics(?:\s*:\s*\[String\])?\s*=\s*\[(.*?)\]", source, re.S)
    assert match, f"{PORTFOLIO_FEED}: no `static let topics = [...]`"
    body = re.sub(r"//[^\n]*", "", match.group(1))
    topics = re.findall(r'"([^"\\]+)"', body)
    leftover = re.sub(r'"[^"\\]+"|[\s,]', "", body)
    assert not leftover, f"{PORTFOLIO_FEED}: the topics list holds more than string literals: {leftover!r}"
    return topics
