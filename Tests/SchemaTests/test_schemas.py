"""Every schema is valid JSON Schema 2020-12, complete, and its examples validate."""
import re
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

import contracts

SCHEMA_FILES = [contracts.COMMON, *contracts.event_schema_paths()]


def test_there_is_a_schema_per_event_type_of_the_registry():
    names = {contracts.event_type_of(p) for p in contracts.event_schema_paths()}
    assert names == set(contracts.swift_catalog()["eventTypes"])


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = contracts.load_json(path)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", contracts.event_schema_paths(), ids=lambda p: p.name)
def test_event_schema_has_id_title_description_version_and_examples(path):
    schema = contracts.load_json(path)
    event_type = contracts.event_type_of(path)
    assert schema["$id"].endswith(f"/events/{event_type}.schema.json")
    assert schema["x-pmo-event-type"] == event_type
    assert schema["x-pmo-version"] == int(event_type.rsplit(".v", 1)[1])
    assert schema["title"].strip() and len(schema["description"]) > 20
    assert schema["examples"], "realistic examples are required"
    assert schema["x-pmo-record-key"] in schema["required"]


@pytest.mark.parametrize("path", contracts.event_schema_paths(), ids=lambda p: p.name)
def test_examples_validate(path):
    schema = contracts.load_json(path)
    for index, example in enumerate(schema["examples"]):
        errors = contracts.error_pointers(schema, example)
        assert not errors, f"example {index}: {errors}"


def test_examples_are_realistic():
    """No placeholder values such as "string" or "foo" in any example."""
    placeholders = re.compile(r'"(string|foo|bar|baz|test|example|lorem[^"]*|xxx|todo)"', re.IGNORECASE)
    for path in contracts.event_schema_paths():
        text = path.read_text()
        examples = text[text.index('"examples"'):]
        assert not placeholders.search(examples), f"{path.name}: {placeholders.search(examples).group(0)}"


def test_every_object_schema_is_closed_and_documented():
    common = contracts.load_json(contracts.COMMON)
    for name, definition in common["$defs"].items():
        assert definition.get("description"), f"{name} has no description"
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, f"{name} accepts unknown fields"
            for prop, sub in definition["properties"].items():
                assert sub.get("description") or "$ref" in sub, f"{name}.{prop} has no description"


def test_identifier_patterns_agree_with_the_swift_model():
    common = contracts.load_json(contracts.COMMON)["$defs"]
    swift = contracts.swift_catalog()["identifierPatterns"]
    pairs = {"project": "ProjectId", "person": "PersonId", "resource": "ResourceId", "department": "DepartmentId",
             "changeRequest": "ChangeRequestId", "localReference": "LocalRef", "slug": "Slug", "currency": "CurrencyCode"}
    assert set(swift) == set(pairs)
    for kind, definition in pairs.items():
        assert common[definition]["pattern"] == swift[kind], kind
    assert common["DateTime"]["pattern"] == contracts.swift_catalog()["dateTimePattern"]


def test_generated_files_are_up_to_date():
    done = subprocess.run([sys.executable, str(contracts.ROOT / "schemas/tools/generate.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, "run python schemas/tools/generate.py:\n" + done.stderr
