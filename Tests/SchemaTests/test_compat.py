"""Schemas only change compatibly within a version; the check itself catches breaking edits."""
import copy

import pytest
from referencing import Registry, Resource

import compat
import contracts


@pytest.fixture(scope="module")
def lock():
    assert contracts.LOCK.exists(), "run python Tests/SchemaTests/compat.py --update"
    return contracts.load_json(contracts.LOCK)


def test_every_schema_version_is_locked_and_no_locked_version_disappeared(lock):
    current = {contracts.event_type_of(p) for p in contracts.event_schema_paths()}
    assert current - set(lock) == set(), "new versions: run python Tests/SchemaTests/compat.py --update"
    assert set(lock) - current == set(), "a locked event type version lost its schema; keep old versions"


@pytest.mark.parametrize("path", contracts.event_schema_paths(), ids=lambda p: p.name)
def test_schema_is_compatible_with_its_lock(lock, path):
    schema = contracts.load_json(path)
    entry = lock[schema["x-pmo-event-type"]]
    assert entry["version"] == schema["x-pmo-version"]
    assert compat.compare(entry["fields"], compat.flatten(schema)) == []


# The checker must catch breaking edits, not just pass on an unchanged tree.

def _mutated(event_type, edit_event=None, edit_common=None):
    schemas = copy.deepcopy(contracts.all_schemas())
    event = next(s for s in schemas.values() if s.get("x-pmo-event-type") == event_type)
    common = schemas[contracts.load_json(contracts.COMMON)["$id"]]
    if edit_event:
        edit_event(event)
    if edit_common:
        edit_common(common)
    reg = Registry().with_resources((i, Resource.from_contents(s)) for i, s in schemas.items())
    return compat.flatten(event, reg)


def _problems(event_type, **edits):
    lock = contracts.load_json(contracts.LOCK)
    return compat.compare(lock[event_type]["fields"], _mutated(event_type, **edits))


def test_unchanged_schema_has_no_problems():
    assert _problems("pmo.status.reported.v1") == []


def test_removing_a_required_field_is_caught():
    def edit(s):
        s["required"].remove("actualCost")
        del s["properties"]["actualCost"]
    assert any("/actualCost was removed" in p for p in _problems("pmo.status.reported.v1", edit_event=edit))


def test_renaming_a_required_field_is_caught():
    def edit(s):
        s["properties"]["reportingPerson"] = s["properties"].pop("reportedBy")
        s["required"] = ["reportingPerson" if r == "reportedBy" else r for r in s["required"]]
    problems = _problems("pmo.status.reported.v1", edit_event=edit)
    assert any("/reportedBy was removed" in p for p in problems)
    assert any("new required field /reportingPerson" in p for p in problems)


def test_making_a_required_field_optional_is_caught():
    def edit(s):
        s["required"].remove("periodEnd")
    assert any("/periodEnd became optional" in p for p in _problems("pmo.status.reported.v1", edit_event=edit))


def test_narrowing_a_type_in_the_common_types_is_caught():
    def edit(c):
        c["$defs"]["Probability"]["type"] = "integer"
    problems = _problems("pmo.status.reported.v1", edit_common=edit)
    assert any("/risks/*/probability narrowed its type" in p for p in problems)


def test_dropping_an_enum_value_is_caught():
    def edit(c):
        c["$defs"]["RiskStatus"]["enum"].remove("occurred")
    problems = _problems("pmo.status.reported.v1", edit_common=edit)
    assert any("/risks/*/status dropped enum values ['occurred']" in p for p in problems)


def test_tightening_a_range_is_caught():
    def edit(c):
        c["$defs"]["Percentage"]["maximum"] = 99
    assert any("lowered its maximum" in p for p in _problems("pmo.status.reported.v1", edit_common=edit))


def test_adding_an_optional_field_is_compatible():
    def edit(s):
        s["properties"]["weather"] = {"type": "string", "description": "A new optional field."}
    assert _problems("pmo.status.reported.v1", edit_event=edit) == []


def test_widening_integer_to_number_is_compatible():
    def edit(c):
        c["$defs"]["Count"]["type"] = "number"
    assert _problems("pmo.status.reported.v1", edit_common=edit) == []
