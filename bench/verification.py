"""Measures the verification queue's read and the compliance table's "terverifikasi" column at national scale.

Run: `.venv/bin/python bench/verification.py` (PostgreSQL on 127.0.0.1:5432; see bench/_setup.py). The data are the
worklist benchmark's (`bench/worklist.py`: `seed_scale --wksbm 50000`, seeded on the first run, in a database of this
benchmark's own) with the update cycle benchmark's period (`bench/pemutakhiran.py`: open in the province with the most
WKSBM, two WKSBM of three checked). The first run also sends items to the queue, as penyuluh across the country
would (one bulk insert each, `seed_items`):

- one WKSBM in twenty (5 %) has a change of its own waiting, one in forty a change to a pengurus too, one in sixty a
  report too (1–3 open items each); one in a hundred had its own change returned with a reason;
- one WKSBM in five has an item confirmed long ago (the queue's history, which every read must skip);
- each record with an open item carries its state, as the services leave it.

Two users are measured, as in the other benchmarks: the operator of the kabupaten/kota with the most WKSBM (target
≤ 300 ms) and the admin provinsi of that province (target ≤ 1 s). For each: (a) the queue's read, first page
(`queue_groups(VerificationItem.objects.for_user(user))`), then the queue page and its worklist kind as served;
(b) the compliance page of the period
(with the verified column), the page of its busiest kecamatan (lists of not checked and still waiting) and its .csv;
(c) the rekap page of the user's area with everything and with verified data only (`?data=terverifikasi`, which must
cost no query more). Each figure is the median of several runs after a warm-up, with its number of queries.
`--repeat N` (default 7) sets the number of timed runs.
"""

import argparse
import os

from _setup import setup_django

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wksbm_bench_verification")

from pemutakhiran import busiest, cycle_users, ensure_period  # noqa: E402
from worklist import REPEAT, TARGETS_MS, count_queries, ensure_data, median_ms  # noqa: E402

ITEMS_MARK = "bench: verification items"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT, help=f"timed runs per figure (default {REPEAT})")
    options = parser.parse_args()
    setup_django("wksbm_bench_verification")
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    ensure_data()
    users = cycle_users()
    period = ensure_period(users[1][1])
    seed_items(users[0][1])
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nVerification queue and compliance of {period} ({period.wilayah_id}), median of {options.repeat} runs;")
    print(f"load average {load} on {os.cpu_count()} cores.")
    for level, user in users:
        measure_user(level, user, period, options.repeat)


