"""Imports of one kind of list into overlapping areas run one at a time (`lock_areas`), on PostgreSQL.

Why: a commit plans its file again and then writes it, trusting that plan to hold until the transaction ends.
Two imports of the same kind of list into the same province, committed at once, would each plan against the
records as they were before the other: both would plan a row as new, and the unique constraint would refuse the
second's whole file. Transaction-level advisory locks make the second wait for the first, then plan against
what it wrote (its rows read as unchanged; `tests/registry/imports/test_commit_once.py` races two such
confirmations). They are released with the transaction, so a failed request leaves none behind; imports into
other provinces, and every other write, are not held up.

SQLite serialises writers on its own (one write transaction at a time): nothing is taken there.
"""

import zlib

from django.db import connection

from registry.enums import WilayahLevel
from registry.wilayah_codes import ancestor_code


def lock_areas(name: str, codes: list[str] | None) -> None:
    """Waits until no other transaction holds the lock of `name` over any province of the area `codes` (None for
    everywhere), then holds it until the outermost transaction ends; on PostgreSQL, nothing elsewhere.

    The locks are keyed by `name` and the provinces of `codes`: everywhere takes `name`'s whole key exclusively;
    an area shares it and takes its provinces' keys exclusively, in order, so two holders never wait on each
    other in a circle. Call it inside a transaction.
    """
    if connection.vendor != "postgresql":
        return
    key = zlib.crc32(name.encode()) & 0x7FFFFFFF
    with connection.cursor() as cursor:
        if codes is None:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, 0)", [key])
            return
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s, 0)", [key])
        for province in sorted({int(ancestor_code(code, WilayahLevel.PROVINSI)) for code in codes}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [key, province])
