"""Freezing a rekap (`registry.reports.snapshots.freeze_rekap`): what is stored, who froze it and when, the rules
(within the area, a title), a snapshot that never changes, and its print and download unchanged, byte for byte,
after the registry's records change and after the rekap's sections change."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from registry import extensions
from registry.enums import WksbmStatus
from registry.exports.files import Table
from registry.models import ActivityKind, FundSource, RekapSnapshot, Wilayah
from registry.reports.area import rekap_area
from registry.reports.rekap import build_rekap
from registry.reports.snapshots import encode_tables, freeze_rekap
from registry.reports.tables import rekap_tables
from registry.services.wksbm import report_create
from tests.factories import WksbmFactory
from tests.registry.reports.conftest import CANDIREJO_SEMANU, recent, ref
from tests.registry.snapshots.conftest import GUNUNGKIDUL, SEMANU, SLEMAN, client_of

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def body(response) -> bytes:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return CSRF.sub(b"", content)


def cells(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_freezing_stores_the_printed_rekap_and_the_download_with_who_and_when(world, operator):
    snapshot = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title=" Rekap Pemutakhiran 2027 ", note="Dikirim.")

    stored = RekapSnapshot.objects.get(pk=snapshot.pk)
    tables = encode_tables(rekap_tables(build_rekap(rekap_area(operator, GUNUNGKIDUL))))
    assert (stored.wilayah_id, stored.title, stored.note, stored.frozen_by, stored.frozen_by_name) == (
        GUNUNGKIDUL,
        "Rekap Pemutakhiran 2027",
        "Dikirim.",
        operator,
        operator.username,
    )
    assert stored.tables == tables
    assert "Rekap WKSBM Kabupaten Gunungkidul" in stored.printed_html
    assert [(h.history_type, h.history_user) for h in stored.history.all()] == [("+", operator)]


def test_a_snapshot_prints_and_downloads_byte_identical_after_the_records_change(world, operator):
    client = client_of(operator)
    snapshot = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title="Rekap Pemutakhiran 2027")
    urls = [
        reverse("rekap_snapshot", args=[snapshot.pk]),
        reverse("rekap_snapshot_print", args=[snapshot.pk]),
        reverse("rekap_snapshot_export", args=[snapshot.pk]) + "?format=csv",
    ]
    before = [body(client.get(url)) for url in urls]
    workbook_before = cells(body(client.get(reverse("rekap_snapshot_export", args=[snapshot.pk]))))

    world["dadapayu"].status = WksbmStatus.AKTIF
    world["dadapayu"].save()
    world["semin"].delete()
    WksbmFactory(name="WKSBM Baru Sesudahnya", wilayah=Wilayah.objects.get(code=CANDIREJO_SEMANU))
    report_create(
        by=None,
        wksbm=world["candirejo"],
        date=recent(),
        kind=ref(ActivityKind, "penghimpunan-dana"),
        collected=[(ref(FundSource, "swadaya"), 7_000_000)],
    )

    assert [body(client.get(url)) for url in urls] == before
    assert cells(body(client.get(reverse("rekap_snapshot_export", args=[snapshot.pk])))) == workbook_before
    # The live rekap did change: the snapshot is not merely the same figures read again.
    assert encode_tables(rekap_tables(build_rekap(rekap_area(operator, GUNUNGKIDUL)))) != snapshot.tables


@pytest.fixture
def extra_section():
    """A rekap section registered after freezing (as a change of the rekap's code would add one), then removed."""
    section = extensions.RekapSection(
        key="uji-tambahan",
        title="Bagian tambahan",
        order=99,
        template="registry/reports/_snapshot_banner.html",
        build=lambda area, row: None,
        tables=lambda data: [Table("Tabel tambahan", ["angka"], [{"angka": 1}])],
    )
    yield section
    extensions.rekap_sections.unregister(section.key)


def test_a_snapshot_downloads_the_same_after_the_rekap_s_sections_change(world, operator, extra_section):
    client = client_of(operator)
    snapshot = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title="Rekap Pemutakhiran 2027")
    url = reverse("rekap_snapshot_export", args=[snapshot.pk]) + "?format=csv"
    before = body(client.get(url))

    extensions.rekap_sections.register(extra_section)

    assert body(client.get(url)) == before
    live = body(client.get(reverse("rekap_export"), {"wilayah": GUNUNGKIDUL, "format": "csv"}))
    assert (b"Tabel tambahan" in live, b"Tabel tambahan" in before) == (True, False)


def test_a_snapshot_refuses_a_second_save(world, operator):
    snapshot = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title="Rekap Pemutakhiran 2027")
    snapshot.title = "Diubah"
    snapshot.tables = []

    with pytest.raises(ValidationError) as refused:
        snapshot.save()

    assert refused.value.messages == ["Rekap yang sudah dibekukan tidak dapat diubah."]
    stored = RekapSnapshot.objects.get(pk=snapshot.pk)
    assert (stored.title, stored.history.count()) == ("Rekap Pemutakhiran 2027", 1)


@pytest.mark.parametrize(
    ("area_code", "title", "message"),
    [
        (SLEMAN, "Rekap Sleman", "Wilayah ini di luar wilayah kerja Anda."),
        ("34", "Rekap DIY", "Wilayah ini di luar wilayah kerja Anda."),
        ("34.03.99", "Rekap", "Wilayah ini di luar wilayah kerja Anda."),
        (SEMANU, "   ", "Isi judul rekap beku."),
        ("", "Rekap", "Pilih satu wilayah untuk dibekukan."),
    ],
)
def test_freezing_refuses_outside_the_area_or_without_a_title(world, operator, area_code, title, message):
    with pytest.raises(ValidationError) as refused:
        freeze_rekap(by=operator, area_code=area_code, title=title)

    assert (refused.value.messages, RekapSnapshot.objects.count()) == ([message], 0)


def test_the_command_freezes_for_the_close_of_a_period(world, provinsi, capsys):
    call_command("freeze_rekap", wilayah=GUNUNGKIDUL, title="Rekap Pemutakhiran 2027", user=provinsi.username)

    snapshot = RekapSnapshot.objects.get()
    assert (snapshot.wilayah_id, snapshot.frozen_by, snapshot.title) == (
        GUNUNGKIDUL,
        provinsi,
        "Rekap Pemutakhiran 2027",
    )
    assert f"(nomor {snapshot.pk})" in capsys.readouterr().out
    assert snapshot.frozen_at.date() >= datetime.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("who", "area_code", "message"),
    [
        ("tidak-ada", GUNUNGKIDUL, "Petugas tidak-ada tidak ada atau tidak aktif."),
        ("penyuluh-semanu", SEMANU, "Petugas penyuluh-semanu tidak berwenang membekukan rekap."),
        ("operator-gk", SLEMAN, "Wilayah ini di luar wilayah kerja Anda."),
    ],
)
def test_the_command_refuses_with_an_indonesian_message(world, operator, penyuluh, who, area_code, message):
    with pytest.raises(CommandError) as refused:
        call_command("freeze_rekap", wilayah=area_code, title="Rekap", user=who)

    assert (str(refused.value), RekapSnapshot.objects.count()) == (message, 0)
