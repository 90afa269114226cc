"""Fixtures of the deployment tests: the topic catalog (from pmo-contract-check, as deploy/render.py
and schemas/tools/derive.py read it), the Kubernetes manifests of the base and of the built
production overlay, and the Compose file. Helpers are in deploy_support.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kustomize_lite  # noqa: E402
from deploy_support import COMPOSE, PRODUCTION, base_files, build_with_kubectl, executable, load_documents  # noqa: E402


@pytest.fixture(scope="session")
def catalog() -> dict:
    tool = executable("pmo-contract-check")
    return json.loads(subprocess.run([str(tool), "catalog"], check=True, capture_output=True, text=True).stdout)


@pytest.fixture(scope="session")
def base_documents() -> list[dict]:
    return [d for path in base_files() for d in load_documents(path)]


@pytest.fixture(scope="session")
def production_documents() -> list[dict]:
    """The production overlay as built by `kubectl kustomize` where kubectl exists, otherwise by
    kustomize_lite (which test_manifests.py compares with kubectl where both exist)."""
    built = build_with_kubectl(PRODUCTION)
    return built if built is not None else kustomize_lite.build(PRODUCTION)


@pytest.fixture(scope="session")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())
