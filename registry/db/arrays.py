"""Sets of values in a condition as PostgreSQL arrays: `IN (subquery)` as `= ANY(ARRAY(subquery))`
(`InSubquery`), and a list of values as one array parameter (`among`).

`InSubquery`: PostgreSQL runs the ARRAY once (an InitPlan) and looks its values up in the column's index, so the
condition ORs with others into one bitmap scan, and the planner estimates it at a few rows. An `IN (subquery)`
inside an OR stays a subplan tested on every row and estimated to keep half the table: a scan of all 500,000 KPS
of the national benchmark (bench/admin_lists.py) for one admin search term.

`among`: the list imports look up thousands of codes, keys and ids at once (a 20,000-row KPS list); as
`IN (%s, %s, …)` each value is a placeholder, which costs more to send and parse than the query itself, while one
array parameter, unnested, is one value to send whatever the length.

On SQLite (and any other database) both are the plain `IN`.
"""

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Subquery
from django.db.models.expressions import RawSQL


def among(field: str, values) -> Q:
    """`field__in=values` (strings or integers), as one array parameter on PostgreSQL (see the module docstring)."""
    values = sorted(set(values))
    if connection.vendor != "postgresql" or not values:
        return Q(**{f"{field}__in": values})
    array_type = "text[]" if isinstance(values[0], str) else "bigint[]"
    return Q(**{f"{field}__in": RawSQL(f"SELECT unnest(%s::{array_type})", [values])})


class InSubquery(Func):
    """`field IN (queryset)`, a condition for `filter`/`Q`: `queryset` selects one column of values of `field`.

    `collation` (PostgreSQL only) is given to the array, for values whose column has another collation than the
    one compared with: a foreign key's index serves only comparisons in its own collation
    (`registry.db.collation.foreign_key_collation`).
    """

    output_field = BooleanField()
    template = "%(expressions)s"
    arg_joiner = " IN "

    def __init__(self, field: str, queryset, collation: str | None = None):
        super().__init__(F(field), Subquery(queryset))
        self.collation = collation

    def as_postgresql(self, compiler, connection, **extra_context):
        collate = f" COLLATE {connection.ops.quote_name(self.collation)}" if self.collation else ""
        template = f"%(expressions)s{collate})"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" = ANY(ARRAY", **extra_context)
