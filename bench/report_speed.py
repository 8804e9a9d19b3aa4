"""Measures the rekap at national scale: all 83,762 desa, 50,000 WKSBM, 500,000 KPS and 20,000 penyuluhan events.

Run: `.venv/bin/python bench/report_speed.py` (PostgreSQL on 127.0.0.1:5432, database `wksbm_bench_reports`
unless BENCH_DATABASE_URL says otherwise; see bench/_setup.py). The first run fills the database with
`seed_scale --wksbm 50000 --kps 500000 --events 20000` and prints how long it took; later runs reuse the data.

Pages are requested in-process with Django's test client, DEBUG off: one untimed warm-up, then the median
server time of several requests, and the queries of one more. Targets: the provincial rekap and a kabupaten
drill-down each within 20 queries and 1 s. Downloads are then consumed chunk by chunk under tracemalloc: the
peak of Python memory against the number of rows shows whether rows are held (a peak that grows with the rows)
or streamed (a flat peak). The time is given without tracemalloc and with it (which slows openpyxl a lot).

`--repeat N` (default 5) sets the timed requests per page; `--no-memory` skips the downloads.
"""

import argparse
import io
import os
import statistics
import tempfile
import time
import tracemalloc

from _setup import setup_django

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wksbm_bench_reports")

WKSBM, KPS, EVENTS, DESA = 50_000, 500_000, 20_000, 83_762
PROVINSI, KABUPATEN = "33", "33.01"  # Jawa Tengah (8,563 desa/kelurahan), Kabupaten Cilacap
TARGET_MS, TARGET_QUERIES = 1000, 20
REPEAT = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT, help=f"timed requests per page (default {REPEAT})")
    parser.add_argument("--no-memory", action="store_true", help="skip the download memory measurements")
    options = parser.parse_args()
    setup_django("wksbm_bench_reports")
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    ensure_data()
    provinsi, superuser = client_for("bench-provinsi", PROVINSI), client_for("bench-superuser", None)

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nRekap pages, median of {options.repeat} requests (targets {TARGET_MS} ms, {TARGET_QUERIES} queries);")
    print(f"load average {load}:")
    print(f"{'page':<44} {'ms':>8} {'queries':>8} {'SQL ms':>8}  result")
    cases = [
        ("rekap provinsi 33 (admin provinsi)", provinsi, "/rekap/", {"wilayah": PROVINSI}, True),
        ("drill-down kabupaten 33.01 (admin provinsi)", provinsi, "/rekap/", {"wilayah": KABUPATEN}, True),
        ("drill-down kecamatan 33.01.01", provinsi, "/rekap/", {"wilayah": "33.01.01"}, False),
        ("rekap provinsi 33, versi cetak", provinsi, "/rekap/cetak/", {"wilayah": PROVINSI}, False),
        ("rekap nasional (superuser, 38 provinsi)", superuser, "/rekap/", {}, False),
    ]
    missed = 0
    for label, client, url, params, targeted in cases:
        ms, queries, sql_ms = measure(client, url, params, options.repeat)
        verdict = "ok" if ms <= TARGET_MS and queries <= TARGET_QUERIES else "OVER"
        if not targeted:
            verdict = f"({verdict}, not a target)"
        else:
            missed += verdict != "ok"
        print(f"{label:<44} {ms:>8.1f} {queries:>8} {sql_ms:>8.1f}  {verdict}")
    print(f"{2 - missed} of 2 targeted pages within {TARGET_MS} ms and {TARGET_QUERIES} queries.")

    if options.no_memory:
        return
    print("\nDownloads consumed chunk by chunk under tracemalloc (Python memory only):")
    print(f"{'download':<44} {'rows':>8} {'peak MB':>8} {'KB/1000 rows':>13} {'s':>7} {'s traced':>9}")
    downloads = [
        ("WKSBM .csv, provinsi 33", provinsi, {"wilayah": PROVINSI, "daftar": "wksbm", "format": "csv"}),
        ("WKSBM .csv, nasional", superuser, {"daftar": "wksbm", "format": "csv"}),
        ("WKSBM .xlsx, provinsi 33", provinsi, {"wilayah": PROVINSI, "daftar": "wksbm", "format": "xlsx"}),
        ("WKSBM .xlsx, nasional", superuser, {"daftar": "wksbm", "format": "xlsx"}),
        ("KPS .csv, kabupaten 33.01", provinsi, {"wilayah": KABUPATEN, "daftar": "kps", "format": "csv"}),
        ("KPS .csv, provinsi 33", provinsi, {"wilayah": PROVINSI, "daftar": "kps", "format": "csv"}),
        ("kegiatan .csv, nasional", superuser, {"daftar": "kegiatan", "format": "csv"}),
        ("rekap .xlsx, provinsi 33", provinsi, {"wilayah": PROVINSI, "format": "xlsx"}),
    ]
    for label, client, params in downloads:
        url = "/rekap/unduh/" if "daftar" not in params else "/rekap/unduh/daftar/"
        plain = download_seconds(client, url, params)
        rows, peak, seconds = download_peak(client, url, params)
        per_thousand = peak / 1024 / max(rows / 1000, 1)
        print(f"{label:<44} {rows:>8} {peak / 2**20:>8.1f} {per_thousand:>13.1f} {plain:>7.1f} {seconds:>9.1f}")


