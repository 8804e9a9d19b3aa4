"""Every figure of the rekap against the hand-counted world of conftest.py (the 2019 Gunungkidul program included)."""

import re

from django.urls import reverse

from registry.enums import Role
from registry.reports.area import rekap_area
from registry.reports.rekap import build_rekap
from tests.registry.reports.conftest import (
    CANDIREJO_SEMANU,
    GUNUNGKIDUL,
    NGEPOSARI,
    SEMANU,
    SEMIN,
    long_ago,
    recent,
)
from tests.trainings.conftest import COUNTED, NAMED

# Who came to the ten 2019 sessions: each session's named participants and headcounts per unsur, ten times.
UNSUR_2019 = {slug: (people * 10, 0) for slug, people in NAMED} | {slug: (0, count * 10) for slug, count in COUNTED}


def figures(html: str) -> dict[str, str]:
    """The `data-figure` values a page shows, as text."""
    return dict(re.findall(r'data-figure="([a-z-]+)">([^<]*)<', html))


def test_the_kabupaten_rekap_adds_up_to_the_hand_count(world, operator):
    rekap = build_rekap(rekap_area(operator, GUNUNGKIDUL))

    total = rekap.total
    assert (total.wksbm, total.status) == (15, {"aktif": 13, "vakum": 1, "bubar": 1})
    assert (rekap.board_complete, total.incomplete, total.dormant) == (2, 12, 11)
    assert (total.desa_covered, total.desa_total, total.coverage_percent) == (11, 144, 7)
    assert (total.kps, rekap.kps_by_kind) == (3, [("Karang Taruna", 1), ("PKK", 1), ("Posyandu", 1)])
    assert rekap.new_per_year == [(2015, 1), (2018, 1), (2019, 11), (2020, 1), (2021, 1)]
    # The penyuluhan figures are trainings' section of the rekap (registry.extensions).
    penyuluhan = rekap.sections["penyuluhan"]
    assert [(y.year, y.events, y.participants) for y in penyuluhan.events_per_year] == [(2019, 10, 400)]
    assert {row.unsur.slug: (row.named, row.counted) for row in penyuluhan.by_unsur} == UNSUR_2019
    assert [row.unsur.sort_order for row in penyuluhan.by_unsur] == sorted(
        row.unsur.sort_order for row in penyuluhan.by_unsur
    )
    assert [(y.year, y.programs, y.target, y.formed, y.percent) for y in penyuluhan.program_years] == [
        (2019, 1, 10, 10, 100)
    ]
    assert [(p.name, p.formed_count, p.achievement_percent) for p in penyuluhan.programs] == [
        ("Penyuluhan Sosial Pembentukan WKSBM Gunungkidul", 10, 100)
    ]


def test_the_money_is_summed_per_year_and_source_or_purpose(world, operator):
    rekap = build_rekap(rekap_area(operator, GUNUNGKIDUL))

    assert [(y.year, y.lines, y.amount) for y in rekap.collected] == [
        (recent().year, [("Perantau", 125_000_000, None)], 125_000_000),
        (long_ago().year, [("Swadaya", 5_000_000, None)], 5_000_000),
    ]
    assert [(y.year, y.lines, y.amount, y.beneficiaries) for y in rekap.distributed] == [
        (recent().year, [("Pendidikan", 10_000_000, 20), ("Lansia", 2_500_000, 10)], 12_500_000, 30)
    ]


def test_the_breakdown_has_one_row_per_kecamatan_summing_to_the_total(world, operator):
    rekap = build_rekap(rekap_area(operator, GUNUNGKIDUL))

    rows = {row.code: row for row in rekap.rows}
    assert len(rekap.rows) == 18
    semanu, semin = rows[SEMANU], rows[SEMIN]
    assert (semanu.wksbm, semanu.status, semanu.incomplete, semanu.dormant) == (
        5,
        {"aktif": 4, "vakum": 1, "bubar": 0},
        3,
        2,
    )
    assert (semanu.desa_covered, semanu.desa_total, semanu.coverage_percent, semanu.kps) == (2, 5, 40, 2)
    assert (semanu.figures["events"], semanu.figures["participants"]) == (1, 40)
    assert (semin.wksbm, semin.status["bubar"], semin.incomplete, semin.kps, semin.figures["events"]) == (2, 1, 1, 1, 1)
    assert sum(row.wksbm for row in rekap.rows) == rekap.total.wksbm
    assert sum(row.desa_total for row in rekap.rows) == 144


def test_the_kecamatan_drill_down_shows_its_desa_and_the_kecamatan_level_forum(world, operator):
    rekap = build_rekap(rekap_area(operator, SEMANU))

    rows = {row.code: row for row in rekap.rows}
    assert [row.code for row in rekap.rows] == [SEMANU, "34.03.08.2001", "34.03.08.2002", "34.03.08.2003"] + [
        CANDIREJO_SEMANU,
        "34.03.08.2005",
    ]
    assert (rows[SEMANU].wilayah, rows[SEMANU].wksbm) == (None, 1)
    assert (rows[CANDIREJO_SEMANU].wksbm, rows[CANDIREJO_SEMANU].kps, rows[CANDIREJO_SEMANU].figures["events"]) == (
        2,
        2,
        1,
    )
    assert (rows[NGEPOSARI].dormant, rows[NGEPOSARI].coverage_percent) == (1, 100)
    assert (rekap.total.wksbm, rekap.total.desa_total, rekap.total.desa_covered) == (5, 5, 2)
    assert [w.name for w in rekap.dormant] == ["WKSBM Ngeposari Makmur", "WKSBM Candirejo"]


def test_a_desa_lists_its_wksbm_instead_of_a_breakdown(world, operator):
    rekap = build_rekap(rekap_area(operator, CANDIREJO_SEMANU))

    assert rekap.rows == []
    assert [(w.name, w.board_complete) for w in rekap.wksbm_here] == [
        ("WKSBM Candirejo", False),
        ("WKSBM Candirejo Sejahtera", True),
    ]
    assert (rekap.total.wksbm, rekap.total.desa_total, rekap.total.desa_covered, rekap.total.coverage_percent) == (
        2,
        1,
        1,
        100,
    )


def test_the_provincial_rekap_counts_sleman_too(world, make_user):
    admin = make_user("admin-diy", Role.PROVINSI, "34")

    rekap = build_rekap(rekap_area(admin, "34"))

    assert (rekap.total.wksbm, rekap.total.kps, rekap.total.figures["events"], rekap.total.figures["participants"]) == (
        16,
        4,
        11,
        407,
    )
    assert [row.code for row in rekap.rows] == ["34.01", "34.02", "34.03", "34.04", "34.71"]
    assert rekap.collected[0].lines == [("Perantau", 1_124_000_000, None)]
    assert rekap.total.desa_total == 438


def test_the_page_shows_the_figures_in_indonesian_formats(as_operator, world):
    response = as_operator.get(reverse("rekap"), {"wilayah": GUNUNGKIDUL})

    html = response.content.decode()
    assert figures(html) == {
        "wksbm": "15",
        "coverage": "7%",
        "incomplete": "12",
        "dormant": "11",
        "status-aktif": "13",
        "status-vakum": "1",
        "status-bubar": "1",
        "networked": "0%",
        "ties": "0",
        "forums": "0",
        "events": "10",
        "participants": "400",
    }
    assert "Rp125.000.000" in html
    assert "Rp12.500.000" in html
    assert f"Keadaan per {response.context['rekap'].on.day} " in html
    assert f'href="/rekap/?wilayah={SEMANU}"' in html
