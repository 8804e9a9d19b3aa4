"""What keeps the admin lists fast at national scale (bench/admin_lists.py), and keeps them right.

The search matches own columns in the row's query and related rows through `InSubquery` (`= ANY(ARRAY(…))` on
PostgreSQL), served there by trigram indexes on `UPPER(name)` (migration 0008); the board filter hashes only
holders of required roles, read from a covering pengurus index (migration 0010); PostgreSQL connections run
without JIT. PostgreSQL-only checks are skipped on SQLite, where everything else runs as well.
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from registry.db.arrays import InSubquery
from registry.models import Kps, KpsKind, PengurusRole, Wilayah, Wksbm
from tests.factories import ActivityReportFactory, KpsFactory, PengurusFactory, WksbmFactory, desa

ROOT = Path(__file__).resolve().parent.parent.parent
WKSBM_LIST = "/admin/registry/wksbm/"
KPS_LIST = "/admin/registry/kps/"
PENGURUS_LIST = "/admin/registry/pengurus/"
REPORT_LIST = "/admin/registry/activityreport/"

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner and indexes")


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("petugas", email="petugas@example.org", password=None))
    return client


def names(response) -> list[str]:
    return sorted(str(row) for row in response.context["cl"].result_list)


def role(slug: str) -> PengurusRole:
    return PengurusRole.objects.get(slug=slug)


def plan(sql: str) -> str:
    """EXPLAIN of `sql` with sequential scans priced out: which index the planner can use, whatever the size."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")  # captured SQL, its values inlined: no parameters
        lines = [row[0] for row in cursor.fetchall()]
        cursor.execute("RESET enable_seqscan")
    return "\n".join(lines)


def list_queries(client, url: str, params: dict) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


# --- Search: right rows, each once -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_kps_search_matches_name_leader_and_wilayah_name_each_row_once(superuser_client, diy):
    KpsFactory(name="Posyandu Melati", leader="Bu Sri")
    KpsFactory(name="Karang Taruna Tunas", leader="Melati Rahayu")
    KpsFactory(name="PKK Mawar", wilayah=desa("34.04.11.2004"))  # Kalurahan Wedomartani
    KpsFactory(name="PKK Kenanga", leader="Bu Wedo")  # the term in the leader and in no wilayah
    KpsFactory(name="Lain")

    by_name_or_leader = superuser_client.get(KPS_LIST, {"q": "melati"})
    by_wilayah = superuser_client.get(KPS_LIST, {"q": "wedomartani"})
    both_ways = superuser_client.get(KPS_LIST, {"q": "wedo"})

    assert names(by_name_or_leader) == ["Karang Taruna Tunas", "Posyandu Melati"]
    assert names(by_wilayah) == ["PKK Mawar"]
    assert names(both_ways) == ["PKK Kenanga", "PKK Mawar"]
    assert both_ways.context["cl"].result_count == 2


@pytest.mark.django_db
def test_wksbm_search_terms_are_anded_across_name_wilayah_and_pengurus(superuser_client, diy):
    candirejo = WksbmFactory(name="WKSBM Ngudi Rahayu")  # Kalurahan Candirejo, Semanu
    PengurusFactory(wksbm=candirejo, name="Sutrisno", role=role("ketua"))
    PengurusFactory(wksbm=candirejo, name="Sutrisna", role=role("sekretaris"))
    WksbmFactory(name="WKSBM Ngudi Makmur", wilayah=desa("34.04.11.2004"))

    by_pengurus_and_wilayah = superuser_client.get(WKSBM_LIST, {"q": "sutrisn candirejo"})
    by_name_and_wrong_wilayah = superuser_client.get(WKSBM_LIST, {"q": "ngudi candirejo"})
    nothing = superuser_client.get(WKSBM_LIST, {"q": "sutrisn wedomartani"})
    phrase = superuser_client.get(WKSBM_LIST, {"q": '"ngudi rahayu"'})

    assert names(by_pengurus_and_wilayah) == ["WKSBM Ngudi Rahayu"]
    assert by_pengurus_and_wilayah.context["cl"].result_count == 1
    assert names(by_name_and_wrong_wilayah) == ["WKSBM Ngudi Rahayu"]
    assert names(nothing) == []
    assert names(phrase) == ["WKSBM Ngudi Rahayu"]


