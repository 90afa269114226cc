"""Every invalid fixture is rejected by the JSON Schema and by the Swift model, both naming the
fixture's field (JSON Pointer)."""
import json

import pytest

import contracts

FIXTURES = contracts.fixtures()


def test_every_event_type_has_invalid_fixtures():
    with_fixtures = {f.event_type for f in FIXTURES}
    missing = [contracts.event_type_of(p) for p in contracts.event_schema_paths()
               if contracts.event_type_of(p) not in with_fixtures]
    assert not missing, f"no invalid fixtures for {missing}"


def test_fixture_names_are_unique():
    ids = [f.id for f in FIXTURES]
    assert len(ids) == len(set(ids))


@pytest.fixture(scope="module")
def swift_results():
    return contracts.swift_check([(f.id, f.event_type, json.dumps(f.instance)) for f in FIXTURES])


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.id for f in FIXTURES])
def test_schema_rejects_fixture_at_its_pointer(fixture):
    errors = contracts.error_pointers(contracts.schema_for(fixture.event_type), fixture.instance)
    assert errors, "the schema accepts the invalid fixture"
    assert fixture.pointer in errors, f"schema errors are at {sorted(errors)}, not {fixture.pointer}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.id for f in FIXTURES])
def test_swift_rejects_fixture_at_its_pointer(swift_results, fixture):
    result = swift_results[fixture.id]
    pointers = {v["pointer"] for v in result["violations"]}
    assert not (result["decoded"] and not pointers), "the Swift model accepts the invalid fixture"
    assert fixture.pointer in pointers, f"Swift names {sorted(pointers)} ({result.get('error')}), not {fixture.pointer}"
