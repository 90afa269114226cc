#!/usr/bin/env python3
"""Derives schemas/asyncapi.yaml and docs/topics.md from the topic catalog in code
(PMOModel's TopicCatalog, printed by the pmo-contract-check tool).

    swift build --product pmo-contract-check
    python schemas/tools/derive.py            # rewrite both files
    python schemas/tools/derive.py --check    # exit 1 when either is out of date

PMO_BIN_DIR names the folder holding pmo-contract-check (default .build/debug).
"""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
ASYNCAPI = ROOT / "schemas" / "asyncapi.yaml"
TOPICS_DOC = ROOT / "docs" / "topics.md"
# The payload schemas are JSON Schema draft 2020-12, which AsyncAPI 3.0 allows as a custom format.
PAYLOAD_FORMAT = "application/schema+json;version=draft-2020-12"
KEY_SCHEMAS = {
    "projectId": {"$ref": "./common/types.v1.schema.json#/$defs/ProjectId"},
    "resourceId": {"$ref": "./common/types.v1.schema.json#/$defs/ResourceId"},
    "configId": {"$ref": "./common/types.v1.schema.json#/$defs/Slug"},
    "portfolioId": {"$ref": "./common/types.v1.schema.json#/$defs/Slug"},
    "originalKey": {"type": "string", "description": "The key of the rejected record, unchanged."},
    "stateKey": {"type": "string", "description": "The key of the state entry (usually the projectId)."},
}


def catalog_from_tool() -> dict:
    bin_dir = Path(os.environ.get("PMO_BIN_DIR", ROOT / ".build" / "debug"))
    tool = (bin_dir if bin_dir.is_absolute() else ROOT / bin_dir) / "pmo-contract-check"
    if not tool.exists():
        raise SystemExit(f"{tool} is missing: run `swift build --product pmo-contract-check` first")
    return json.loads(subprocess.run([str(tool), "catalog"], check=True, capture_output=True, text=True).stdout)


def channel_id(topic: str) -> str:
    parts = topic.replace("-", ".").split(".")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def message_id(event_type: str) -> str:
    base, version = event_type.rsplit(".", 1)
    parts = base.replace("-", ".").split(".")[1:]
    return "".join(p[:1].upper() + p[1:] for p in parts) + version.upper()


