"""Helpers shared by the contract tests: schema loading, validation with a real JSON Schema
validator, JSON Pointers, invalid-fixture patches, the Swift contract-check tool, and the
compatibility lock."""
from __future__ import annotations

import copy
import json
import os
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
EVENTS = SCHEMAS / "events"
COMMON = SCHEMAS / "common" / "types.v1.schema.json"
LOCK = SCHEMAS / "compat" / "lock.json"
TOOL_NAME = "pmo-contract-check"


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def event_schema_paths() -> list[Path]:
    return sorted(EVENTS.glob("*.schema.json"))


def fixture_paths() -> list[Path]:
    return sorted(EVENTS.glob("*.invalid.json"))


def event_type_of(path: Path) -> str:
    return path.name.removesuffix(".schema.json").removesuffix(".invalid.json")


@cache
def all_schemas() -> dict[str, dict]:
    """Every schema by $id (the common types and each event schema)."""
    out = {}
    for path in [COMMON, *event_schema_paths()]:
        schema = load_json(path)
        out[schema["$id"]] = schema
    return out


@cache
def registry() -> Registry:
    return Registry().with_resources(
        (schema_id, Resource.from_contents(schema)) for schema_id, schema in all_schemas().items())


def schema_for(event_type: str) -> dict:
    return load_json(EVENTS / f"{event_type}.schema.json")


def validator_for(schema: dict, reg: Registry | None = None) -> Draft202012Validator:
    return Draft202012Validator(schema, registry=reg or registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def pointer(parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def error_pointers(schema: dict, instance, reg: Registry | None = None) -> dict[str, list[str]]:
    """JSON Pointer -> messages of every schema error. A missing required property and a property
    that `additionalProperties: false` forbids are reported at the property's own pointer (as the
    Swift decoder names them), not at their parent."""
    out: dict[str, list[str]] = {}
    for error in validator_for(schema, reg).iter_errors(instance):
        base = list(error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            for name in error.validator_value:
                if name not in error.instance:
                    out.setdefault(pointer(base + [name]), []).append(error.message)
        elif (error.validator == "additionalProperties" and error.validator_value is False
              and isinstance(error.instance, dict)):
            known = error.schema.get("properties", {})
            for name in error.instance:
                if name not in known:
                    out.setdefault(pointer(base + [name]), []).append(error.message)
        else:
            out.setdefault(pointer(base), []).append(error.message)
    return out


def apply_patch(document, operations: list[dict]):
    """A small JSON Patch (RFC 6902) subset: add, remove, replace."""
    doc = copy.deepcopy(document)
    for op in operations:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in op["path"].split("/")[1:]]
        parent = doc
        for token in tokens[:-1]:
            parent = parent[int(token)] if isinstance(parent, list) else parent[token]
        last = tokens[-1]
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if op["op"] == "add":
                parent.insert(index, op["value"])
            elif op["op"] == "remove":
                del parent[index]
            else:
                parent[index] = op["value"]
        else:
            if op["op"] == "remove":
                del parent[last]
            else:
                if op["op"] == "replace" and last not in parent:
                    raise KeyError(f"replace of missing {op['path']}")
                parent[last] = op["value"]
    return doc


@dataclass
class Fixture:
    """An invalid event: an example with a patch applied, and the pointers of the violations both
    validators must report (`pointer`, or `pointers` when the patch breaks several fields)."""
    event_type: str
    name: str
    pointers: list[str]
    instance: dict

    @property
    def id(self) -> str:
        return f"{self.event_type}: {self.name}"


def fixtures() -> list[Fixture]:
    out = []
    for path in fixture_paths():
        event_type = event_type_of(path)
        examples = schema_for(event_type)["examples"]
        for spec in load_json(path):
            instance = apply_patch(examples[spec.get("example", 0)], spec["patch"])
            pointers = spec["pointers"] if "pointers" in spec else [spec["pointer"]]
            out.append(Fixture(event_type, spec["name"], pointers, instance))
    return out


def tool_path() -> Path:
    bin_dir = Path(os.environ.get("PMO_BIN_DIR", ROOT / ".build" / "debug"))
    if not bin_dir.is_absolute():
        bin_dir = ROOT / bin_dir
    return bin_dir / TOOL_NAME


def require_tool() -> Path:
    path = tool_path()
    if not path.exists():
        raise RuntimeError(
            f"{path} is missing: build it first with `swift build --product {TOOL_NAME}` "
            f"(or set PMO_BIN_DIR to the folder that holds it)")
    return path


def swift_check(items: list[tuple[str, str, str]]) -> dict[str, dict]:
    """Runs the Swift model on (id, ce_type, raw JSON) items; returns the result per id."""
    lines = "".join(f"{i}\t{t}\t{raw}\n" for i, t, raw in items)
    for _, _, raw in items:
        assert "\n" not in raw, "raw JSON must be on one line"
    done = subprocess.run([str(require_tool()), "check"], input=lines, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{TOOL_NAME} check failed ({done.returncode}): {done.stderr}")
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(results) == len(items), f"{TOOL_NAME} answered {len(results)} of {len(items)} items"
    return {r["id"]: r for r in results}


@cache
def swift_catalog() -> dict:
    done = subprocess.run([str(require_tool()), "catalog"], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{TOOL_NAME} catalog failed ({done.returncode}): {done.stderr}")
    return json.loads(done.stdout)
