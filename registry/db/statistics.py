"""PostgreSQL's planner statistics refreshed right after a bulk write (`analyze`).

Why: PostgreSQL plans from statistics that autovacuum gathers only after enough rows changed and some time
later. Planned on stale ones, the queries of the admin lists go astray: without statistics the planner took the
six required roles for a hundred and planned the "kepengurusan belum lengkap" count over 50,000 WKSBM at twice
the time (migration 0009), and guessed 320 KPS where 10,500 match a search for "melati", joining all of them to
their wilayah before sorting (migration 0008). `seed_scale` writes hundreds of thousands of rows by COPY and is
followed at once by the benchmarks, so it analyzes the tables it filled.

On SQLite nothing is done: the registry's SQLite databases are small, and its planner works without statistics.
"""

from django.db import connection


def analyze(models) -> None:
    """Gathers the planner statistics of the tables of `models`, on PostgreSQL; nothing elsewhere."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
