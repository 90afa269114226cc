"""Every example decodes into its Swift type, passes the Swift domain validation, and re-encodes
to JSON that validates against the schema again and keeps every field of the original."""
import json
import re
from datetime import datetime

import pytest

import contracts

DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _examples():
    for path in contracts.event_schema_paths():
        schema = contracts.load_json(path)
        for index, example in enumerate(schema["examples"]):
            yield f"{schema['x-pmo-event-type']}#{index}", schema, example


EXAMPLES = list(_examples())


@pytest.fixture(scope="module")
def swift_results():
    return contracts.swift_check([(key, schema["x-pmo-event-type"], json.dumps(example))
                                  for key, schema, example in EXAMPLES])


def _same(original, reencoded, path=""):
    """Every field of `original` is in `reencoded` with the same value (numbers numerically,
    instants as instants)."""
    if isinstance(original, dict):
        assert isinstance(reencoded, dict), path
        for key, value in original.items():
            assert key in reencoded, f"{path}/{key} was dropped by the Swift model"
            _same(value, reencoded[key], f"{path}/{key}")
    elif isinstance(original, list):
        assert isinstance(reencoded, list) and len(original) == len(reencoded), path
        for index, (a, b) in enumerate(zip(original, reencoded)):
            _same(a, b, f"{path}/{index}")
    elif isinstance(original, str) and DATE_TIME.match(original):
        parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
        assert parse(original) == parse(reencoded), path
    elif isinstance(original, bool) or isinstance(reencoded, bool):
        assert original is reencoded, path
    elif isinstance(original, (int, float)):
        assert isinstance(reencoded, (int, float)) and abs(original - reencoded) < 1e-9, path
    else:
        assert original == reencoded, path


@pytest.mark.parametrize("key,schema,example", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_round_trips_through_swift(swift_results, key, schema, example):
    result = swift_results[key]
    assert result["decoded"], result.get("error")
    assert result["violations"] == [], result["violations"]
    assert result["roundTripEqual"], "decoding the re-encoded event gave a different value"
    reencoded_text = result["reencoded"]
    reencoded = json.loads(reencoded_text)
    assert contracts.error_pointers(schema, reencoded) == {}, "the Swift re-encoding does not validate"
    _same(example, reencoded)
    # The shared coder writes sorted keys, so the output is stable.
    assert reencoded_text == json.dumps(reencoded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
