"""Checking a model's named check constraints in memory, for bulk work that cannot afford a query per row.

Django validates a `CheckConstraint` with one database query per instance. Imports validate thousands of rows,
so they evaluate the same `condition` here instead, with SQL's three-valued logic: a comparison involving NULL
is unknown, and an unknown condition passes, as it does in the database. Only the lookups our constraints use
are supported (exact, gt, gte, lt, lte, isnull, with values or `F()` references to fields of the same row); any
other raises NotImplementedError so that a new kind of constraint cannot be silently skipped.
"""

import operator

from django.db import models
from django.db.models import F, Q

_COMPARISONS = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


def check_constraint_errors(instance: models.Model) -> list[tuple[str, str]]:
    """(constraint name, violation message) for every check constraint of `instance`'s model it breaks."""
    return [
        (constraint.name, str(constraint.violation_error_message))
        for constraint in instance._meta.constraints
        if isinstance(constraint, models.CheckConstraint) and _holds(constraint.condition, instance) is False
    ]


def _holds(q: Q, instance) -> bool | None:
    """The truth of `q` for `instance`: True, False, or None for SQL's unknown."""
    results = [_holds(child, instance) if isinstance(child, Q) else _lookup(child, instance) for child in q.children]
    if q.connector == Q.AND:
        value = False if False in results else (None if None in results else True)
    else:
        value = True if True in results else (None if None in results else False)
    if q.negated:
        value = None if value is None else not value
    return value


def _lookup(child: tuple[str, object], instance) -> bool | None:
    lookup, expected = child
    name, _, kind = lookup.partition("__")
    value = getattr(instance, instance._meta.get_field(name).attname)
    if kind == "isnull":
        return (value is None) is bool(expected)
    compare = _COMPARISONS.get(kind or "exact")
    if compare is None or "__" in kind:
        raise NotImplementedError(f"lookup {lookup!r} is not supported in memory")
    if isinstance(expected, F):
        expected = getattr(instance, instance._meta.get_field(expected.name).attname)
    if value is None or expected is None:
        return None
    return compare(value, expected)
