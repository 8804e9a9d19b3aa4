"""The network section of the rekap (registry.network.rekap): hand-counted figures of Gunungkidul beside records of
Sleman that could leak, the "Berjejaring" share per wilayah against a brute-force count of generated ties, the
download's tables, and a fixed number of queries whatever the rows.

Counted by hand for Kabupaten Gunungkidul, today:
- active WKSBM: A (Candirejo, Semanu), B (Ngeposari, Semanu), C (Dadapayu, Semanu), D (Candirejo, Semin); E is
  vakum (Dadapayu). Active ties: A–Puskesmas, A–Baznas, E–Baznas, A–D, A–S (S: a WKSBM of Sleman). B's ties have
  ended or not started. Networked: A and D of 4 (50%); Semanu 1 of 3 (33%), Semin 1 of 1 (100%).
- ties by kind: Baznas 2 ties with 1 mitra, Puskesmas 1 with 1, between WKSBM 2 (A–S counted here once).
- funds 2025: Baznas Rp2.000.000, without a mitra Rp500.000 (Sleman's Rp9.000.000 from its CSR left out).
- referrals 2025: Puskesmas 4 people in 1 referral.
- forums: Gunungkidul's (kabupaten; members A and D now, B left) and Semanu's (kecamatan; A), not Sleman's.
"""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import dates
from registry.enums import Role, WksbmStatus
from registry.models import AidDistribution, AidPurpose, FundCollection, FundSource, MitraKind, Wilayah
from registry.network.rekap import ACTIVE, NETWORKED, build_network_rekap
from registry.network.rules import is_active
from registry.reports.area import rekap_area
from registry.reports.rekap import Row, build_rekap
from registry.reports.tables import rekap_tables
from tests.factories import ActivityReportFactory, WksbmFactory
from tests.registry.network.conftest import GUNUNGKIDUL, SEMANU, SEMANU_CANDIREJO, SEMIN, SEMIN_CANDIREJO, SLEMAN
from tests.registry.network.factories import ForumFactory, ForumMemberFactory, JejaringFactory, MitraFactory

NGEPOSARI, DADAPAYU, BALECATUR = "34.03.08.2001", "34.03.08.2005", "34.04.01.2001"
TODAY = dates.today()


def kind(slug):
    return MitraKind.objects.get(slug=slug)


def place(code):
    return Wilayah.objects.get(code=code)


@pytest.fixture
def network(diy):
    """The records counted in the module docstring."""
    a = WksbmFactory(name="WKSBM A", wilayah=place(SEMANU_CANDIREJO))
    b = WksbmFactory(name="WKSBM B", wilayah=place(NGEPOSARI))
    WksbmFactory(name="WKSBM C", wilayah=place(DADAPAYU))
    d = WksbmFactory(name="WKSBM D", wilayah=place(SEMIN_CANDIREJO))
    e = WksbmFactory(name="WKSBM E", wilayah=place(DADAPAYU), status=WksbmStatus.VAKUM)
    s = WksbmFactory(name="WKSBM S", wilayah=place(BALECATUR))
    puskesmas = MitraFactory(name="Puskesmas Semanu", kind=kind("puskesmas"))
    baznas = MitraFactory(name="Baznas Gunungkidul", kind=kind("baznas-zakat"))
    csr = MitraFactory(name="CSR Sleman", wilayah=place(BALECATUR))
    JejaringFactory(wksbm=a, mitra=puskesmas)
    JejaringFactory(wksbm=a, mitra=baznas)
    JejaringFactory(wksbm=e, mitra=baznas)
    JejaringFactory(wksbm=a, mitra=None, partner_wksbm=d)
    JejaringFactory(wksbm=a, mitra=None, partner_wksbm=s)
    JejaringFactory(wksbm=s, mitra=csr)
    JejaringFactory(wksbm=b, mitra=puskesmas, started_on=datetime.date(2020, 1, 1), ended_on=datetime.date(2021, 1, 1))
    JejaringFactory(wksbm=b, mitra=baznas, started_on=TODAY + datetime.timedelta(days=30))
    report = ActivityReportFactory(wksbm=a, date=datetime.date(2025, 6, 17))
    FundCollection.objects.create(report=report, source=FundSource.objects.get(slug="swadaya"), amount=500_000)
    FundCollection.objects.create(
        report=report, source=FundSource.objects.get(slug="perantau"), amount=2_000_000, mitra=baznas
    )
    AidDistribution.objects.create(
        report=report, purpose=AidPurpose.objects.first(), amount=0, referred_to=puskesmas, referred_count=4
    )
    leak = ActivityReportFactory(wksbm=s, date=datetime.date(2025, 6, 17))
    FundCollection.objects.create(report=leak, source=FundSource.objects.first(), amount=9_000_000, mitra=csr)
    gunungkidul = ForumFactory(name="Forum Komunikasi WKSBM Gunungkidul")
    for member in (a, d):
        ForumMemberFactory(forum=gunungkidul, wksbm=member)
    ForumMemberFactory(forum=gunungkidul, wksbm=b, left_on=datetime.date(2024, 1, 1))
    ForumMemberFactory(forum=ForumFactory(name="Forum WKSBM Kapanewon Semanu", wilayah=place(SEMANU)), wksbm=a)
    ForumFactory(name="Forum Komunikasi WKSBM Sleman", wilayah=place(SLEMAN))
    return {"a": a, "s": s}


