"""What one request of each page of bench/load_test.py costs the server: CPU milliseconds and queries.

Run: `.venv/bin/python bench/page_cost.py` (options: --repeat 20, --profile PAGE to print cProfile's top
functions of one page, --top 30). Uses the load test's database (`wksbm_bench_load`, filled by it or here, as
bench/load_test.py does; BENCH_DATABASE_URL overrides it) and the production settings (DEBUG=false, the whole
middleware stack, the cached template loader), through Django's test client in this one process: no network, no
gunicorn, no locust, so the figure is the application's own cost per request over `--repeat` requests after
one warm-up request: the least CPU time (the page's own cost, least disturbed by other work on the machine) and
the median. The logins are made once (`force_login`), not measured.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The production settings, as bench/load_test.py starts gunicorn with them, before Django reads them.
os.environ.update(
    {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "WARNING",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": "60",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="wksbm-static-"),
    }
)

from load_test import prepare  # noqa: E402


def pages(shared: dict[str, str]) -> list[tuple[str, str, str]]:
    """(who, name, URL) of every GET page the load test's people open, with a typical parameter."""
    pk = shared["LOAD_WKSBM_IDS"].split(",")[0]
    term = shared["LOAD_SEARCH_TERMS"].split(",")[0]
    return [
        ("operator", "admin: WKSBM list", "/admin/registry/wksbm/"),
        ("operator", "admin: WKSBM search", f"/admin/registry/wksbm/?q={term}"),
        ("operator", "admin: WKSBM list, later page", "/admin/registry/wksbm/?p=3"),
        ("operator", "admin: KPS list", "/admin/registry/kps/"),
        ("operator", "admin: KPS search", f"/admin/registry/kps/?q={term}"),
        ("operator", "admin: WKSBM record", f"/admin/registry/wksbm/{pk}/change/"),
        ("operator", "field: home (operator)", "/"),
        ("penyuluh", "field: home (penyuluh)", "/"),
        ("operator", "field: search by name (operator)", f"/?q={term}"),
        ("operator", "field: search, typo and spacing (operator)", f"/?q={term[:-1].replace(' ', '')}"),
        ("operator", "field: search by phone (operator)", "/?q=0812-3456"),
        ("operator", "field: Perlu tindakan (operator)", "/perlu-tindakan/"),
        ("penyuluh", "field: WKSBM page", f"/wksbm/{pk}/"),
        ("penyuluh", "field: pengurus form", f"/wksbm/{pk}/pengurus/tambah/"),
        ("anonymous", "login (form)", "/accounts/login/"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", default="", help="a page name (or its start) to profile with cProfile")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    shared = prepare(scale=5000)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    users = get_user_model().objects
    clients = {"anonymous": Client()}
    for who, name in (("operator", shared["LOAD_OPERATOR"]), ("penyuluh", shared["LOAD_PENYULUH"])):
        clients[who] = Client()
        clients[who].force_login(users.get(username=name))

    print(f"{'page':36} {'status':>6} {'cpu min':>7} {'cpu med':>7} {'wall med':>8} {'queries':>7}  (ms)")
    for who, name, url in pages(shared):
        client = clients[who]
        queries = []  # the test client's request_started signal empties connection.queries: counted here

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        cpu, wall = [], []
        for _ in range(args.repeat):
            started_cpu, started = time.process_time(), time.perf_counter()
            client.get(url)
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
        print(
            f"{name:36} {response.status_code:>6} {min(cpu) * 1000:7.1f} {statistics.median(cpu) * 1000:7.1f} "
            f"{statistics.median(wall) * 1000:8.1f} {len(queries):>7}"
        )
        if args.profile and name.startswith(args.profile):
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.repeat):
                client.get(url)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