@pytest.mark.django_db
def test_pengurus_and_report_lists_search_through_the_wksbm_name(superuser_client, diy):
    forum = WksbmFactory(name="WKSBM Guyub Rukun")
    PengurusFactory(wksbm=forum, name="Slamet")
    PengurusFactory(name="Guyub Widodo")
    ActivityReportFactory(wksbm=forum, description="Rapat pleno")
    ActivityReportFactory(description="Bakti sosial guyub warga")
    ActivityReportFactory(description="Rapat lain")

    pengurus = superuser_client.get(PENGURUS_LIST, {"q": "guyub"})
    reports = superuser_client.get(REPORT_LIST, {"q": "guyub"})

    assert sorted(p.name for p in pengurus.context["cl"].result_list) == ["Guyub Widodo", "Slamet"]
    assert sorted(r.description for r in reports.context["cl"].result_list) == [
        "Bakti sosial guyub warga",
        "Rapat pleno",
    ]


@pytest.mark.django_db
def test_in_subquery_is_an_array_on_postgresql_and_in_elsewhere(diy):
    named = Wilayah.objects.filter(name__icontains="candirejo").values("pk")
    KpsFactory(name="Di Candirejo")
    KpsFactory(name="Di Wedomartani", wilayah=desa("34.04.11.2004"))

    found = Kps.objects.filter(InSubquery("wilayah", named, "default"))
    sql = str(found.query)

    assert [kps.name for kps in found] == ["Di Candirejo"]
    if connection.vendor == "postgresql":
        assert '"registry_kps"."wilayah_id" = ANY(ARRAY(SELECT' in sql
        assert ') COLLATE "default")' in sql
    else:
        assert '"registry_kps"."wilayah_id" IN (SELECT' in sql
        assert "COLLATE" not in sql


# --- Search: the indexes PostgreSQL can use -------------------------------------------------------------------


@postgresql_only
@pytest.mark.django_db
def test_kps_search_is_served_by_trigram_and_foreign_key_indexes(superuser_client, diy):
    queries = list_queries(superuser_client, KPS_LIST, {"q": "melati"})
    count = next(sql for sql in queries if sql.startswith('SELECT COUNT(*) AS "__count" FROM "registry_kps"'))

    explained = plan(count)

    assert "kps_name_trgm" in explained
    assert "kps_leader_trgm" in explained
    # The wilayah codes found become a lookup in the foreign key's own index, not a scan of every KPS.
    assert "Index Cond: ((wilayah_id)::text = ANY" in explained
    # Only the wilayah names are scanned (no trigram index there; see migration 0008), never the KPS.
    assert "Seq Scan on registry_kps" not in explained


@postgresql_only
@pytest.mark.django_db
def test_wksbm_search_is_served_by_trigram_indexes_including_pengurus_names(superuser_client, diy):
    queries = list_queries(superuser_client, WKSBM_LIST, {"q": "sejahtera"})
    count = next(sql for sql in queries if sql.startswith('SELECT COUNT(*) AS "__count" FROM "registry_wksbm"'))

    explained = plan(count)

    assert all(index in explained for index in ("wksbm_name_trgm", "pengurus_name_trgm"))
    assert ("Seq Scan on registry_wksbm" in explained, "Seq Scan on registry_pengurus" in explained) == (False, False)


@postgresql_only
@pytest.mark.django_db
def test_wilayah_filter_choices_are_read_from_the_level_index_and_the_primary_key(superuser_client, diy):
    queries = list_queries(superuser_client, WKSBM_LIST, {})
    kabupaten, kecamatan = [
        sql for sql in queries if 'FROM "registry_wilayah" WHERE "registry_wilayah"."level" =' in sql
    ]
    in_kabupaten = next(
        sql
        for sql in list_queries(superuser_client, WKSBM_LIST, {"kabupaten": "34.03"})
        if 'FROM "registry_wilayah" WHERE ("registry_wilayah"."level" = 3' in sql
    )

    assert "wilayah_provinsi_kabupaten_idx" in plan(kabupaten)
    # Kecamatan are read in code order from the primary key: the first 101, or those under the chosen kabupaten.
    assert ("Index Scan using registry_wilayah_pkey" in plan(kecamatan), "LIMIT 101" in kecamatan) == (True, True)
    assert "Index Cond: (((code)::text >= '34.03.'::text) AND ((code)::text < '34.03/'::text))" in plan(in_kabupaten)