def seed_items(by) -> None:
    """The queue's items (see the module docstring), once: marked by an item titled `ITEMS_MARK`."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from registry.models import ActivityReport, Pengurus, VerificationItem, Wksbm

    if VerificationItem.objects.filter(title=ITEMS_MARK).exists():
        return
    items, wksbm = VerificationItem._meta.db_table, Wksbm._meta.db_table
    kinds = {model: ContentType.objects.get_for_model(model).pk for model in (Wksbm, Pengurus, ActivityReport)}
    now = timezone.now()
    columns = (
        "content_type_id, object_id, kind, change, wilayah_id, wksbm_id, title, changes, state, submitted_by_id,"
        " submitted_at, decided_by_id, decided_at, reason"
    )
    returned = "w.id %% 100 = 0"
    own = (
        f"INSERT INTO {items} ({columns}) SELECT %s, w.id, 'wksbm', 'perubahan', w.wilayah_id, w.id, w.name,"
        f" '[[\"status\", \"Aktif\", \"Vakum\"]]', CASE WHEN {returned} THEN 'dikembalikan' ELSE 'menunggu' END, %s,"
        f" %s - (w.id %% 90) * interval '1 day', CASE WHEN {returned} THEN %s END, CASE WHEN {returned} THEN %s END,"
        f" CASE WHEN {returned} THEN 'Tanggal SK belum diisi.' ELSE '' END FROM {wksbm} w WHERE w.id %% 20 = 0"
    )
    part = (
        "INSERT INTO {items} ({columns}) SELECT DISTINCT ON (r.wksbm_id) %s, r.id, '{kind}', 'baru', w.wilayah_id,"
        " w.id, w.name, '[]', 'menunggu', %s, %s - (r.id %% 90) * interval '1 day', NULL, NULL, ''"
        " FROM {table} r JOIN {wksbm} w ON w.id = r.wksbm_id WHERE w.id %% {every} = 0 ORDER BY r.wksbm_id, r.id DESC"
    )
    history = (
        f"INSERT INTO {items} ({columns}) SELECT %s, w.id, 'wksbm', 'baru', w.wilayah_id, w.id, w.name, '[]',"
        f" 'terverifikasi', %s, %s - interval '400 days', %s, %s - interval '390 days', '' FROM {wksbm} w"
        " WHERE w.id %% 5 = 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(own, [kinds[Wksbm], by.pk, now, by.pk, now])
        counts = [cursor.rowcount]
        for model, kind, every in ((Pengurus, "pengurus", 40), (ActivityReport, "laporan", 60)):
            sql = part.format(
                items=items, columns=columns, kind=kind, table=model._meta.db_table, wksbm=wksbm, every=every
            )
            cursor.execute(sql, [kinds[model], by.pk, now])
            counts.append(cursor.rowcount)
        cursor.execute(history, [kinds[Wksbm], by.pk, now, by.pk, now])
        counts.append(cursor.rowcount)
        cursor.execute(
            f"INSERT INTO {items} ({columns}) VALUES (%s, 0, 'wksbm', 'baru', '11', NULL, %s, '[]', 'terverifikasi',"
            " %s, %s, NULL, NULL, '')",
            [kinds[Wksbm], ITEMS_MARK, by.pk, now],
        )
        for model in (Wksbm, Pengurus, ActivityReport):
            cursor.execute(
                f"UPDATE {model._meta.db_table} r SET verification = i.state FROM {items} i"
                " WHERE i.content_type_id = %s AND i.object_id = r.id AND i.state IN ('menunggu', 'dikembalikan')",
                [kinds[model]],
            )
        for table in (items, wksbm, Pengurus._meta.db_table, ActivityReport._meta.db_table):
            cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        cursor.execute(f"SELECT count(*) FROM {items} WHERE state = 'dikembalikan'")
        (returned_count,) = cursor.fetchone()
    own_count, pengurus_count, report_count, confirmed_count = counts
    print(
        f"Sent {own_count} WKSBM changes ({returned_count} returned), {pengurus_count} pengurus and {report_count}"
        f" reports to the queue; {confirmed_count} confirmed long ago."
    )


def measure_user(level: str, user, period, repeat: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from registry.models import VerificationItem
    from registry.scoping import area_codes
    from registry.verification.querysets import queue_groups

    client = Client()
    client.force_login(user)
    target = TARGETS_MS[level]
    code = area_codes(user)[0]
    waiting = VerificationItem.objects.for_user(user).waiting().count()
    returned = VerificationItem.objects.for_user(user).returned().count()
    print(f"\n{level}: {user.username}, area {code}, {waiting} items waiting, {returned} returned (target {target} ms)")
    print(f"{'what':<58} {'ms':>8} {'queries':>8}  result")

    def line(label: str, ms: float, queries: int) -> None:
        verdict = "ok" if ms <= target else f"OVER by {ms / target:.1f}×"
        print(f"{label:<58} {ms:>8.1f} {queries:>8}  {verdict} ({ms / target:.2f} of target)")

    def read_queue():
        groups, _more = queue_groups(VerificationItem.objects.for_user(user))
        return groups

    groups = read_queue()
    label = f"queue read, first page ({len(groups)} groups, {sum(len(g[1]) for g in groups)} items)"
    line(label, median_ms(read_queue, repeat), count_queries(read_queue))

    def request(url, query=None):
        def get():
            response = client.get(url, query or {})
            assert response.status_code == 200, f"{url}: {response.status_code}"
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)

        queries = count_queries(get)
        return median_ms(get, repeat), queries

    line("queue page, first page (rendered)", *request(reverse("verification_queue")))
    line("worklist kind menunggu-verifikasi", *request(reverse("attention"), {"jenis": "menunggu-verifikasi"}))
    page = reverse("pemutakhiran_compliance", args=[period.pk])
    line(f"compliance table of {code} (with terverifikasi)", *request(page, {"wilayah": code}))
    kecamatan = busiest(code if len(code) == 5 else busiest(code, 5), 8)
    line(f"compliance table of kecamatan {kecamatan} (lists)", *request(page, {"wilayah": kecamatan}))
    export = reverse("pemutakhiran_export", args=[period.pk])
    line(f"compliance download .csv of {code}", *request(export, {"wilayah": code, "format": "csv"}))
    rekap = reverse("rekap")
    line(f"rekap of {code}, all data", *request(rekap, {"wilayah": code}))
    line(f"rekap of {code}, data=terverifikasi", *request(rekap, {"wilayah": code, "data": "terverifikasi"}))


if __name__ == "__main__":
    main()