def ensure_data() -> None:
    """Seeds the national data set unless the benchmark database already holds exactly it; prints the time."""
    from django.core.management import call_command
    from django.db import connection

    from registry.enums import WilayahLevel
    from registry.models import Kps, Wilayah, Wksbm
    from trainings.models import Penyuluhan, Program

    found = (
        Wksbm.objects.count(),
        Kps.objects.count(),
        Penyuluhan.objects.count(),
        Wilayah.objects.filter(level=WilayahLevel.DESA).count(),
    )
    if found == (WKSBM, KPS, EVENTS, DESA):
        print(f"Data already seeded: {DESA} desa, {WKSBM} WKSBM, {KPS} KPS, {EVENTS} kegiatan penyuluhan.")
        return
    print(f"Found {found} (WKSBM, KPS, events, desa): emptying the registry and trainings tables and seeding.")
    with connection.cursor() as cursor:
        tables = [model._meta.db_table for model in (Wksbm, Kps, Penyuluhan, Program)]
        cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in tables) + " CASCADE")
    out = io.StringIO()
    start = time.perf_counter()
    args = ["--wksbm", str(WKSBM), "--kps", str(KPS), "--events", str(EVENTS)]
    call_command("seed_scale", *args, verbosity=2, stdout=out)
    print(out.getvalue().rstrip())
    print(f"seed_scale {' '.join(args)}: {time.perf_counter() - start:.1f} s in all")
    # Autovacuum would do this on a production server (it may be off on a development one): statistics and the
    # visibility map of freshly loaded tables, so that the plans measured are the ones production gets.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def client_for(username: str, area: str | None):
    """A logged-in test client: an Admin provinsi of `area`, or a superuser for None."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from registry.enums import Role
    from registry.models import UserArea
    from registry.roles import role_group

    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"is_superuser": area is None})
    if area is not None:
        user.groups.add(role_group(Role.PROVINSI))
        UserArea.objects.get_or_create(user=user, wilayah_id=area)
    client = Client()
    client.force_login(user)
    return client


def measure(client, url: str, params: dict, repeat: int) -> tuple[float, int, float]:
    """(median ms, queries, SQL ms) of GET `url`; stops on anything but a 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url, params)
    if response.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {response.status_code}")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url, params)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params)
    sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    return statistics.median(times), len(captured.captured_queries), sql_ms


def download_seconds(client, url: str, params: dict) -> float:
    """Seconds to produce and consume a download, without tracemalloc (which slows allocation-heavy code)."""
    start = time.perf_counter()
    for _chunk in client.get(url, params).streaming_content:
        pass
    return time.perf_counter() - start


def download_peak(client, url: str, params: dict) -> tuple[int, int, float]:
    """(data rows, peak traced bytes, seconds) of a download consumed chunk by chunk and thrown away."""
    from openpyxl import load_workbook

    tracemalloc.start()
    start = time.perf_counter()
    response = client.get(url, params)
    if response.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {response.status_code}")
    lines = 0
    xlsx = params.get("format") == "xlsx"
    with tempfile.TemporaryFile() as saved:
        for chunk in response.streaming_content:
            if xlsx:
                saved.write(chunk)  # read back below, outside the measurement
            else:
                lines += chunk.count(b"\n")
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if xlsx:
            saved.seek(0)
            workbook = load_workbook(saved, read_only=True)
            lines = sum(1 for sheet in workbook for _row in sheet.iter_rows()) - (len(workbook.sheetnames) - 1)
    return max(lines - 1, 0), peak, seconds


if __name__ == "__main__":
    main()
