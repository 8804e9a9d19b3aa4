"""Measures the compliance table of a period of pemutakhiran at national scale, and the worklist kind of the WKSBM
still to be checked.

Run: `.venv/bin/python bench/pemutakhiran.py` (PostgreSQL on 127.0.0.1:5432; see bench/_setup.py). The data are
the worklist benchmark's (`bench/worklist.py`: `seed_scale --wksbm 50000`, seeded on the first run, in a database of
this benchmark's own). The first run also opens, in the province with the most WKSBM, a period of pemutakhiran that
began 30 days ago, and marks two WKSBM of every three checked in it (one bulk insert).

Two users are measured, as in the worklist benchmark: the operator of the kabupaten/kota with the most WKSBM (target
≤ 300 ms) and the admin provinsi of that province (target ≤ 1 s). For each: the compliance page of the period (the
province breaks down by kabupaten, the kabupaten by kecamatan), the page of the kecamatan with the most WKSBM (the
list of those not yet checked), the .csv download, and the worklist kind "belum-diperiksa" (its count and first
entries); each as the median of several runs after a warm-up, with its number of queries.
`--repeat N` (default 7) sets the number of timed runs.
"""

import argparse
import datetime
import os

from _setup import setup_django

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wksbm_bench_cycle")

from worklist import REPEAT, TARGETS_MS, bench_users, count_queries, ensure_data, median_ms  # noqa: E402

PERIOD_NAME = "Pemutakhiran bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT, help=f"timed runs per figure (default {REPEAT})")
    options = parser.parse_args()
    setup_django("wksbm_bench_cycle")
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    ensure_data()
    users = cycle_users()
    period = ensure_period(users[1][1])
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nCompliance table of {period} ({period.wilayah_id}), median of {options.repeat} runs; load {load}.")
    for level, user in users:
        measure_user(level, user, period, options.repeat)


def ensure_period(admin):
    """The benchmark's period of the admin's province, open since 30 days, with two WKSBM of three checked."""
    from django.db import connection
    from django.utils import timezone

    from registry import dates
    from registry.models import PemutakhiranCheck, PemutakhiranPeriod, Wilayah
    from registry.pemutakhiran import services
    from registry.scoping import area_codes

    province = area_codes(admin)[0]
    period = PemutakhiranPeriod.objects.filter(name=PERIOD_NAME, wilayah_id=province).first()
    if period is not None:
        return period
    today = dates.today()
    period = services.period_open(
        by=admin,
        name=PERIOD_NAME,
        wilayah=Wilayah.objects.get(code=province),
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=60),
    )
    checks = PemutakhiranCheck._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{checks}" (period_id, wksbm_id, checked_by_id, checked_at)'
            ' SELECT %s, id, %s, %s FROM "registry_wksbm" WHERE wilayah_id LIKE %s AND id %% 3 <> 0',
            [period.pk, admin.pk, timezone.now(), f"{period.wilayah_id}.%"],
        )
        print(f"Opened {period} in {period.wilayah_id} and marked {cursor.rowcount} WKSBM checked.")
        cursor.execute(f'VACUUM (ANALYZE) "{checks}"')
    return period


def cycle_users():
    """The worklist benchmark's operator of the kabupaten/kota with the most WKSBM, and an admin provinsi of its
    province (made once)."""
    from django.contrib.auth.models import User

    from registry.enums import Role
    from registry.scoping import area_codes
    from registry.services.petugas import petugas_save

    operator = bench_users()[0][1]
    province = area_codes(operator)[0][:2]
    admin = User.objects.filter(username="bench_cycle_provinsi").first()
    if admin is None:
        admin = petugas_save(
            by=None, username="bench_cycle_provinsi", role=Role.PROVINSI, area_codes=[province], password="Bench-2026!"
        )[0]
    return [("kabupaten", operator), ("provinsi", admin)]


def busiest(code: str, length: int) -> str:
    """The wilayah under `code` whose code is `length` long (a kabupaten, a kecamatan) with the most WKSBM."""
    from django.db.models import Count
    from django.db.models.functions import Left

    from registry.models import Wksbm

    counts = Wksbm.objects.filter(wilayah__code__startswith=f"{code}.").annotate(area=Left("wilayah_id", length))
    return counts.values("area").annotate(n=Count("pk")).order_by("-n", "area")[0]["area"]


def measure_user(level: str, user, period, repeat: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from registry.pemutakhiran.worklist import NOT_CHECKED
    from registry.scoping import area_codes
    from registry.views.attention import SHOWN

    client = Client()
    client.force_login(user)
    target = TARGETS_MS[level]
    code = area_codes(user)[0]
    print(f"\n{level}: {user.username}, area {code} (target {target} ms)")
    print(f"{'what':<52} {'ms':>8} {'queries':>8}  result")

    def line(label: str, ms: float, queries: int) -> None:
        verdict = "ok" if ms <= target else f"OVER by {ms / target:.1f}×"
        print(f"{label:<52} {ms:>8.1f} {queries:>8}  {verdict} ({ms / target:.2f} of target)")

    def request(url, query=None):
        def get():
            response = client.get(url, query or {})
            assert response.status_code == 200, f"{url}: {response.status_code}"
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)

        queries = count_queries(get)
        return median_ms(get, repeat), queries

    page = reverse("pemutakhiran_compliance", args=[period.pk])
    line(f"compliance table of {code}", *request(page, {"wilayah": code}))
    kecamatan = busiest(code if len(code) == 5 else busiest(code, 5), 8)
    line(f"compliance table of kecamatan {kecamatan} (missing list)", *request(page, {"wilayah": kecamatan}))
    export = reverse("pemutakhiran_export", args=[period.pk])
    line(f"download .csv of {code}", *request(export, {"wilayah": code, "format": "csv"}))
    if NOT_CHECKED.applies(user):
        user.has_perm("registry.view_wksbm")
        entries = NOT_CHECKED.rows(user).count()
        queries = count_queries(lambda: [NOT_CHECKED.rows(user).count(), *NOT_CHECKED.rows(user)[:SHOWN]])
        ms = median_ms(lambda: [NOT_CHECKED.rows(user).count(), *NOT_CHECKED.rows(user)[:SHOWN]], repeat)
        line(f"worklist belum-diperiksa ({entries} entries)", ms, queries)


if __name__ == "__main__":
    main()
