"""Measures the WKSBM and KPS admin lists at national scale: 50,000 WKSBM and 500,000 KPS over all 83,762 desa.

Run: `.venv/bin/python bench/admin_lists.py` (PostgreSQL on 127.0.0.1:5432; see bench/_setup.py). The first run
fills the benchmark database with `seed_scale` (all wilayah, then the synthetic registry) and prints how long it
took; later runs reuse the data. Each page is requested in-process with Django's test client as a logged-in
superuser: one untimed warm-up, then the median server time of several requests, and the number of queries of
one more request. Target: every list under 300 ms.

`bench/admin_lists.py melati posyandu` measures only the lines whose view contains one of the words; `--repeat N`
(default 7) sets how many timed requests each median is taken over, more for a busy machine.

Then the network (`seed_scale` writes mitra, ties and forums with the registry): for the operator of the
kabupaten/kota with the most ties, the penyuluh of its busiest kecamatan and the admin provinsi of its province,
the WKSBM field page of the WKSBM with the most ties there, the read of its "Jejaring" section, and the mitra list
(`Mitra.objects.for_user`, one page and the count; and the admin's mitra list when it exists), each against the
same 300 ms with its queries, which must not grow with the rows. `network` alone measures only these.
"""

import argparse
import io
import os
import statistics
import time

from _setup import setup_django

# Its own database by default: the other benchmarks empty the registry tables of `wksbm_bench`, and seeding
# 50,000 WKSBM and 500,000 KPS takes minutes.
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wksbm_bench_lists")

WKSBM_TARGET, KPS_TARGET = 50_000, 500_000
TARGET_MS = 300
REPEAT = 7
KABUPATEN = "34.03"  # Gunungkidul
KECAMATAN = "34.03.08"  # Semanu, for search by code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="measure only the views containing one of these words")
    parser.add_argument("--repeat", type=int, default=REPEAT, help=f"timed requests per view (default {REPEAT})")
    options = parser.parse_args()
    setup_django()
    from django.conf import settings

    # The test client's host, and DEBUG off as in production. setup_test_environment() is not used: its template
    # instrumentation copies every template context and would inflate the timings.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = False
    ensure_data()
    client = logged_in_client()

    from registry.models import KpsKind

    posyandu = KpsKind.objects.get(slug="posyandu")
    wksbm, kps = "/admin/registry/wksbm/", "/admin/registry/kps/"
    cases = [
        ("WKSBM", "daftar", wksbm),
        ("WKSBM", "status aktif", f"{wksbm}?status__exact=aktif"),
        ("WKSBM", f"kabupaten {KABUPATEN}", f"{wksbm}?kabupaten={KABUPATEN}"),
        ("WKSBM", "kepengurusan belum lengkap", f"{wksbm}?kepengurusan=belum"),
        ("WKSBM", "kemungkinan vakum", f"{wksbm}?mungkin_vakum=ya"),
        ("WKSBM", "beranggota posyandu", f"{wksbm}?jenis_kps=posyandu"),
        ("WKSBM", "cari nama 'sejahtera'", f"{wksbm}?q=sejahtera"),
        ("WKSBM", f"cari kode {KECAMATAN}", f"{wksbm}?q={KECAMATAN}"),
        ("KPS", "daftar", kps),
        ("KPS", "jenis posyandu", f"{kps}?kind__id__exact={posyandu.pk}"),
        ("KPS", f"kabupaten {KABUPATEN}", f"{kps}?kabupaten={KABUPATEN}"),
        ("KPS", "cari nama 'melati'", f"{kps}?q=melati"),
        ("KPS", f"cari kode {KECAMATAN}", f"{kps}?q={KECAMATAN}"),
    ]
    if options.only:
        cases = [case for case in cases if any(word.lower() in case[1].lower() for word in options.only)]
    if options.only == ["network"]:
        measure_network(options.repeat)
        return
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nAdmin lists, median of {options.repeat} requests (target {TARGET_MS} ms); load average {load}:")
    print(f"{'list':<6} {'view':<30} {'ms':>8} {'queries':>8} {'SQL ms':>8} {'rows':>8}  result")
    slow = 0
    for model, label, url in cases:
        ms, queries, sql_ms, rows = measure(client, url, options.repeat)
        verdict = "ok" if ms <= TARGET_MS else f"OVER by {ms / TARGET_MS:.1f}×"
        slow += ms > TARGET_MS
        print(f"{model:<6} {label:<30} {ms:>8.1f} {queries:>8} {sql_ms:>8.1f} {rows:>8}  {verdict}")
    print(f"{len(cases) - slow} of {len(cases)} lists within {TARGET_MS} ms.")
    if not options.only:
        measure_network(options.repeat)


