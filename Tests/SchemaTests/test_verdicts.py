"""One validation, equal to the contracts: every example and every invalid fixture gets the same
verdict from the JSON Schema and from the Swift model (the validation the services and pmoctl run),
and every violation a fixture plants is reported by both validators at its JSON Pointer."""
import json
from dataclasses import dataclass

import pytest

import contracts

# Fixture id -> why the JSON Schema cannot state the rule the Swift model enforces (a comparison
# between two fields, a sum, a reference within the document). Every other fixture must get the
# same verdict from both validators; keep this list as short as possible.
KNOWN_DIFFERENCES: dict[str, str] = {}


@dataclass
class Case:
    id: str
    event_type: str
    instance: dict
    valid: bool
    pointers: list[str]


def _cases() -> list[Case]:
    cases = []
    for path in contracts.event_schema_paths():
        schema = contracts.load_json(path)
        event_type = schema["x-pmo-event-type"]
        for index, example in enumerate(schema["examples"]):
            cases.append(Case(f"{event_type}#{index}", event_type, example, True, []))
    for fixture in contracts.fixtures():
        cases.append(Case(fixture.id, fixture.event_type, fixture.instance, False, fixture.pointers))
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def swift_results():
    return contracts.swift_check([(c.id, c.event_type, json.dumps(c.instance)) for c in CASES])


def test_known_differences_name_existing_fixtures():
    ids = {c.id for c in CASES if not c.valid}
    assert set(KNOWN_DIFFERENCES) <= ids, f"stale entries: {sorted(set(KNOWN_DIFFERENCES) - ids)}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_schema_and_swift_give_the_same_verdict(swift_results, case):
    schema_errors = contracts.error_pointers(contracts.schema_for(case.event_type), case.instance)
    result = swift_results[case.id]
    swift_pointers = {v["pointer"] for v in result["violations"]}
    swift_accepts = result["decoded"] and not swift_pointers
    schema_accepts = not schema_errors
    swift_view = f"Swift: {sorted(swift_pointers)} ({result.get('error')})"
    schema_view = f"schema: {sorted(schema_errors)}"
    if case.id in KNOWN_DIFFERENCES:
        assert schema_accepts and not swift_accepts, (
            f"listed as a known difference ({KNOWN_DIFFERENCES[case.id]}) but {schema_view}; {swift_view}")
        return
    assert swift_accepts == schema_accepts, f"the validators disagree: {schema_view}; {swift_view}"
    assert schema_accepts == case.valid, f"{'valid' if case.valid else 'invalid'} case, but {schema_view}; {swift_view}"
    for pointer in case.pointers:
        assert pointer in schema_errors, f"the schema does not report {pointer}: {schema_view}"
        assert pointer in swift_pointers, f"Swift does not report {pointer}: {swift_view}"