def asyncapi(catalog: dict) -> dict:
    headers = catalog["envelopeHeaders"]
    dlq_headers = catalog["deadLetterHeaders"]
    optional_dlq_headers = catalog.get("optionalDeadLetterHeaders", [])
    doc: dict = {
        "asyncapi": "3.0.0",
        "info": {
            "title": "PMO workflow events",
            "version": "1.0.0",
            "description": (
                "Every Kafka topic of the PMO workflow system, derived from PMOModel's TopicCatalog by "
                "schemas/tools/derive.py; do not edit by hand. Events use CloudEvents 1.0 in Kafka binary mode: "
                "the record value is the JSON event, the ce_* headers carry the context, the record key equals "
                "ce_subject. Payload schemas are JSON Schema draft 2020-12 files next to this document."),
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {"host": "127.0.0.1:9092", "protocol": "kafka",
                      "description": "The embedded broker started by the project's scripts (any Kafka works)."},
        },
        "channels": {},
        "operations": {},
        "components": {
            "schemas": {
                "CloudEventHeaders": {
                    "type": "object",
                    "description": "CloudEvents 1.0 binary-mode headers of every PMO event.",
                    "required": headers,
                    "properties": {
                        "ce_specversion": {"const": "1.0"},
                        "ce_id": {"type": "string", "minLength": 1, "description": "Unique per ce_source; consumers deduplicate on (ce_source, ce_id)."},
                        "ce_source": {"type": "string", "format": "uri-reference", "description": "The producing service (/pmo/<service>) or upstream system."},
                        "ce_type": {"type": "string", "description": "The event type, e.g. pmo.status.reported.v1."},
                        "ce_time": {"type": "string", "format": "date-time"},
                        "ce_subject": {"type": "string", "description": "The record key."},
                        "content-type": {"const": "application/json"},
                    },
                },
                "DeadLetterHeaders": {
                    "type": "object",
                    "description": "Headers added to a rejected record; its original headers are kept. A record too large "
                                   "for the dead-letter topic is cut to fit: pmo_dlq_truncated says what was kept "
                                   "(value: a prefix of the value; headers: the headers only) and pmo_dlq_original_size the size of the value.",
                    "required": dlq_headers,
                    "properties": {name: {"type": "string"} for name in dlq_headers + optional_dlq_headers},
                },
            },
            "messages": {},
        },
    }
    channels, operations, messages = doc["channels"], doc["operations"], doc["components"]["messages"]
    for topic in catalog["topics"]:
        cid = channel_id(topic["name"])
        config = {"cleanup.policy": [topic["cleanupPolicy"]]}
        if topic.get("retentionMs") is not None:
            config["retention.ms"] = topic["retentionMs"]
        channel_messages = {}
        if topic["role"] in ("event", "reference"):
            for contract in topic["events"]:
                mid = message_id(contract["eventType"])
                schema_file = "./" + contract["schemaPath"].removeprefix("schemas/")
                schema = json.loads((ROOT / contract["schemaPath"]).read_text())
                messages[mid] = {
                    "name": contract["eventType"],
                    "title": schema["title"],
                    "summary": schema["description"],
                    "contentType": "application/json",
                    "headers": {"allOf": [{"$ref": "#/components/schemas/CloudEventHeaders"},
                                          {"properties": {"ce_type": {"const": contract["eventType"]}}}]},
                    "payload": {"schemaFormat": PAYLOAD_FORMAT, "schema": {"$ref": schema_file}},
                    "bindings": {"kafka": {"key": copy.deepcopy(KEY_SCHEMAS[topic["key"]]), "bindingVersion": "0.5.0"}},
                    "x-pmo-schema-id": contract["schemaId"],
                    "x-pmo-version": contract["version"],
                }
                channel_messages[mid] = {"$ref": f"#/components/messages/{mid}"}
        elif topic["role"] == "dead-letter":
            mid = "DeadLetter" + cid[0].upper() + cid[1:]
            messages[mid] = {
                "name": f"{topic['name']} record",
                "summary": "A rejected record, value and headers unchanged, plus the dead-letter headers.",
                "headers": {"$ref": "#/components/schemas/DeadLetterHeaders"},
                "payload": {"description": "The original record value, which may not be JSON."},
                "bindings": {"kafka": {"key": copy.deepcopy(KEY_SCHEMAS[topic["key"]]), "bindingVersion": "0.5.0"}},
            }
            channel_messages[mid] = {"$ref": f"#/components/messages/{mid}"}
        else:
            mid = "State" + cid[0].upper() + cid[1:]
            messages[mid] = {
                "name": f"{topic['name']} record",
                "summary": "A state entry of the owning service (private to it); a null value deletes the key.",
                "payload": {"description": "Service-private state, JSON."},
                "bindings": {"kafka": {"key": copy.deepcopy(KEY_SCHEMAS[topic["key"]]), "bindingVersion": "0.5.0"}},
            }
            channel_messages[mid] = {"$ref": f"#/components/messages/{mid}"}
        channels[cid] = {
            "address": topic["name"],
            "description": topic["summary"],
            "messages": channel_messages,
            "bindings": {"kafka": {"topic": topic["name"], "partitions": topic["partitions"],
                                   "topicConfiguration": config, "bindingVersion": "0.5.0"}},
            "x-pmo-key": topic["key"],
            "x-pmo-role": topic["role"],
        }
        refs = [{"$ref": f"#/channels/{cid}/messages/{m}"} for m in channel_messages]
        participants = [("send", topic["writer"])] + [("receive", r) for r in topic["readers"]]
        for action, who in participants:
            operations[f"{who}{action.capitalize()}{cid[0].upper()}{cid[1:]}"] = {
                "action": action,
                "channel": {"$ref": f"#/channels/{cid}"},
                "messages": copy.deepcopy(refs),
                "summary": f"{who} {'writes' if action == 'send' else 'reads'} {topic['name']}",
                "x-pmo-participant": who,
            }
    return doc


def asyncapi_text(catalog: dict) -> str:
    header = "# Generated by schemas/tools/derive.py from PMOModel's TopicCatalog. Do not edit by hand.\n"
    return header + yaml.safe_dump(asyncapi(catalog), sort_keys=False, allow_unicode=True, width=120)


def topics_markdown(catalog: dict) -> str:
    lines = [
        "# Topics",
        "",
        "Generated by `schemas/tools/derive.py` from the topic catalog in code",
        "(`Shared/PMOModel/Catalog/TopicCatalog.swift`); do not edit by hand. The full contract is",
        "`schemas/asyncapi.yaml`, each event's schema is in `schemas/events/`. Every event record uses",
        "CloudEvents 1.0 binary mode (`ce_*` headers, JSON value) and is keyed by its `ce_subject`.",
        f"Project and resource topics and changelogs have {catalog['projectPartitions']} partitions (co-partitioned).",
        "",
        "| Topic | Key | Partitions | Cleanup | Writer | Readers | Event types | What flows through it |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for topic in catalog["topics"]:
        events = ", ".join(f"`{c['eventType']}`" for c in topic["events"]) or "-"
        retention = topic.get("retentionMs")
        cleanup = topic["cleanupPolicy"] + ("" if retention is None else " (kept for ever)" if retention < 0 else f" ({retention // 86_400_000} d)")
        lines.append(f"| `{topic['name']}` | {topic['key']} | {topic['partitions']} | {cleanup} | {topic['writer']} | "
                     f"{', '.join(topic['readers'])} | {events} | {topic['summary']} |")
    return "\n".join(lines) + "\n"


def write_or_check(outputs: dict[Path, str], check: bool, hint: str = "") -> int:
    """Writes the files of `outputs` that differ from their text; with `check`, writes nothing
    and returns 1 when any differs (each named on standard error, with `hint`)."""
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text() != text]
    if check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}{hint}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(outputs[path])
    print(f"{len(stale)} file(s) written")
    return 0


def main() -> int:
    catalog = catalog_from_tool()
    return write_or_check({ASYNCAPI: asyncapi_text(catalog), TOPICS_DOC: topics_markdown(catalog)}, "--check" in sys.argv)


if __name__ == "__main__":
    sys.exit(main())
