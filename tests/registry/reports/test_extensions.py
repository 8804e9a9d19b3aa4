"""The registry's extension points: the rekap, its downloads and the Profil show the sections other apps register
(trainings' penyuluhan), where they belong and at no extra query; without them the registry's own pages stand
alone, with nothing of penyuluhan left over."""

import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from registry import extensions
from tests.registry.reports.conftest import GUNUNGKIDUL
from tests.registry.reports.test_queries import query_count

TRAININGS_ENTRIES = [
    (extensions.rekap_sections, "penyuluhan"),
    (extensions.area_lists, "kegiatan"),
    (extensions.area_lists, "program"),
    (extensions.profile_sections, "penyuluhan"),
    (extensions.home_links, "penyuluhan"),
    (extensions.area_lists, "pengurus-inti-belum-pelatihan"),
    (extensions.pengurus_links, "pelatihan"),
    (extensions.rekap_sections, "penilaian"),
    (extensions.area_lists, "penilaian"),
    (extensions.profile_sections, "penilaian"),
    (extensions.area_lists, "kunjungan"),
    (extensions.area_lists, "tindak-lanjut"),
    (extensions.profile_sections, "kunjungan"),
]


@pytest.fixture
def without_trainings():
    """The registry as it stands when no app contributes (trainings' entries unregistered, then restored)."""
    saved = [(registry, registry[key]) for registry, key in TRAININGS_ENTRIES]
    for registry, key in TRAININGS_ENTRIES:
        registry.unregister(key)
    yield saved
    for registry, entry in saved:
        registry.register(entry)


def sheets(response) -> dict[str, list[tuple]]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_trainings_registers_its_sections_in_its_app_config():
    assert [(key, entry.template) for key, entry in extensions.rekap_sections.items()] == [
        ("jejaring", "registry/network/rekap_section.html"),
        ("penyuluhan", "trainings/rekap_section.html"),
        ("penilaian", "trainings/evaluation_rekap_section.html"),
    ]
    assert list(extensions.area_lists) == [
        "wksbm",
        "kps",
        "mungkin-vakum",
        "desa-tanpa-wksbm-aktif",
        "kegiatan",
        "program",
        "pengurus-inti-belum-pelatihan",
        "kunjungan",
        "tindak-lanjut",
        "penilaian",
    ]
    assert list(extensions.pengurus_links) == ["pelatihan"]
    assert [(key, entry.template) for key, entry in extensions.profile_sections.items()] == [
        ("jejaring", "registry/network/profile_section.html"),
        ("penyuluhan", "trainings/profile_section.html"),
        ("kunjungan", "trainings/visit_profile_section.html"),
        ("penilaian", "trainings/evaluation_profile_section.html"),
    ]
    assert list(extensions.scale_seeders) == ["penyuluhan", "kunjungan", "penilaian"]
    assert [(link.url_name, str(link.label)) for link in extensions.home_links.values()] == [
        ("verification_queue", "Verifikasi data"),  # the registry's own, before the apps'
        ("pemutakhiran_list", "Pemutakhiran data"),
        ("penyuluhan_list", "Kegiatan penyuluhan di wilayah saya"),
        ("trainings:uji_petik_list", "Uji petik"),
    ]


def test_the_penyuluhan_section_sits_between_the_kps_and_the_money(as_operator, world):
    html = as_operator.get(reverse("rekap"), {"wilayah": GUNUNGKIDUL}).content.decode()

    positions = [html.index(f'<section id="{name}"') for name in ("wksbm", "per-wilayah", "kps", "penyuluhan", "dana")]
    assert positions == sorted(positions)
    assert html.count('<th class="num">Kegiatan penyuluhan</th>') == 1


def test_the_profil_letters_the_penyuluhan_section_after_the_registry_s_own(as_operator, world):
    html = as_operator.get(reverse("wksbm_profile", args=[world["candirejo"].pk])).content.decode()

    headings = [line.split(">", 1)[1][:40] for line in html.splitlines() if line.startswith("<h3>")]
    assert [heading[:2] for heading in headings] == ["A.", "B.", "C.", "D.", "E.", "F.", "G."]
    assert headings[3].startswith("D. Jejaring")
    assert headings[4].startswith("E. Riwayat penyuluhan di ")
    assert headings[5].startswith("F. Riwayat kunjungan")
    assert headings[6].startswith("G. Penilaian WKSBM")


def test_without_contributed_sections_the_registry_pages_show_only_their_own(as_operator, world, without_trainings):
    rekap = as_operator.get(reverse("rekap"), {"wilayah": GUNUNGKIDUL})
    html = rekap.content.decode()
    workbook = sheets(as_operator.get(reverse("rekap_export"), {"wilayah": GUNUNGKIDUL, "format": "xlsx"}))
    profil = as_operator.get(reverse("wksbm_profile", args=[world["candirejo"].pk])).content.decode()
    events = as_operator.get(reverse("rekap_list_export"), {"daftar": "kegiatan", "format": "csv"})
    home = as_operator.get(reverse("home")).content.decode()

    assert rekap.status_code == 200
    # The registry's own network section (registry.network.rekap) stays: it is no other app's.
    assert (rekap.context["rekap"].total.wksbm, list(rekap.context["rekap"].sections)) == (15, ["jejaring"])
    assert ('id="penyuluhan"' in html, "Kegiatan penyuluhan" in html, "rekap_list_export?daftar=kegiatan" in html) == (
        False,
        False,
        False,
    )
    assert list(workbook) == [
        "Keterangan",
        "Rekap per wilayah",
        "WKSBM menurut status",
        "Kepengurusan WKSBM tidak bubar",
        "KPS menurut jenis",
        "WKSBM baru per tahun",
        "Jejaring menurut jenis mitra",
        "Dana terhimpun per jenis mitra",
        "Rujukan menurut jenis mitra",
        "Forum Komunikasi WKSBM",
        "Dana terhimpun",
        "Bantuan tersalur",
    ]
    assert workbook["Rekap per wilayah"][0][-2:] == ("KPS", "Persen berjejaring")
    assert workbook["Rekap per wilayah"][-1][:3] == ("34.03", "Jumlah Kabupaten Gunungkidul", 15)
    assert ("Riwayat penyuluhan" in profil, "C. Kegiatan dan dana terakhir" in profil) == (False, True)
    assert events.status_code == 404
    assert ("Kegiatan penyuluhan di wilayah saya" in home, "Wilayah saya" in home) == (False, True)


def test_the_contributed_section_costs_its_own_reads_and_nothing_more(as_operator, world, without_trainings):
    alone = query_count(as_operator, reverse("rekap"), {"wilayah": GUNUNGKIDUL})
    for registry, entry in without_trainings:
        registry.register(entry)
    with_trainings = query_count(as_operator, reverse("rekap"), {"wilayah": GUNUNGKIDUL})

    # trainings' section reads the events per row and year, the programs, and the participants per unsur (named,
    # counted, the unsur list): five reads, as when the rekap made them itself (test_exact_queries.py); the
    # evaluation section its counts per class (one read while nothing is confirmed, as here).
    assert with_trainings - alone == 6


class Entry:
    def __init__(self, key: str, order: int):
        self.key, self.order = key, order


@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(-5, 5)), max_size=20))
def test_a_registry_keeps_the_last_entry_per_key_in_order_then_key(entries):
    registry = extensions.Registry()
    for key, order in entries:
        registry.register(Entry(key, order))

    last = dict(entries)
    assert list(registry) == sorted(last, key=lambda key: (last[key], key))
    assert {key: registry[key].order for key in registry} == last
    assert len(registry) == len(last)
