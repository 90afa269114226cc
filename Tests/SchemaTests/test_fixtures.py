"""The invalid fixtures themselves: every event type has some, and their names are unique. Their
verdicts (the JSON Schema's and the Swift model's) are checked in test_verdicts.py."""
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


def test_every_fixture_names_a_violation():
    assert all(f.pointers for f in FIXTURES)