def test_the_section_counts_the_network_of_the_area_by_hand(network, operator):
    rekap = build_rekap(rekap_area(operator, GUNUNGKIDUL))

    section = rekap.sections["jejaring"]
    share = {row.code: rekap.columns[0].value(row.figures) for row in rekap.rows if row.figures[ACTIVE]}
    assert (section.networked, section.active, section.networked_percent) == (2, 4, 50)
    assert share == {SEMANU: 33, SEMIN: 100}
    assert rekap.columns[0].value(rekap.total.figures) == 50
    assert [(line.kind, line.ties, line.mitra) for line in section.ties_by_kind] == [
        ("Baznas/lembaga zakat", 2, 1),
        ("Puskesmas", 1, 1),
        (None, 2, None),
    ]
    assert [(year.year, [(line.kind, line.amount) for line in year.lines]) for year in section.funds] == [
        (2025, [("Baznas/lembaga zakat", 2_000_000), ("tanpa mitra", 500_000)])
    ]
    assert [(y.year, [(line.kind, line.amount, line.lines) for line in y.lines]) for y in section.referrals] == [
        (2025, [("Puskesmas", 4, 1)])
    ]
    assert [(forum.name, forum.level, forum.members) for forum in section.forums] == [
        ("Forum Komunikasi WKSBM Gunungkidul", "Kabupaten/Kota", 2),
        ("Forum WKSBM Kapanewon Semanu", "Kecamatan", 1),
    ]


def test_sleman_counts_its_own_network_and_the_tie_it_shares_with_gunungkidul(network, outsider):
    section = build_rekap(rekap_area(outsider, SLEMAN)).sections["jejaring"]

    assert (section.networked, section.active) == (1, 1)
    assert [(line.kind, line.ties) for line in section.ties_by_kind] == [("Dunia usaha (CSR)", 1), (None, 1)]
    assert [[(line.kind, line.amount) for line in year.lines] for year in section.funds] == [
        [("Dunia usaha (CSR)", 9_000_000)]
    ]
    assert [forum.name for forum in section.forums] == ["Forum Komunikasi WKSBM Sleman"]


def test_the_page_shows_the_share_per_wilayah_with_drill_down_and_the_download_has_the_tables(
    client, network, operator
):
    client.force_login(operator)

    html = client.get(reverse("rekap"), {"wilayah": GUNUNGKIDUL}).content.decode()
    tables = {table.title: table for table in rekap_tables(build_rekap(rekap_area(operator, GUNUNGKIDUL)))}

    assert '<th class="num">Berjejaring</th>' in html
    assert f'<a href="/rekap/?wilayah={SEMANU}">Kapanewon Semanu</a>' in html
    assert '<span class="tile-figure" data-figure="networked">50%</span>' in html
    assert "Forum WKSBM Kapanewon Semanu" in html and "Sleman" not in html.split('id="jejaring"')[1]
    breakdown = tables["Rekap per wilayah"]
    assert [row["persen_berjejaring"] for row in breakdown.rows if row["kode_wilayah"] in (SEMANU, SEMIN)] == [33, 100]
    assert breakdown.rows[-1]["persen_berjejaring"] == 50
    assert list(tables["Jejaring menurut jenis mitra"].rows)[-1] == {
        "jenis_mitra": "Antar-WKSBM",
        "jejaring_aktif": 2,
        "mitra": None,
    }
    assert list(tables["Forum Komunikasi WKSBM"].rows)[0]["anggota"] == 2
    assert [row["jumlah_rp"] for row in tables["Dana terhimpun per jenis mitra"].rows] == [2_000_000, 500_000]
    assert list(tables["Rujukan menurut jenis mitra"].rows) == [
        {"tahun": 2025, "jenis_mitra": "Puskesmas", "orang_dirujuk": 4, "rujukan": 1}
    ]