def ensure_data() -> None:
    """Seeds 50,000 WKSBM and 500,000 KPS unless the benchmark database already has them; prints the time."""
    from django.core.management import call_command
    from django.db import connection

    from registry.models import ForumKomunikasi, Kps, Mitra, Wksbm

    wksbm, kps, mitra = Wksbm.objects.count(), Kps.objects.count(), Mitra.objects.exists()
    if (wksbm, kps, mitra) == (WKSBM_TARGET, KPS_TARGET, True):
        print(f"Data already seeded: {wksbm} WKSBM, {kps} KPS, with their network.")
        return
    if wksbm or kps:
        print(
            f"Found {wksbm} WKSBM and {kps} KPS instead of {WKSBM_TARGET}/{KPS_TARGET} with their network: "
            "emptying the registry tables."
        )
        tables = ", ".join(f'"{model._meta.db_table}"' for model in (Wksbm, Kps, Mitra, ForumKomunikasi))
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} CASCADE")
    out = io.StringIO()
    start = time.perf_counter()
    call_command("seed_scale", "--wksbm", str(WKSBM_TARGET), "--kps", str(KPS_TARGET), verbosity=2, stdout=out)
    elapsed = time.perf_counter() - start
    print(out.getvalue().rstrip())
    print(f"seed_scale --wksbm {WKSBM_TARGET} --kps {KPS_TARGET}: {elapsed:.1f} s in all")
    vacuum_registry()


def vacuum_registry() -> None:
    """VACUUM (ANALYZE) of the freshly seeded registry tables, as autovacuum would do some minutes later.

    seed_scale analyzes inside its transaction, where VACUUM cannot run; without VACUUM no page is marked
    all-visible, and the index-only scans the lists are planned with (pengurus by role, migration 0010) would
    read the table as well.
    """
    from django.db import connection

    from registry.models import Jejaring, Kps, KpsMembership, Mitra, Pengurus, Wksbm

    start = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (Wksbm, Pengurus, Kps, KpsMembership, Mitra, Jejaring):
            cursor.execute(f'VACUUM (ANALYZE) "{model._meta.db_table}"')
    print(f"VACUUM (ANALYZE) of the registry tables: {time.perf_counter() - start:.1f} s")


def logged_in_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client


