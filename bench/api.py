"""Measures the API's WKSBM list at national scale: 50,000 WKSBM over all 83,762 desa (`seed_scale`).

Run: `.venv/bin/python bench/api.py` (PostgreSQL on 127.0.0.1:5432; see bench/_setup.py). The data are
bench/admin_lists.py's (its database, `wksbm_bench_lists`, seeded by the first run of either). Each request is made
in-process with DRF's test client and a personal token of an operator kabupaten and of an admin provinsi: the
first page of 100 WKSBM, the fifth (following the cursors), `?fields=id,name`, and the dormant, board and
member-kind filters; one untimed warm-up, then the median of `--repeat` requests, and the number of queries of one
more request. Target: every page under 200 ms, in a number of queries that does not grow with the data.
"""

import argparse
import os
import statistics
import time

from _setup import setup_django

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wksbm_bench_lists")

TARGET_MS = 200
REPEAT = 7


def token_client(username: str, role, area: str):
    from rest_framework.test import APIClient

    from registry.api import tokens
    from registry.models import ApiScope, ApiToken
    from registry.services.petugas import petugas_save

    user, _ = petugas_save(by=None, username=username, role=role, area_codes=[area], password="Bench-api-2025!")
    ApiToken.objects.filter(user=user).delete()
    _stored, token = tokens.token_create(by=user, name="bench", scope=ApiScope.READ, days=30)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def busiest(level_length: int) -> str:
    """The code of the kabupaten (5) or province (2) with the most WKSBM."""
    from django.db.models import Count
    from django.db.models.functions import Left

    from registry.models import Wksbm

    row = (
        Wksbm.objects.annotate(area=Left("wilayah_id", level_length))
        .values("area")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return row["area"]


def measure(client, url: str, repeat: int) -> tuple[float, int, float, int]:
    """(median ms, queries, their database ms, rows) of GET `url`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code} {response.content[:200]!r}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        rows = len(client.get(url).json()["results"])
    sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
    return statistics.median(times), len(queries), sql_ms, rows


def fifth_page(client, url: str) -> str:
    for _ in range(4):
        url = client.get(url).json()["next"]
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    options = parser.parse_args()
    setup_django("wksbm_bench_lists")
    from django.conf import settings
    from django.core.cache import cache

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    from admin_lists import ensure_data

    ensure_data()
    from registry.enums import Role
    from registry.models import KpsKind

    kabupaten, provinsi = busiest(5), busiest(2)
    posyandu = KpsKind.objects.get(slug="posyandu").slug
    base = "/api/v1/wksbm/"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"WKSBM API pages, median of {options.repeat} requests (target {TARGET_MS} ms); load average {load}:")
    print(f"{'user':<24} {'page':<36} {'ms':>7} {'queries':>8} {'SQL ms':>7} {'rows':>5}")
    worst = 0.0
    for label, client in (
        (f"kabupaten {kabupaten}", token_client("bench-api-kabupaten", Role.KABUPATEN, kabupaten)),
        (f"provinsi {provinsi}", token_client("bench-api-provinsi", Role.PROVINSI, provinsi)),
    ):
        cases = [
            ("halaman 1", base),
            ("halaman 5", fifth_page(client, base)),
            ("?fields=id,name,wilayah", f"{base}?fields=id,name,wilayah"),
            ("mungkin_vakum=true", f"{base}?mungkin_vakum=true"),
            ("kepengurusan=belum", f"{base}?kepengurusan=belum"),
            (f"jenis_kps={posyandu}", f"{base}?jenis_kps={posyandu}"),
            ("status=vakum", f"{base}?status=vakum"),
        ]
        for name, url in cases:
            cache.clear()  # the rate limit counts every request
            ms, queries, sql_ms, rows = measure(client, url, options.repeat)
            worst = max(worst, ms)
            print(f"{label:<24} {name:<36} {ms:7.1f} {queries:8d} {sql_ms:7.1f} {rows:5d}")
    print(f"slowest {worst:.1f} ms against the target {TARGET_MS} ms: {'ok' if worst <= TARGET_MS else 'OVER'}")


if __name__ == "__main__":
    main()
