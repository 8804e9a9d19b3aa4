"""The rekap's "hanya data terverifikasi" switch: with `?data=terverifikasi` the rekap, its printed version, its
downloads and the profil count only what operators verified (a WKSBM, KPS or pengurus a penyuluh entered waits, and
so does a report with its fund and aid lines); without it they count everything, as before. The page shows the
switch, keeping the wilayah; the printed rekap and the downloads say which data they count; the switch costs no
query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry import dates
from registry.enums import VerificationState
from registry.models import AidPurpose, KpsKind, PengurusRole, Wilayah
from registry.reports.area import rekap_area
from registry.reports.rekap import build_rekap
from registry.reports.tables import list_table
from registry.services import wksbm as services
from tests.registry.verification.conftest import GUNUNGKIDUL, SEMANU, SEMANU_CANDIREJO, first, unit

pytestmark = pytest.mark.usefixtures("diy")

ALL = "Data: semua, termasuk yang menunggu verifikasi"
VERIFIED = "Data: hanya yang terverifikasi"


def recent() -> datetime.date:
    return dates.today() - datetime.timedelta(days=20)


def candirejo() -> Wilayah:
    return Wilayah.objects.get(code=SEMANU_CANDIREJO)


@pytest.fixture
def mixed(penyuluh, operator, references):
    """In Semanu: a verified WKSBM with a verified report (Rp1.000.000 collected, Rp400.000 to 4 people) and a
    report the penyuluh sent (Rp5.000.000 collected, Rp700.000 to 7 people); a WKSBM, a KPS and a ketua the
    penyuluh entered, all waiting."""
    verified = unit(name="WKSBM Terverifikasi")
    purpose = first(AidPurpose)
    services.report_create(
        by=operator,
        wksbm=verified,
        date=recent(),
        kind=references["activity"],
        description="Laporan operator",
        collected=[(references["fund"], 1_000_000)],
        distributed=[(purpose, 400_000, 4)],
    )
    waiting_report = services.report_create(
        by=penyuluh,
        wksbm=verified,
        date=recent(),
        kind=references["activity"],
        description="Laporan penyuluh menunggu",
        collected=[(references["fund"], 5_000_000)],
        distributed=[(purpose, 700_000, 7)],
    )
    waiting = services.wksbm_create(by=penyuluh, name="WKSBM Menunggu", wilayah=candirejo())
    kps = services.kps_create(by=penyuluh, name="KPS Menunggu", kind=first(KpsKind), wilayah=candirejo())
    return {"verified": verified, "waiting": waiting, "report": waiting_report, "kps": kps}


def money(years) -> int:
    return sum(year.amount for year in years)


def test_verified_only_leaves_out_a_waiting_wksbm_a_waiting_kps_and_a_waiting_reports_lines(mixed, operator):
    everything = build_rekap(rekap_area(operator, GUNUNGKIDUL))
    verified = build_rekap(rekap_area(operator, GUNUNGKIDUL, verified_only=True))

    assert mixed["waiting"].verification == VerificationState.MENUNGGU
    assert (everything.total.wksbm, everything.total.kps) == (2, 1)
    assert (money(everything.collected), money(everything.distributed)) == (6_000_000, 1_100_000)
    assert sum(year.beneficiaries for year in everything.distributed) == 11
    assert (verified.total.wksbm, verified.total.kps) == (1, 0)
    assert (money(verified.collected), money(verified.distributed)) == (1_000_000, 400_000)
    assert sum(year.beneficiaries for year in verified.distributed) == 4
    # The network section reads the same fund lines by mitra kind: the waiting report's are left out there too.
    network = verified.sections["jejaring"]
    assert sum(year.amount for year in network.funds) == 1_000_000


def test_a_waiting_pengurus_fills_no_role_in_verified_data_only(penyuluh, operator):
    wksbm = unit(name="WKSBM Pengurus Baru")
    for slug in PengurusRole.objects.filter(required=True).values_list("slug", flat=True):
        services_pengurus(penyuluh, wksbm, slug)

    everything = build_rekap(rekap_area(operator, SEMANU))
    verified = build_rekap(rekap_area(operator, SEMANU, verified_only=True))

    assert (everything.total.incomplete, verified.total.incomplete) == (0, 1)


def services_pengurus(by, wksbm, slug):
    return services.pengurus_add(
        by=by,
        wksbm=wksbm,
        name=f"Pengurus {slug}",
        role=PengurusRole.objects.get(slug=slug),
        period_from=dates.today() - datetime.timedelta(days=100),
    )


def test_the_lists_follow_the_switch(mixed, operator):
    everything = rekap_area(operator, GUNUNGKIDUL)
    verified = rekap_area(operator, GUNUNGKIDUL, verified_only=True)

    def names(area):
        return sorted(row["nama_wksbm"] for row in list_table(area, "wksbm", phones=True).rows)

    assert names(everything) == ["WKSBM Menunggu", "WKSBM Terverifikasi"]
    assert names(verified) == ["WKSBM Terverifikasi"]


def test_the_page_offers_the_switch_keeping_the_wilayah(client, mixed, operator):
    client.force_login(operator)

    everything = client.get(reverse("rekap"), {"wilayah": SEMANU}).content.decode()
    verified = client.get(reverse("rekap"), {"wilayah": SEMANU, "data": "terverifikasi"}).content.decode()

    assert ALL in everything and f'href="/rekap/?wilayah={SEMANU}&amp;data=terverifikasi"' in everything
    assert VERIFIED in verified and f'href="/rekap/?wilayah={SEMANU}">Tampilkan semua data' in verified
    # The downloads, the printed rekap and the drill-down keep the switch.
    assert f"?wilayah={SEMANU}&amp;data=terverifikasi&amp;format=csv" in verified
    assert f'/rekap/cetak/?wilayah={SEMANU}&amp;data=terverifikasi"' in verified
    assert f"?wilayah={SEMANU_CANDIREJO}&amp;data=terverifikasi" in verified
    # Evaluations count only once confirmed, in both modes; the section says so.
    assert "Rekap hanya menghitung penilaian yang sudah dikonfirmasi operator." in verified


def test_the_printed_rekap_and_the_csv_say_which_data(client, mixed, operator):
    client.force_login(operator)
    query = {"wilayah": SEMANU, "data": "terverifikasi"}

    printed_all = client.get(reverse("rekap_print"), {"wilayah": SEMANU}).content.decode()
    printed = client.get(reverse("rekap_print"), query).content.decode()
    csv_all = client.get(reverse("rekap_export"), {"wilayah": SEMANU, "format": "csv"})
    csv = client.get(reverse("rekap_export"), {**query, "format": "csv"})
    text_all = b"".join(csv_all.streaming_content).decode("utf-8-sig")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")

    assert ALL in printed_all and VERIFIED not in printed_all
    assert VERIFIED in printed and ALL not in printed
    assert text_all.startswith(f"Keterangan\r\nData\r\n{ALL}\r\n")
    assert text.startswith(f"Keterangan\r\nData\r\n{VERIFIED}\r\n")
    assert "terverifikasi" in csv["Content-Disposition"] and "terverifikasi" not in csv_all["Content-Disposition"]
    # The WKSBM per status: two with everything, one verified.
    assert "Aktif;2\r\n" in text_all and "Aktif;1\r\n" in text


def test_the_list_download_follows_the_switch_and_names_it(client, mixed, operator):
    client.force_login(operator)
    query = {"wilayah": SEMANU, "daftar": "wksbm", "format": "csv"}

    everything = client.get(reverse("rekap_list_export"), query)
    verified = client.get(reverse("rekap_list_export"), {**query, "data": "terverifikasi"})

    assert "WKSBM Menunggu" in b"".join(everything.streaming_content).decode("utf-8-sig")
    assert "WKSBM Menunggu" not in b"".join(verified.streaming_content).decode("utf-8-sig")
    assert f'filename="wksbm-{SEMANU}-terverifikasi-' in verified["Content-Disposition"]


def test_the_profil_shows_the_verified_reports_only_when_asked(client, mixed, operator):
    client.force_login(operator)
    url = reverse("wksbm_profile", args=[mixed["verified"].pk])

    everything = client.get(url).content.decode()
    verified = client.get(url, {"data": "terverifikasi"}).content.decode()

    assert "Laporan penyuluh menunggu" in everything and ALL in everything
    assert "Laporan penyuluh menunggu" not in verified and VERIFIED in verified
    assert "Laporan operator" in verified


@pytest.mark.parametrize("code", [GUNUNGKIDUL, SEMANU, SEMANU_CANDIREJO])
def test_the_switch_costs_no_query(client, mixed, operator, code):
    client.force_login(operator)
    client.get(reverse("rekap"), {"wilayah": code})

    counts = []
    for query in ({"wilayah": code}, {"wilayah": code, "data": "terverifikasi"}):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("rekap"), query).status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]
