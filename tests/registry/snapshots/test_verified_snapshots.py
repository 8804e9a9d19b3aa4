"""A snapshot records which data it froze: the freeze form offers everything (by default) or verified data only,
opened from the rekap showing verified data only it offers that, and the snapshot's page, print and download say
which; its comparison with the rekap now counts the same data."""

from django.urls import reverse

from registry.models import RekapSnapshot, Wilayah
from registry.reports.snapshots import compare_tables, current_tables, freeze_rekap
from registry.services.wksbm import wksbm_create
from tests.registry.reports.conftest import CANDIREJO_SEMANU
from tests.registry.snapshots.conftest import SEMANU, client_of

ALL = "Data: semua, termasuk yang menunggu verifikasi"
VERIFIED = "Data: hanya yang terverifikasi"


def freeze_page(code: str, **query) -> str:
    extra = "".join(f"&{name}={value}" for name, value in query.items())
    return f"{reverse('rekap_snapshot_freeze')}?wilayah={code}{extra}"


def test_the_freeze_form_offers_the_choice_and_the_snapshot_keeps_it(world, operator, penyuluh):
    wksbm_create(by=penyuluh, name="WKSBM Menunggu", wilayah=Wilayah.objects.get(code=CANDIREJO_SEMANU))
    client = client_of(operator)
    plain = client.get(freeze_page(SEMANU))
    switched = client.get(freeze_page(SEMANU, data="terverifikasi"))
    token = switched.context["form"]["form_token"].value()

    response = client.post(
        freeze_page(SEMANU), {"form_token": token, "title": "Rekap terverifikasi", "data": "terverifikasi"}
    )

    assert (plain.context["form"]["data"].value(), switched.context["form"]["data"].value()) == (
        "semua",
        "terverifikasi",
    )
    assert "Hanya data terverifikasi" in plain.content.decode()
    snapshot = RekapSnapshot.objects.get()
    assert response.status_code == 302 and snapshot.verified_only
    assert VERIFIED in snapshot.printed_html and snapshot.tables[0]["rows"] == [[VERIFIED]]
    page = client.get(reverse("rekap_snapshot", args=[snapshot.pk])).content.decode()
    printed = client.get(reverse("rekap_snapshot_print", args=[snapshot.pk])).content.decode()
    assert f'<p class="snapshot-data">{VERIFIED}.</p>' in page
    assert f'<p class="snapshot-data">{VERIFIED}.</p>' in printed
    download = client.get(reverse("rekap_snapshot_export", args=[snapshot.pk]), {"format": "csv"})
    assert VERIFIED in b"".join(download.streaming_content).decode("utf-8-sig")


def test_a_snapshot_of_everything_says_so_and_counts_the_waiting(world, operator, penyuluh):
    def wksbm_total(snapshot):
        table = next(table for table in snapshot.tables if table["title"] == "WKSBM menurut status")
        return sum(row[1] for row in table["rows"])

    before = [freeze_rekap(by=operator, area_code=SEMANU, title="Sebelum", verified_only=only) for only in (0, 1)]
    wksbm_create(by=penyuluh, name="WKSBM Menunggu", wilayah=Wilayah.objects.get(code=CANDIREJO_SEMANU))

    everything = freeze_rekap(by=operator, area_code=SEMANU, title="Semua")
    verified = freeze_rekap(by=operator, area_code=SEMANU, title="Terverifikasi", verified_only=True)

    assert (everything.verified_only, ALL in everything.printed_html, VERIFIED in everything.printed_html) == (
        False,
        True,
        False,
    )
    assert (wksbm_total(everything), wksbm_total(verified)) == (wksbm_total(before[0]) + 1, wksbm_total(before[1]))


def test_the_comparison_counts_the_same_data_as_the_snapshot(world, operator, penyuluh):
    snapshot = freeze_rekap(by=operator, area_code=SEMANU, title="Terverifikasi", verified_only=True)
    wksbm_create(by=penyuluh, name="WKSBM Menunggu", wilayah=Wilayah.objects.get(code=CANDIREJO_SEMANU))

    changed = list(compare_tables(snapshot.tables, current_tables(snapshot, operator)))

    # A WKSBM waiting for verification changes nothing in a rekap of verified data.
    assert {table.status for table in changed} == {"sama"}
