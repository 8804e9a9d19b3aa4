"""The version stamp and the edit conflict it reveals (registry.versions), over generated edits: what was stored
when a page was opened, what is stored now, what the user sends."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.versions import digests_of, edit_conflict, version_of
from tests.factories import PengurusFactory, WksbmFactory

pytestmark = pytest.mark.usefixtures("diy")

FIELDS = ("address", "dusun_rw", "sk_number", "sk_signed_by")
values = st.fixed_dictionaries({name: st.sampled_from(["", "a", "b"]) for name in FIELDS})


def with_values(instance, **values):
    instance = copy.copy(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    return instance


@pytest.fixture
def wksbm():
    return WksbmFactory()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=values, theirs=values, mine=values)
def test_a_conflict_lists_exactly_what_someone_else_changed_and_the_user_would_undo(wksbm, base, theirs, mine):
    stamp = version_of(with_values(wksbm, **base))

    conflict = edit_conflict(stamp=stamp, stored=with_values(wksbm, **theirs), mine=mine)

    # In the order the user's values are given.
    expected = [name for name in mine if theirs[name] != base[name] and mine[name] != theirs[name]]
    assert ([change.name for change in conflict.changes] if conflict else []) == expected
    if conflict is not None:
        assert [change.touched for change in conflict.changes] == [mine[name] != base[name] for name in expected]
        # Offered next: the user's value where they changed a field, the stored one where they did not.
        assert conflict.merged == {name: mine[name] if mine[name] != base[name] else theirs[name] for name in FIELDS}


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(theirs=values)
def test_a_stamp_changes_with_any_stored_value_and_only_then(wksbm, theirs):
    changed = with_values(wksbm, **theirs)

    same = all(getattr(wksbm, name) == value for name, value in theirs.items())

    assert (version_of(changed) == version_of(wksbm)) == same
    assert digests_of(type(wksbm), version_of(changed)) is not None


def test_a_stamp_carries_no_stored_value(db):
    pengurus = PengurusFactory(nik="3403081708900001", name="Sutrisno")

    stamp = version_of(pengurus)

    assert ("3403081708900001" in stamp, "Sutrisno" in stamp, stamp.startswith("v1:")) == (False, False, True)


def test_a_stamp_that_cannot_be_read_counts_every_differing_field_as_a_disagreement(wksbm):
    conflict = edit_conflict(stamp="2025-06-17T10:00:00+00:00", stored=wksbm, mine={"address": "Jl. Saya"})

    assert [(change.name, change.touched) for change in conflict.changes] == [("address", True)]
