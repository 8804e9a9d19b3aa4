"""The deferred foreign keys checked before a transaction's end (`check_deferred_constraints`), on PostgreSQL.

Why: Django creates foreign keys `DEFERRABLE INITIALLY DEFERRED`, so PostgreSQL checks them when the outermost
transaction commits. An import confirmed in the admin commits inside the request's transaction
(`ATOMIC_REQUESTS`), which ends after the view has answered: a reference deleted by someone else between the
plan and the commit (a KPS kind, a WKSBM) would fail the request with a server error instead of refusing the
file. Checked inside the commit, it raises while the import can still turn it into a refusal.

On SQLite (development only) nothing is checked here: its `check_constraints()` scans every table
(`PRAGMA foreign_key_check`), and a broken reference fails the request's commit as Django leaves it.
"""

from django.db import connection


def check_deferred_constraints() -> None:
    """Checks now, on PostgreSQL, the deferred constraints of the writes of the current transaction so far,
    raising IntegrityError for a broken one. Nothing elsewhere."""
    if connection.vendor == "postgresql":
        connection.check_constraints()
