"""The 2019 Gunungkidul penyuluhan program (the domain's worked example), entered and read back."""

import datetime
import re

from django.urls import reverse

from tests.trainings.conftest import SESSIONS, resolve_desa
from trainings.models import Penyuluhan, Program

# Kemendagri codes of the ten desa; Candirejo is the one in Semanu (34.03.08), not Semin's (34.03.12.2006).
EXPECTED_CODES = {
    ("Kampung", "Ngawen"): "34.03.13.2004",
    ("Rejosari", "Semin"): "34.03.12.2007",
    ("Salam", "Patuk"): "34.03.04.2005",
    ("Pengkok", "Patuk"): "34.03.04.2003",
    ("Wareng", "Wonosari"): "34.03.01.2010",
    ("Candirejo", "Semanu"): "34.03.08.2004",
    ("Nglindur", "Girisubo"): "34.03.16.2004",
    ("Jerukwudel", "Girisubo"): "34.03.16.2005",
    ("Grogol", "Paliyan"): "34.03.05.2003",
    ("Pampang", "Paliyan"): "34.03.05.2002",
}

# Events are listed by date, then by wilayah code.
BY_DATE_AND_CODE = sorted((day, EXPECTED_CODES[(name, kecamatan)]) for name, kecamatan, day in SESSIONS)

PROGRAM_FIGURES = {
    "events": "10",
    "participants": "400",
    "narasumber": "30",
    "formed": "10 dari target 10 (100%)",
}


def figures(html: str) -> dict[str, str]:
    """The `data-figure` values a page shows, as text."""
    return dict(re.findall(r'data-figure="([a-z]+)">([^<]*)<', html))


def test_each_desa_resolves_to_its_kemendagri_code(diy):
    resolved = {(name, kecamatan): resolve_desa(name, kecamatan).code for name, kecamatan, _ in SESSIONS}

    assert resolved == EXPECTED_CODES


def test_the_program_adds_up_to_10_events_400_participants_30_narasumber_and_its_target(gunungkidul_2019):
    program = Program.objects.with_figures().get(pk=gunungkidul_2019.pk)

    assert (
        program.event_count,
        program.participant_total,
        program.narasumber_count,
        program.formed_count,
        program.target_new_wksbm,
        program.achievement_percent,
    ) == (10, 400, 30, 10, 10, 100)


def test_every_session_had_40_participants_3_narasumber_and_formed_one_wksbm(gunungkidul_2019):
    events = Penyuluhan.objects.filter(program=gunungkidul_2019).with_totals()

    assert [(e.starts_on, e.wilayah_id, e.participant_total, e.narasumber_count, e.formed_count) for e in events] == [
        (day, code, 40, 3, 1) for day, code in BY_DATE_AND_CODE
    ]


def test_the_sessions_ran_two_a_day_from_8_to_15_august(gunungkidul_2019):
    days = list(Penyuluhan.objects.filter(program=gunungkidul_2019).values_list("starts_on", flat=True))

    assert (min(days), max(days)) == (datetime.date(2019, 8, 8), datetime.date(2019, 8, 15))
    assert sorted({days.count(day) for day in days}) == [2]


def test_the_program_page_shows_the_figures_and_the_ten_sessions(client, gunungkidul_2019, provinsi_staff):
    client.force_login(provinsi_staff)

    response = client.get(reverse("trainings:program_detail", args=[gunungkidul_2019.pk]))

    assert response.status_code == 200
    assert figures(response.content.decode()) == PROGRAM_FIGURES
    assert [(event.starts_on, event.wilayah_id) for event in response.context["report"].events] == BY_DATE_AND_CODE
    assert "Kalurahan Candirejo, Kapanewon Semanu, Kabupaten Gunungkidul" in response.content.decode()


def test_the_program_report_shows_the_same_figures_and_participants_by_unsur(client, gunungkidul_2019, provinsi_staff):
    client.force_login(provinsi_staff)

    response = client.get(reverse("trainings:program_report", args=[gunungkidul_2019.pk]))

    assert response.status_code == 200
    assert figures(response.content.decode()) == PROGRAM_FIGURES
    assert [(row.unsur.name, row.named, row.counted) for row in response.context["report"].by_unsur] == [
        ("Tokoh masyarakat", 0, 90),
        ("Tokoh agama", 0, 60),
        ("Perangkat desa", 0, 80),
        ("Pendamping PKH", 10, 0),
        ("Kader", 0, 80),
        ("TKSK", 10, 0),
        ("PSM", 20, 0),
        ("Penyuluh sosial masyarakat", 10, 0),
        ("Karang Taruna", 0, 20),
        ("PKK", 0, 20),
    ]
    assert len(response.context["report"].outcomes) == 10


def test_an_event_report_shows_its_participants_narasumber_and_the_wksbm_formed(
    client, gunungkidul_2019, provinsi_staff
):
    candirejo = Penyuluhan.objects.get(program=gunungkidul_2019, wilayah_id="34.03.08.2004")
    client.force_login(provinsi_staff)

    response = client.get(reverse("trainings:event_report", args=[candirejo.pk]))

    report = response.context["report"]
    assert figures(response.content.decode()) == {"participants": "40", "narasumber": "3", "formed": "1"}
    assert sum(row.total for row in report.by_unsur) == 40
    assert [person.name for person in report.narasumber] == ["Sri Lestari", "Bambang Riyanto", "Endang Purwaningsih"]
    assert [(o.wksbm.name, o.wksbm.wilayah_id) for o in report.outcomes] == [("WKSBM Candirejo", "34.03.08.2004")]


def test_the_attendance_sheet_lists_the_named_and_leaves_lines_for_the_counted(
    client, gunungkidul_2019, provinsi_staff
):
    kampung = Penyuluhan.objects.get(program=gunungkidul_2019, wilayah_id="34.03.13.2004")
    client.force_login(provinsi_staff)

    response = client.get(reverse("trainings:attendance_sheet", args=[kampung.pk]))

    rows = response.context["rows"]
    assert [row.number for row in rows] == list(range(1, 41))
    assert [row.peserta.name for row in rows if row.peserta] == [
        "TKSK Kampung 1",
        "PSM Kampung 1",
        "PSM Kampung 2",
        "Penyuluh sosial masyarakat Kampung 1",
        "Pendamping PKH Kampung 1",
    ]
    assert "Tanda tangan" in response.content.decode()