@pytest.mark.django_db
def test_board_completeness_follows_which_roles_are_required(diy):
    ketua_only = WksbmFactory()
    PengurusFactory(wksbm=ketua_only, role=role("ketua"))
    full = WksbmFactory()
    for slug in ("ketua", "sekretaris", "bendahara"):
        PengurusFactory(wksbm=full, role=role(slug))
    ended_bendahara = WksbmFactory()
    PengurusFactory(wksbm=ended_bendahara, role=role("ketua"))
    PengurusFactory(wksbm=ended_bendahara, role=role("sekretaris"))
    PengurusFactory(wksbm=ended_bendahara, role=role("bendahara"), period_to=datetime.date(2020, 1, 1))

    before = set(Wksbm.objects.incomplete_board())
    PengurusRole.objects.filter(slug="bendahara").update(required=True)
    with_bendahara = set(Wksbm.objects.incomplete_board())
    PengurusRole.objects.update(required=False)
    none_required = (set(Wksbm.objects.incomplete_board()), set(Wksbm.objects.complete_board()))

    assert before == {ketua_only}
    assert with_bendahara == {ketua_only, ended_bendahara}
    assert {w.pk: w.board_complete for w in Wksbm.objects.with_summary()} == {
        ketua_only.pk: True,
        full.pk: True,
        ended_bendahara.pk: True,
    }
    assert none_required == (set(), {ketua_only, full, ended_bendahara})


@pytest.mark.django_db
def test_kps_kind_filter_counts_wksbm_with_a_current_member_of_that_kind(superuser_client, diy):
    from tests.factories import MembershipFactory

    posyandu = KpsKind.objects.get(slug="posyandu")
    with_posyandu = WksbmFactory(name="Dengan Posyandu")
    MembershipFactory(wksbm=with_posyandu, kps=KpsFactory(kind=posyandu))
    MembershipFactory(wksbm=with_posyandu, kps=KpsFactory(kind=posyandu))
    left = WksbmFactory(name="Posyandu Keluar")
    MembershipFactory(wksbm=left, kps=KpsFactory(kind=posyandu), left_on=datetime.date(2024, 1, 1))
    MembershipFactory(wksbm=WksbmFactory(name="Karang Taruna Saja"))

    response = superuser_client.get(WKSBM_LIST, {"jenis_kps": "posyandu"})

    assert names(response) == ["Dengan Posyandu"]
    assert response.context["cl"].result_count == 1


@pytest.mark.django_db
def test_kps_kind_is_copied_to_memberships_by_the_database_whoever_writes(diy):
    from registry.models import KpsMembership
    from registry.services.bulk import bulk_insert
    from tests.factories import MembershipFactory

    posyandu, pkk = KpsKind.objects.get(slug="posyandu"), KpsKind.objects.get(slug="pkk")
    wksbm = WksbmFactory()
    by_form = MembershipFactory(wksbm=wksbm, kps=KpsFactory(kind=posyandu))
    by_copy_kps = KpsFactory(kind=pkk)
    with transaction.atomic():
        bulk_insert(KpsMembership, ("kps_id", "wksbm_id"), [(by_copy_kps.pk, wksbm.pk)])
    by_copy = KpsMembership.objects.get(kps=by_copy_kps)
    moved = MembershipFactory(wksbm=wksbm, kps=KpsFactory(kind=posyandu))
    misnamed = KpsMembership.objects.create(wksbm=wksbm, kps=KpsFactory(kind=pkk), kind=posyandu)

    def kinds() -> dict[int, str]:
        return dict(KpsMembership.objects.values_list("pk", "kind__slug"))

    written = kinds()
    Kps.objects.filter(pk=by_form.kps_id).update(kind=pkk)
    after_kind_change = kinds()
    moved.kps = KpsFactory(kind=pkk)
    moved.save()
    by_copy.left_on = datetime.date(2025, 1, 1)
    by_copy.save()  # the in-memory copy never held the kind: saving it does not blank the stored one

    assert written == {by_form.pk: "posyandu", by_copy.pk: "pkk", moved.pk: "posyandu", misnamed.pk: "pkk"}
    assert after_kind_change == {by_form.pk: "pkk", by_copy.pk: "pkk", moved.pk: "posyandu", misnamed.pk: "pkk"}
    assert kinds() == {by_form.pk: "pkk", by_copy.pk: "pkk", moved.pk: "pkk", misnamed.pk: "pkk"}


