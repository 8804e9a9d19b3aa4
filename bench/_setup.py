"""Shared set-up for the benchmarks: a dedicated PostgreSQL database, migrated, and Django ready.

Benchmarks never touch the development database: they use BENCH_DATABASE_URL, by default a database named by
the benchmark (`wksbm_bench` unless it says otherwise) on 127.0.0.1:5432, created when missing.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/wksbm_bench"


def setup_django(database: str = "wksbm_bench") -> None:
    """Points Django at the benchmark database `database` (creating and migrating it) and calls `django.setup()`.

    Benchmarks that empty registry tables use a database of their own, so that they never wipe the national
    data set another benchmark built.
    """
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL.rsplit("/", 1)[0] + "/" + database)
    _create_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wksbm.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _create_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def median_seconds(action, *, repeat: int = 3, before=None) -> float:
    """The median wall-clock time of `action()` over `repeat` runs, calling `before()` untimed before each."""
    times = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
