"""Measures the worklist ("Perlu tindakan") at national scale: the page and the landing count of 'Wilayah saya'.

Run: `.venv/bin/python bench/worklist.py` (PostgreSQL on 127.0.0.1:5432; see bench/_setup.py). The first run fills
its own benchmark database with `seed_scale` (all wilayah, 50,000 WKSBM with boards and reports, and whatever
other apps add through `registry.extensions.scale_seeders`) and prints how long it took; later runs reuse it.
`seed_scale` writes open-ended terms; so that "masa bakti berakhir" has rows to find, the first run also gives a
third of them a planned end spread over the next five years (about 5 % of those end within 90 days).

Two users are measured, each the heaviest of its kind: the operator of the kabupaten/kota with the most WKSBM
(target ≤ 300 ms) and the admin provinsi of the province with the most (target ≤ 1 s). For each: the page
(`/perlu-tindakan/`), one kind alone (`?jenis=`), and 'Wilayah saya' (`/`, which counts the worklist), as the
median of several requests with Django's test client after a warm-up, and the worklist count alone
(`registry.worklist.total`); then, kind by kind, its queries, the median of its count and of its first entries.
`--repeat N` (default 7) sets the number of timed runs.
"""

import argparse
import io
import os
import statistics
import time

from _setup import setup_django

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wksbm_bench_worklist")

WKSBM_TARGET, KPS_TARGET = 50_000, 50_000
TARGETS_MS = {"kabupaten": 300, "provinsi": 1000}
REPEAT = 7
PLANNED_TERMS = "bench: planned terms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT, help=f"timed runs per figure (default {REPEAT})")
    options = parser.parse_args()
    setup_django("wksbm_bench_worklist")
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    ensure_data()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nWorklist, median of {options.repeat} runs; load average {load}.")
    for level, user in bench_users():
        measure_user(level, user, options.repeat)


def ensure_data() -> None:
    """Seeds the national data unless present, then plans the ends of a third of the open-ended terms."""
    from django.core.management import call_command
    from django.db import connection

    from registry.models import Kps, Wksbm

    wksbm = Wksbm.objects.count()
    if wksbm != WKSBM_TARGET:
        if wksbm:
            print(f"Found {wksbm} WKSBM instead of {WKSBM_TARGET}: emptying the registry tables.")
            with connection.cursor() as cursor:
                cursor.execute(f'TRUNCATE "{Wksbm._meta.db_table}", "{Kps._meta.db_table}" CASCADE')
        out = io.StringIO()
        start = time.perf_counter()
        call_command("seed_scale", "--wksbm", str(WKSBM_TARGET), "--kps", str(KPS_TARGET), verbosity=2, stdout=out)
        print(out.getvalue().rstrip())
        print(f"seed_scale --wksbm {WKSBM_TARGET} --kps {KPS_TARGET}: {time.perf_counter() - start:.1f} s")
    plan_terms()


def plan_terms() -> None:
    """A third of the open-ended terms get an end in the next five years (once; marked in the WKSBM notes of the
    first WKSBM), and the registry tables are vacuumed and analysed as autovacuum would."""
    from django.db import connection

    from registry import dates
    from registry.models import ActivityReport, Pengurus, Wksbm

    first = Wksbm.objects.order_by("pk").first()
    if first.notes == PLANNED_TERMS:
        return
    pengurus = Pengurus._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{pengurus}" SET period_to = %s::date + (id %% 1825)::integer'
            " WHERE period_to IS NULL AND id %% 3 = 0",
            [dates.today()],
        )
        print(f"Planned the end of {cursor.rowcount} open-ended terms.")
    Wksbm.objects.filter(pk=first.pk).update(notes=PLANNED_TERMS)
    with connection.cursor() as cursor:
        for model in (Wksbm, Pengurus, ActivityReport):
            cursor.execute(f'VACUUM (ANALYZE) "{model._meta.db_table}"')


def bench_users():
    """The operator of the kabupaten/kota with the most WKSBM and the admin provinsi of the province with the
    most, made once."""
    from django.contrib.auth.models import User
    from django.db.models import Count
    from django.db.models.functions import Left

    from registry.enums import Role
    from registry.models import Wksbm
    from registry.services.petugas import petugas_save

    def busiest(length: int) -> str:
        counts = Wksbm.objects.annotate(area=Left("wilayah_id", length)).values("area").annotate(n=Count("pk"))
        return counts.order_by("-n", "area")[0]["area"]

    users = []
    for level, role, code in (
        ("kabupaten", Role.KABUPATEN, busiest(5)),
        ("provinsi", Role.PROVINSI, busiest(2)),
    ):
        username = f"bench_worklist_{level}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = petugas_save(
                by=None, username=username, role=role, area_codes=[code], password="Bench-Worklist-2026!"
            )[0]
        users.append((level, user))
    return users


def median_ms(action, repeat: int) -> float:
    action()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def count_queries(action) -> int:
    """The number of queries `action()` runs (counted as they are sent: a request's own connection handling does
    not lose them, as it does Django's query log)."""
    from django.db import connection

    count = 0

    def counted(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        action()
    return count


def measure_user(level: str, user, repeat: int) -> None:
    from django.test import Client

    from registry.scoping import area_codes
    from registry.views.attention import SHOWN
    from registry.worklist import kinds_for, total

    client = Client()
    client.force_login(user)
    target = TARGETS_MS[level]
    kinds = kinds_for(user)
    print(f"\n{level}: {user.username}, area {', '.join(area_codes(user))} (target {target} ms)")
    print(f"{'what':<44} {'ms':>8} {'queries':>8}  result")

    def line(label: str, ms: float, queries: int) -> None:
        verdict = "ok" if ms <= target else f"OVER by {ms / target:.1f}×"
        print(f"{label:<44} {ms:>8.1f} {queries:>8}  {verdict} ({ms / target:.2f} of target)")

    def request(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, f"{url}: {response.status_code}"

        queries = count_queries(get)
        return median_ms(get, repeat), queries

    line("Perlu tindakan (page)", *request("/perlu-tindakan/"))
    if kinds:
        line(f"Perlu tindakan, {kinds[0].key} alone", *request(f"/perlu-tindakan/?jenis={kinds[0].key}"))
    line("Wilayah saya (with the worklist count)", *request("/"))
    queries = count_queries(lambda: total(user))
    line(f"worklist count alone ({total(user)} entries)", median_ms(lambda: total(user), repeat), queries)

    user.has_perm("registry.view_wksbm")  # the permissions and the areas, read once a request, are not a kind's
    area_codes(user)
    print(f"{'kind':<20} {'entries':>8} {'queries':>8} {'count ms':>9} {'page ms':>8}")
    for kind in kinds:
        entries = kind.rows(user).count()
        queries = count_queries(lambda kind=kind: [kind.rows(user).count(), *kind.rows(user)[:SHOWN]])
        count_ms = median_ms(lambda kind=kind: kind.rows(user).count(), repeat)
        page_ms = median_ms(lambda kind=kind: [kind.describe(r, user) for r in kind.rows(user)[:SHOWN]], repeat)
        print(f"{kind.key:<20} {entries:>8} {queries:>8} {count_ms:>9.1f} {page_ms:>8.1f}")


if __name__ == "__main__":
    main()
