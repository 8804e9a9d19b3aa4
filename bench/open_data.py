"""Measures the public open data at national scale: publishing, the files' sizes, and serving each page and file.

Run: `.venv/bin/python bench/open_data.py [--wksbm 50000]` (PostgreSQL on 127.0.0.1:5432; see bench/_setup.py). The
data are `seed_scale --wksbm N --kps N` (all wilayah, with boards, reports and whatever other apps seed through
`registry.extensions.scale_seeders`: penyuluhan events, evaluations), seeded on the first run in a database of this
benchmark's own (`wksbm_bench_opendata`) and reused after. Every province with data is published down to desa with
its directory on: the heaviest case.

Printed: (a) the time of a full publication, of a second one that finds everything unchanged, and of the timer's
`--if-changed` run with nothing changed; (b) the sizes of the national files and of the largest province's;
(c) for each page and file, served by Django's test client as an anonymous visitor, the median of `--repeat` runs
after a warm-up and its number of queries, with the revalidation (304) of the largest: target 200 ms each.
"""

import argparse
import os
import statistics
import time

from _setup import setup_django

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wksbm_bench_opendata")

TARGET_MS = 200
REPEAT = 7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wksbm", type=int, default=50_000, help="WKSBM (and KPS) to seed (default 50,000)")
    parser.add_argument("--repeat", type=int, default=REPEAT, help=f"timed runs per figure (default {REPEAT})")
    options = parser.parse_args()
    setup_django("wksbm_bench_opendata")
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    ensure_data(options.wksbm)
    switch_everything_on()
    publish()
    serve(options.repeat)


def ensure_data(target: int) -> None:
    """Seeds `target` WKSBM and KPS unless the database holds exactly that many WKSBM."""
    import io

    from django.core.management import call_command
    from django.db import connection

    from registry.models import Kps, Wksbm

    found = Wksbm.objects.count()
    if found == target:
        return
    if found:
        print(f"Found {found} WKSBM instead of {target}: emptying the registry tables.")
        with connection.cursor() as cursor:
            cursor.execute(f'TRUNCATE "{Wksbm._meta.db_table}", "{Kps._meta.db_table}" CASCADE')
    out = io.StringIO()
    start = time.perf_counter()
    call_command("seed_scale", "--wksbm", str(target), "--kps", str(target), verbosity=2, stdout=out)
    print(out.getvalue().rstrip())
    print(f"seed_scale --wksbm {target} --kps {target}: {time.perf_counter() - start:.1f} s")


def switch_everything_on() -> None:
    """Every province with a WKSBM publishes down to desa, with its directory; a fifth of the WKSBM consented."""
    from django.db import connection
    from django.db.models.functions import Substr

    from registry.enums import WilayahLevel
    from registry.models import OpenDataSetting, Wksbm

    codes = set(Wksbm.objects.annotate(p=Substr("wilayah_id", 1, 2)).values_list("p", flat=True).distinct())
    for code in sorted(codes):
        OpenDataSetting.objects.update_or_create(
            wilayah_id=code, defaults={"lowest_level": WilayahLevel.DESA, "directory_enabled": True}
        )
    if not Wksbm.objects.filter(directory_consent=True).exists():
        with connection.cursor() as cursor:
            cursor.execute(f'UPDATE "{Wksbm._meta.db_table}" SET directory_consent = (id % 5 = 0)')


def publish() -> None:
    from django.db import connection

    from registry.opendata.release import publish_open_data

    with connection.cursor() as cursor:
        cursor.execute("UPDATE \"registry_opendatarelease\" SET content_hash = ''")  # force a full write
    for label, only_if_changed in (
        ("full publication", False),
        ("again, unchanged", False),
        ("timer, unchanged", True),
    ):
        start = time.perf_counter()
        result = publish_open_data(only_if_changed=only_if_changed)
        seconds = time.perf_counter() - start
        print(f"{label:<22} {seconds:8.1f} s   {len(result.changed)} written, {len(result.unchanged)} unchanged")


def largest_province() -> str:
    from django.db.models.functions import Length

    from registry.models import OpenDataRelease

    return OpenDataRelease.objects.exclude(code="").annotate(n=Length("csv_text")).order_by("-n").first().code


def serve(repeat: int) -> None:
    from django.test import Client

    from registry.models import OpenDataPage, OpenDataRelease

    province = largest_province()
    kecamatan = (
        OpenDataPage.objects.filter(code__startswith=f"{province}.", code__regex=r"^\d{2}\.\d{2}\.\d{2}$")
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )
    for code in ("", province):
        release = OpenDataRelease.objects.get(code=code)
        sizes = ", ".join(
            f"{name} {len(getattr(release, field).encode()) / 1024:,.0f} KiB"
            for name, field in (("CSV", "csv_text"), ("JSON", "json_text"), ("metadata", "metadata_text"))
        )
        directory = len(release.directory_text.encode()) / 1024
        print(f"files of {code or 'nasional'}: {sizes}, direktori {directory:,.0f} KiB")
    client = Client()
    urls = [
        ("page, national", "/data-terbuka/"),
        (f"page, province {province}", f"/data-terbuka/{province}/"),
        (f"page, kecamatan {kecamatan}", f"/data-terbuka/{kecamatan}/"),
        ("CSV, national", "/data-terbuka/wksbm.csv"),
        (f"CSV, province {province}", f"/data-terbuka/{province}/wksbm.csv"),
        (f"JSON, province {province}", f"/data-terbuka/{province}/wksbm.json"),
        (f"metadata, province {province}", f"/data-terbuka/{province}/metadata.json"),
        (f"directory, province {province}", f"/data-terbuka/{province}/direktori/"),
    ]
    print(f"\n{'what (target ' + str(TARGET_MS) + ' ms)':<40} {'ms':>8} {'queries':>8}  result")
    for label, url in urls:
        line(label, url, client, repeat, {})
    etag = client.get(f"/data-terbuka/{province}/wksbm.csv")["ETag"]
    line(
        f"304, CSV province {province}",
        f"/data-terbuka/{province}/wksbm.csv",
        client,
        repeat,
        {"HTTP_IF_NONE_MATCH": etag},
    )


def line(label: str, url: str, client, repeat: int, headers: dict) -> None:
    from worklist import count_queries

    def fetch():
        response = client.get(url, **headers)
        assert response.status_code in (200, 304), (url, response.status_code)
        return response

    fetch()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fetch()
        times.append((time.perf_counter() - start) * 1000)
    ms = statistics.median(times)
    queries = count_queries(fetch)
    verdict = "ok" if ms <= TARGET_MS else f"OVER by {ms / TARGET_MS:.1f}×"
    print(f"{label:<40} {ms:8.1f} {queries:8d}  {verdict}")


if __name__ == "__main__":
    main()