@postgresql_only
@pytest.mark.django_db
def test_incomplete_board_filter_is_planned_as_joins_not_as_a_hashed_subplan(superuser_client, diy):
    queries = list_queries(superuser_client, WKSBM_LIST, {"kepengurusan": "belum"})
    count = next(sql for sql in queries if sql.startswith('SELECT COUNT(*) AS "__count" FROM "registry_wksbm"'))
    page = next(sql for sql in queries if sql.startswith('SELECT "registry_wksbm"."id"') and "LIMIT" in sql)

    explained = plan(count), plan(page)

    # Flattened, the planner may walk the page's order probing the pengurus index for each row shown; a hashed
    # subplan would first gather every current holder in the registry, for the page as for the count.
    assert [("Anti Join" in text, "hashed SubPlan" in text) for text in explained] == [(True, False), (True, False)]


@postgresql_only
@pytest.mark.django_db
def test_pengurus_have_a_covering_index_by_role_and_wksbm_with_the_term_dates():
    # That the incomplete-board count reads it by an index-only scan depends on VACUUM having marked the pages
    # all-visible, which never happens to test tables: bench/admin_lists.py's data shows it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'pengurus_role_wksbm_term_idx'")
        definitions = [row[0] for row in cursor.fetchall()]

    assert definitions == [
        "CREATE INDEX pengurus_role_wksbm_term_idx ON public.registry_pengurus USING btree (role_id, wksbm_id)"
        " INCLUDE (period_from, period_to)"
    ]


@postgresql_only
@pytest.mark.django_db
def test_kps_kind_filter_reads_the_current_memberships_of_that_kind_from_their_index(superuser_client, diy):
    queries = list_queries(superuser_client, WKSBM_LIST, {"jenis_kps": "posyandu"})
    count = next(sql for sql in queries if sql.startswith('SELECT COUNT(*) AS "__count" FROM "registry_wksbm"'))

    explained = plan(count)

    assert "membership_current_kind_idx" in explained
    assert "registry_kps " not in explained


@postgresql_only
@pytest.mark.django_db
def test_the_role_and_kind_lists_have_planner_statistics_from_their_migration():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN ('registry_pengurusrole', 'registry_kpskind')"
        )
        analyzed = dict(cursor.fetchall())

    assert analyzed == {
        "registry_pengurusrole": PengurusRole.objects.count(),
        "registry_kpskind": KpsKind.objects.count(),
    }


@pytest.mark.django_db
def test_list_rows_carry_the_same_action_checkbox_django_renders(superuser_client, diy):
    from django.contrib import admin

    wksbm = WksbmFactory(name='WKSBM "Ngudi" <Rahayu>')
    kps = KpsFactory(name="Karang Taruna & Co")
    django_own = [admin.ModelAdmin.action_checkbox(admin.site._registry[type(obj)], obj) for obj in (wksbm, kps)]

    pages = [superuser_client.get(WKSBM_LIST).content.decode(), superuser_client.get(KPS_LIST).content.decode()]

    assert [checkbox in page for checkbox, page in zip(django_own, pages, strict=True)] == [True, True]
    assert 'name="_selected_action" value="' in django_own[0]


# --- PostgreSQL connection -----------------------------------------------------------------------------------


def settings_options(database_url: str) -> str:
    code = "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default'])"
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")}
    environment.update(DJANGO_SETTINGS_MODULE="wksbm.settings")
    if database_url:
        environment["DATABASE_URL"] = database_url
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_postgresql_connections_turn_jit_off_keeping_options_of_the_url():
    plain = settings_options("postgres://u@127.0.0.1:5432/x")
    with_options = settings_options("postgres://u@127.0.0.1:5432/x?options=-c%20statement_timeout%3D5000")
    sqlite = settings_options("")

    assert "'OPTIONS': {'options': '-c jit=off'}" in plain
    assert "'options': '-c statement_timeout=5000 -c jit=off'" in with_options
    assert "jit" not in sqlite


@postgresql_only
@pytest.mark.django_db
def test_the_connection_runs_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
