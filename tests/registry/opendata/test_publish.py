"""Publishing the open data: what the files hold (no person, nothing below the public level), that the figures are
the rekap's, that publishing again changes nothing, and that the timer republishes only after a change."""

import csv
import io
import json

from registry.models import OpenDataPage, OpenDataRelease
from registry.opendata.release import changed_since_release, publish_open_data
from registry.reports.area import rekap_area
from registry.reports.rekap import build_rekap
from registry.reports.snapshots import AreaReader
from registry.services.wksbm import wksbm_update
from tests.registry.opendata.conftest import set_level


def rows_of(code="34"):
    release = OpenDataRelease.objects.get(code=code)
    return list(csv.DictReader(io.StringIO(release.csv_text)))


def test_a_province_is_published_at_every_level_down_to_desa(published):
    rows = {row["kode_wilayah"]: row for row in rows_of()}

    assert len(rows) == 1 + 5 + 78 + 438
    assert [rows[code]["wksbm"] for code in ("34", "34.03", "34.03.08", "34.03.08.2004", "34.04")] == [
        "5",
        "4",
        "4",
        "2",
        "1",
    ]
    assert {k: rows["34.03.08.2004"][k] for k in ("wksbm_aktif", "wksbm_bubar", "kps_karang_taruna", "tingkat")} == {
        "wksbm_aktif": "1",
        "wksbm_bubar": "1",
        "kps_karang_taruna": "1",
        "tingkat": "desa_kelurahan",
    }
    assert (rows["34.03"]["kegiatan_penyuluhan_2024"], rows["34.03"]["peserta_penyuluhan_2025"]) == ("1", "8")
    assert (rows["34.03.08"]["kegiatan_penyuluhan_2024"], rows["34.03.08"]["kegiatan_penyuluhan_2025"]) == ("0", "1")


def test_the_figures_are_the_rekaps(published):
    """Each kabupaten's row holds the figures the province's rekap shows for it, contributed ones included."""
    rekap = build_rekap(rekap_area(AreaReader("34"), "34"))
    rows = {row["kode_wilayah"]: row for row in rows_of()}
    for line in [*rekap.rows, rekap.total]:
        row = rows[line.code]
        events = sum(int(v) for k, v in row.items() if k.startswith("kegiatan_penyuluhan_"))
        people = sum(int(v) for k, v in row.items() if k.startswith("peserta_penyuluhan_"))
        classes = sum(int(v) for k, v in row.items() if k.startswith("wksbm_kelas_"))
        assert (
            int(row["wksbm"]),
            [int(row[f"wksbm_{s}"]) for s in ("aktif", "vakum", "bubar")],
            int(row["desa_kelurahan"]),
            int(row["desa_kelurahan_dengan_wksbm_aktif"]),
            int(row["kps"]),
            events,
            people,
            classes,
        ) == (
            line.wksbm,
            [line.status[s] for s in ("aktif", "vakum", "bubar")],
            line.desa_total,
            line.desa_covered,
            line.kps,
            line.figures["events"],
            line.figures["participants"],
            line.figures["evaluated"],
        ), line.code


def test_nothing_below_the_public_level_is_published(world, client):
    set_level(2)
    publish_open_data()

    assert {row["tingkat"] for row in rows_of()} == {"provinsi", "kabupaten_kota"}
    data = json.loads(OpenDataRelease.objects.get(code="34").json_text)["data"]
    assert {row["tingkat"] for row in data} == {"provinsi", "kabupaten_kota"}
    assert set(OpenDataPage.objects.values_list("code", flat=True)) == {"", "34"}
    assert client.get("/data-terbuka/34.03/").status_code == 404
    assert client.get("/data-terbuka/34/direktori/").status_code == 404


def test_publishing_again_changes_nothing(published):
    before = OpenDataRelease.objects.order_by("code").values_list("code", "content_hash", "published_at")
    before = list(before)

    result = publish_open_data()

    assert (result.changed, sorted(result.unchanged)) == ([], ["", "34"])
    assert list(OpenDataRelease.objects.order_by("code").values_list("code", "content_hash", "published_at")) == before


def test_the_timer_republishes_after_a_change_only(published):
    assert changed_since_release() is False
    assert publish_open_data(only_if_changed=True).changed == []

    wksbm_update(by=None, wksbm=published["ngeposari"], status="aktif")

    assert changed_since_release() is True
    assert publish_open_data(only_if_changed=True).changed == ["34", ""]
    rows = {row["kode_wilayah"]: row for row in rows_of()}
    assert rows["34.03.08.2001"]["wksbm_aktif"] == "1"
    assert changed_since_release() is False
