"""A small stand-in for `kustomize build`, for machines without kubectl or kustomize.

It supports exactly what deploy/kubernetes uses: `resources` (files, and folders holding a
kustomization.yaml), `namespace`, `images` (newName, newTag, digest) and `patches` whose patch is a
JSON 6902 list (add, replace, remove) selected by `target` (group, version, kind, name). Anything
else in a kustomization is refused, so that the stand-in cannot silently build something else than
kustomize would. test_manifests.py compares its output with `kubectl kustomize` where kubectl exists.
"""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

SUPPORTED = {"apiVersion", "kind", "resources", "namespace", "images", "patches"}
# Kinds without a namespace; none of them is in deploy/kubernetes today.
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
                  "PersistentVolume", "StorageClass", "PriorityClass"}


def build(folder: Path) -> list[dict]:
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise ValueError(f"{folder}: kustomize_lite does not support {sorted(unknown)}")
    documents: list[dict] = []
    for resource in kustomization.get("resources", []):
        path = (folder / resource).resolve()
        if path.is_dir():
            documents += build(path)
        else:
            documents += [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    for patch in kustomization.get("patches", []):
        operations = yaml.safe_load(patch["patch"])
        if not isinstance(operations, list):
            raise ValueError(f"{folder}: only JSON 6902 patches are supported")
        for document in documents:
            if matches(document, patch.get("target", {})):
                for operation in operations:
                    apply_operation(document, operation)
    for image in kustomization.get("images", []):
        for document in documents:
            for container in containers(document):
                container["image"] = replace_image(container["image"], image)
    if "namespace" in kustomization:
        for document in documents:
            if document["kind"] not in CLUSTER_SCOPED:
                document.setdefault("metadata", {})["namespace"] = kustomization["namespace"]
    return documents


def matches(document: dict, target: dict) -> bool:
    group, _, version = document["apiVersion"].rpartition("/")
    checks = {"group": group, "version": version, "kind": document["kind"], "name": document["metadata"]["name"]}
    return all(checks[key] == value for key, value in target.items())


def pointer(path: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in path.lstrip("/").split("/")]


def apply_operation(document: dict, operation: dict) -> None:
    *parents, last = pointer(operation["path"])
    node = document
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    op = operation["op"]
    if op == "remove":
        del node[int(last) if isinstance(node, list) else last]
    elif op in ("add", "replace"):
        if op == "replace" and (last not in node if isinstance(node, dict) else int(last) >= len(node)):
            raise KeyError(f"replace of a missing {operation['path']}")
        if isinstance(node, list):
            index = len(node) if last == "-" else int(last)
            if op == "add":
                node.insert(index, copy.deepcopy(operation["value"]))
            else:
                node[index] = copy.deepcopy(operation["value"])
        else:
            node[last] = copy.deepcopy(operation["value"])
    else:
        raise ValueError(f"unsupported JSON patch operation {op}")


def containers(document: dict) -> list[dict]:
    spec = document.get("spec", {}).get("template", {}).get("spec", {})
    return spec.get("containers", []) + spec.get("initContainers", [])


def replace_image(reference: str, image: dict) -> str:
    name, tag, digest = split_image(reference)
    if name != image["name"]:
        return reference
    name = image.get("newName", name)
    if "digest" in image:
        return f"{name}@{image['digest']}"
    if "newTag" in image:
        return f"{name}:{image['newTag']}"
    return name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")


def split_image(reference: str) -> tuple[str, str | None, str | None]:
    digest = None
    if "@" in reference:
        reference, digest = reference.split("@", 1)
    tag = None
    last = reference.rsplit("/", 1)[-1]
    if ":" in last:
        reference, tag = reference.rsplit(":", 1)
    return reference, tag, digest