def measure(client, url: str, repeat: int = REPEAT) -> tuple[float, int, float, int]:
    """(median ms, queries, ms spent in SQL, rows matched) of GET `url`; stops on anything but a 200 changelist.

    The query count and SQL time come from one more request, outside the timed ones.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    context = getattr(response, "context_data", None) or {}
    if response.status_code != 200 or "cl" not in context:
        raise SystemExit(f"{url}: HTTP {response.status_code} (wrong filter parameter, or not logged in?)")
    rows = context["cl"].result_count
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    return statistics.median(times), len(captured.captured_queries), sql_ms, rows


# The network ---------------------------------------------------------------------------------------------------


def measure_network(repeat: int) -> None:
    """The WKSBM page, its ties and the mitra list for the three users of `network_users` (see the docstring)."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse
    from worklist import count_queries, median_ms

    from registry.models import Wksbm

    users = network_users()
    # The WKSBM with the most ties in the penyuluh's kecamatan: all three users see it.
    wksbm = (
        Wksbm.objects.for_user(users[1][1])
        .annotate(tie_count=Count("ties", distinct=True) + Count("partner_ties", distinct=True))
        .order_by("-tie_count", "pk")
        .first()
    )
    try:
        changelist = reverse("admin:registry_mitra_changelist")
    except NoReverseMatch:
        changelist = None
    print(f"\nNetwork, median of {repeat} runs (target {TARGET_MS} ms); WKSBM {wksbm.pk} ({wksbm.tie_count} ties):")
    print(f"{'user':<10} {'what':<40} {'ms':>8} {'queries':>8} {'rows':>8}  result")
    slow = lines = 0
    for label, user in users:
        for what, action, rows in network_checks(user, wksbm, changelist):
            queries = count_queries(action)
            ms = median_ms(action, repeat)
            verdict = "ok" if ms <= TARGET_MS else f"OVER by {ms / TARGET_MS:.1f}×"
            slow += ms > TARGET_MS
            lines += 1
            print(f"{label:<10} {what:<40} {ms:>8.1f} {queries:>8} {rows:>8}  {verdict}")
    print(f"{lines - slow} of {lines} network figures within {TARGET_MS} ms.")


def network_checks(user, wksbm, changelist: str | None) -> list[tuple]:
    """(what, action, rows) of each figure measured for `user`: the field page of `wksbm` when in their area, the
    read of its ties, a page of the mitra they see with the count, and the admin's mitra list (`changelist`)."""
    from django.test import Client
    from django.urls import reverse

    from registry.models import Jejaring, Mitra, Wksbm
    from registry.scoping import area_codes

    client = Client()
    client.force_login(user)
    area_codes(user)  # read once a request, as the middleware does, not part of what is measured

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, f"{url}: HTTP {response.status_code}"

        return get

    def ties():
        return list(
            Jejaring.objects.for_user(user)
            .of_wksbm(wksbm)
            .select_related("kind", "mitra__kind", "wksbm__wilayah", "partner_wksbm__wilayah")
        )

    mitra = Mitra.objects.for_user(user).select_related("kind", "wilayah").order_by("name", "wilayah_id")

    def mitra_page():
        return mitra.count(), list(mitra[:100])

    checks = [("Jejaring of the WKSBM (section read)", ties, len(ties()))]
    checks.append(("mitra list: page and count", mitra_page, mitra.count()))
    if Wksbm.objects.for_user(user).filter(pk=wksbm.pk).exists():
        checks.insert(0, ("WKSBM field page", page(reverse("wksbm_detail", args=[wksbm.pk])), 1))
    if changelist and user.is_staff:
        checks.append(("admin mitra list", page(changelist), mitra.count()))
    return checks


def network_users():
    """The operator of the kabupaten/kota with the most ties, the penyuluh of its kecamatan with the most and the
    admin provinsi of its province, made once; then the benchmark's superuser."""
    from django.contrib.auth.models import User
    from django.db.models import Count
    from django.db.models.functions import Left

    from registry.enums import Role
    from registry.models import Jejaring
    from registry.services.petugas import petugas_save

    def busiest(length: int, within: str = "") -> str:
        ties = Jejaring.objects.filter(wksbm__wilayah__code__startswith=within)
        counts = ties.annotate(area=Left("wksbm__wilayah_id", length)).values("area").annotate(n=Count("pk"))
        return counts.order_by("-n", "area")[0]["area"]

    kabupaten = busiest(5)
    users = []
    for label, role, code in (
        ("kabupaten", Role.KABUPATEN, kabupaten),
        ("penyuluh", Role.PENYULUH, busiest(8, kabupaten)),
        ("provinsi", Role.PROVINSI, kabupaten[:2]),
    ):
        username = f"bench_network_{label}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = petugas_save(by=None, username=username, role=role, area_codes=[code], password="Bench-Net-2026!")[0]
        users.append((label, user))
    # The superuser, as the admin lists above are measured: every mitra, and the admin's list when it exists.
    superuser, _created = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    return [*users, ("superuser", superuser)]


if __name__ == "__main__":
    main()