def section_queries(user, code) -> int:
    area, row = rekap_area(user, code), Row(code)
    with CaptureQueriesContext(connection) as queries:
        build_network_rekap(area, lambda _code: row)
    return len(queries)


def test_the_section_reads_five_queries_whatever_its_rows(network, operator):
    few = section_queries(operator, GUNUNGKIDUL)
    for number in range(20):
        wksbm = WksbmFactory(name=f"WKSBM Banyak {number}", wilayah=place(SEMIN_CANDIREJO))
        JejaringFactory(wksbm=wksbm, mitra=MitraFactory(name=f"Mitra Banyak {number}"))
        ForumMemberFactory(forum=ForumFactory(name=f"Forum Banyak {number}", wilayah=place(SEMIN)), wksbm=wksbm)
    many = section_queries(operator, GUNUNGKIDUL)

    assert few == many == 5


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    statuses=st.lists(st.sampled_from(WksbmStatus.values), min_size=2, max_size=6),
    ties=st.lists(
        st.tuples(
            st.integers(0, 5),
            st.integers(0, 6),  # 6: a mitra; else the WKSBM of that index (when different)
            st.integers(-400, 400),
            st.one_of(st.none(), st.integers(1, 800)),
        ),
        max_size=10,
    ),
)
def test_the_share_per_wilayah_is_the_active_wksbm_with_an_active_tie(operator, statuses, ties):
    desa = [place(SEMANU_CANDIREJO), place(NGEPOSARI), place(SEMIN_CANDIREJO)]
    with transaction.atomic():
        wksbm = [
            WksbmFactory(name=f"WKSBM {n}", wilayah=desa[n % 3], status=status) for n, status in enumerate(statuses)
        ]
        mitra = MitraFactory(name="Mitra Uji")
        tied = set()
        for first, other, start, length in ties:
            first, started = wksbm[first % len(wksbm)], TODAY + datetime.timedelta(days=start)
            ended = started + datetime.timedelta(days=length) if length else None
            ends = {"mitra": mitra} if other == 6 else {"mitra": None, "partner_wksbm": wksbm[other % len(wksbm)]}
            if ends.get("partner_wksbm") == first:
                continue
            try:
                with transaction.atomic():
                    JejaringFactory(wksbm=first, started_on=started, ended_on=ended, **ends)
            except IntegrityError:  # a second open tie of a kind between the same two ends: the database refuses it
                continue
            if is_active(started, ended, TODAY):
                tied |= {first.pk, ends["partner_wksbm"].pk} if "partner_wksbm" in ends else {first.pk}

        rekap = build_rekap(rekap_area(operator, GUNUNGKIDUL))

        expected = {}
        for row_code in (SEMANU, SEMIN):
            active = [w for w in wksbm if w.wilayah_id.startswith(row_code) and w.status == WksbmStatus.AKTIF]
            expected[row_code] = (len(active), len([w for w in active if w.pk in tied]))
        shown = {row.code: (row.figures[ACTIVE], row.figures[NETWORKED]) for row in rekap.rows}
        assert {code: shown.get(code, (0, 0)) for code in expected} == expected
        transaction.set_rollback(True)


def test_the_page_lists_the_widest_forums_first_and_the_download_all_of_them(client, network, make_user, monkeypatch):
    monkeypatch.setattr("registry.network.rekap.FORUMS_SHOWN", 2)
    admin = make_user("admin_diy", Role.PROVINSI, "34")
    ForumFactory(name="Forum Komunikasi WKSBM DIY", wilayah=place("34"))
    client.force_login(admin)

    html = client.get(reverse("rekap"), {"wilayah": "34"}).content.decode()
    section = build_rekap(rekap_area(admin, "34")).sections["jejaring"]

    assert [(forum.name, forum.level) for forum in section.forums] == [
        ("Forum Komunikasi WKSBM DIY", "Provinsi"),
        ("Forum Komunikasi WKSBM Gunungkidul", "Kabupaten/Kota"),
        ("Forum Komunikasi WKSBM Sleman", "Kabupaten/Kota"),
        ("Forum WKSBM Kapanewon Semanu", "Kecamatan"),
    ]
    assert ("Forum Komunikasi WKSBM Gunungkidul" in html, "Forum Komunikasi WKSBM Sleman" in html) == (True, False)
    assert "2 dari 4 forum ditampilkan" in html
    gunungkidul = section.forums[1]
    assert f'href="{reverse("forum_detail", args=[gunungkidul.pk])}"' in html
    assert client.get(reverse("forum_detail", args=[gunungkidul.pk])).status_code == 200
