"""Compatibility lock for the event schemas.

schemas/compat/lock.json holds, for every event type version, each field's path, whether it is
required, its JSON types and its narrowing constraints (enum, pattern, minimum, maximum,
minItems, const). A schema of the same version may only widen: a required field may not be
removed, renamed or made optional, a type or constraint may not narrow, and no new required
field may appear. Such changes need a new version (a new event type `....v2` and schema file).

    python Tests/SchemaTests/compat.py --update   # lock event type versions that are not locked yet
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contracts  # noqa: E402

from referencing import Registry  # noqa: E402

CONSTRAINTS = ("enum", "pattern", "minimum", "maximum", "minItems", "minLength", "const")


def _resolve(schema: dict, resolver) -> tuple[dict, object]:
    """Follows $ref (keeping sibling keywords other than the description) until a schema
    without $ref; returns it with the resolver of the document it lives in."""
    siblings: dict = {}
    while "$ref" in schema:
        siblings.update({k: v for k, v in schema.items() if k not in ("$ref", "description")})
        resolved = resolver.lookup(schema["$ref"])
        schema, resolver = resolved.contents, resolved.resolver
    return {**schema, **siblings}, resolver


def _types(schema: dict) -> list[str]:
    if "type" in schema:
        t = schema["type"]
        return sorted(t if isinstance(t, list) else [t])
    if "const" in schema:
        return [{bool: "boolean", int: "integer", float: "number", str: "string"}.get(type(schema["const"]), "any")]
    return ["any"]


def flatten(schema: dict, reg: Registry | None = None) -> dict[str, dict]:
    """Field path (`/a/*/b`) -> {required, types, constraints} for every field of an event schema."""
    reg = reg or contracts.registry()
    fields: dict[str, dict] = {}

    def walk(node: dict, resolver, path: str, required: bool, depth: int) -> None:
        if depth > 30:
            raise ValueError(f"schema too deep at {path}")
        node, resolver = _resolve(node, resolver)
        if path:
            entry = {"required": required, "types": _types(node)}
            for key in CONSTRAINTS:
                if key in node:
                    entry[key] = sorted(node[key]) if key == "enum" else node[key]
            fields[path] = entry
        if "properties" in node:
            needed = set(node.get("required", []))
            for name, sub in node["properties"].items():
                walk(sub, resolver, f"{path}/{name}", required and name in needed, depth + 1)
        if "items" in node and isinstance(node["items"], dict):
            walk(node["items"], resolver, f"{path}/*", required, depth + 1)

    walk(schema, reg.resolver(base_uri=schema["$id"]), "", True, 0)
    return fields


def _widens(old_types: list[str], new_types: list[str]) -> bool:
    new = set(new_types)
    if "any" in new:
        return True
    return all(t in new or (t == "integer" and "number" in new) for t in old_types)


def compare(locked: dict[str, dict], current: dict[str, dict]) -> list[str]:
    """Breaking changes from `locked` to `current` (same version)."""
    problems = []
    for path, old in locked.items():
        new = current.get(path)
        if old["required"]:
            if new is None:
                problems.append(f"required field {path} was removed or renamed")
                continue
            if not new["required"]:
                problems.append(f"required field {path} became optional")
        if new is None:
            continue
        if not _widens(old["types"], new["types"]):
            problems.append(f"{path} narrowed its type from {old['types']} to {new['types']}")
        if "enum" in old and "enum" in new and not set(old["enum"]) <= set(new["enum"]):
            problems.append(f"{path} dropped enum values {sorted(set(old['enum']) - set(new['enum']))}")
        if "enum" in new and "enum" not in old:
            problems.append(f"{path} became an enumeration")
        for key in ("pattern", "const"):
            if key in new and new.get(key) != old.get(key):
                problems.append(f"{path} changed its {key} from {old.get(key)!r} to {new[key]!r}")
        for key in ("minimum", "minItems", "minLength"):
            if key in new and (key not in old or new[key] > old[key]):
                problems.append(f"{path} raised its {key} from {old.get(key)} to {new[key]}")
        if "maximum" in new and ("maximum" not in old or new["maximum"] < old["maximum"]):
            problems.append(f"{path} lowered its maximum from {old.get('maximum')} to {new['maximum']}")
    for path, new in current.items():
        if new["required"] and path not in locked and _parent_known(path, locked):
            problems.append(f"new required field {path}")
    return problems


def _parent_known(path: str, locked: dict) -> bool:
    parent = path.rsplit("/", 1)[0]
    return parent == "" or parent in locked


def lock_entry(schema: dict, reg: Registry | None = None) -> dict:
    return {"schemaId": schema["$id"], "version": schema["x-pmo-version"], "fields": flatten(schema, reg)}


def render(lock: dict) -> str:
    """The lock as JSON with one line per field, so that diffs show exactly what changed."""
    lines = ["{"]
    for i, (event_type, entry) in enumerate(sorted(lock.items())):
        lines.append(f"  {json.dumps(event_type)}: {{")
        lines.append(f"    \"schemaId\": {json.dumps(entry['schemaId'])},")
        lines.append(f"    \"version\": {entry['version']},")
        lines.append("    \"fields\": {")
        fields = sorted(entry["fields"].items())
        for j, (path, field) in enumerate(fields):
            comma = "," if j < len(fields) - 1 else ""
            lines.append(f"      {json.dumps(path)}: {json.dumps(field, sort_keys=True)}{comma}")
        lines.append("    }")
        lines.append("  }" + ("," if i < len(lock) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def update() -> int:
    lock = contracts.load_json(contracts.LOCK) if contracts.LOCK.exists() else {}
    added = []
    for path in contracts.event_schema_paths():
        schema = contracts.load_json(path)
        event_type = schema["x-pmo-event-type"]
        if event_type not in lock:
            lock[event_type] = lock_entry(schema)
            added.append(event_type)
    contracts.LOCK.parent.mkdir(parents=True, exist_ok=True)
    contracts.LOCK.write_text(render(lock))
    print(f"locked {len(added)} new event type version(s): {', '.join(added) or 'none'}")
    return 0


if __name__ == "__main__":
    if "--update" in sys.argv:
        sys.exit(update())
    print(__doc__)
