"""The evaluation section of the rekap: only confirmed evaluations count, the classes per wilayah of the latest
period with the change since the previous one, the WKSBM that dropped a class, the download, and a fixed number
of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.models import Wilayah
from tests.factories import WksbmFactory
from tests.trainings.evaluations.conftest import evaluate
from trainings import evaluation_services as services
from trainings.models import Evaluasi
from trainings.models.evaluation import EvaluationStatus

LAST_YEAR, THIS_YEAR = datetime.date(2025, 10, 1), datetime.date(2026, 3, 1)
MANDIRI = lambda options: options[0]  # noqa: E731 — 90 points
TUMBUH = lambda options: options[-1]  # noqa: E731 — 0 points
BERKEMBANG = lambda options: options[0] if len(options) == 2 else options[1]  # noqa: E731 — 55 points


def forum(code, name):
    return WksbmFactory(name=name, wilayah=Wilayah.objects.get(code=code))


def confirmed(wksbm, instrument, by, operator, on, pick):
    return services.evaluation_confirm(by=operator, evaluasi=evaluate(wksbm, instrument, by, on=on, pick=pick))


@pytest.fixture
def evaluated(diy, instrument, penyuluh, operator, operator_sleman):
    """Candirejo fell from Mandiri to Tumbuh; Ngeposari rose from Berkembang to Mandiri; Candirejo (Semin) is
    Berkembang last year and only submitted this year; Balecatur (Sleman) fell too, outside Gunungkidul."""
    candirejo = forum("34.03.08.2004", "WKSBM Candirejo")
    ngeposari = forum("34.03.08.2001", "WKSBM Ngeposari")
    semin = forum("34.03.12.2006", "WKSBM Candirejo Semin")
    balecatur = forum("34.04.01.2001", "WKSBM Balecatur")
    confirmed(candirejo, instrument, penyuluh, operator, LAST_YEAR, MANDIRI)
    confirmed(candirejo, instrument, penyuluh, operator, THIS_YEAR, TUMBUH)
    confirmed(ngeposari, instrument, penyuluh, operator, LAST_YEAR, BERKEMBANG)
    confirmed(ngeposari, instrument, penyuluh, operator, THIS_YEAR, MANDIRI)
    confirmed(semin, instrument, penyuluh, operator, LAST_YEAR, BERKEMBANG)
    evaluate(semin, instrument, penyuluh, on=THIS_YEAR, pick=TUMBUH)
    # An operator's own evaluations are confirmed on entry.
    evaluate(balecatur, instrument, operator_sleman, on=LAST_YEAR, pick=MANDIRI)
    evaluate(balecatur, instrument, operator_sleman, on=THIS_YEAR, pick=TUMBUH)
    return {"candirejo": candirejo, "ngeposari": ngeposari, "semin": semin, "balecatur": balecatur}


def section(client, code="34.03"):
    response = client.get(reverse("rekap"), {"wilayah": code})
    assert response.status_code == 200
    return response, response.context["rekap"].sections["penilaian"]


def test_classes_per_wilayah_count_confirmed_evaluations_of_the_latest_period(client, evaluated, operator):
    client.force_login(operator)
    response, data = section(client)

    assert (data.period, data.previous) == ("2026", "2025")
    assert [c.name for c in data.classes] == ["Tumbuh", "Berkembang", "Mandiri"]
    # Semin's submitted evaluation of 2026 does not count; Sleman lies outside.
    assert [(w.code, w.counts) for w in data.by_wilayah] == [("34.03.08", [1, 0, 1])]
    assert data.totals == [1, 0, 1]
    assert [(c.name, c.before, c.now, c.delta) for c in data.change] == [
        ("Tumbuh", 0, 1, 1),
        ("Berkembang", 2, 0, -2),
        ("Mandiri", 1, 1, 0),
    ]
    html = response.content.decode()
    assert '<section id="penilaian"' in html
    assert f'href="{reverse("rekap")}?wilayah=34.03.08">' in html


def test_only_confirmed_evaluations_count(client, evaluated, operator, instrument):
    client.force_login(operator)
    submitted = Evaluasi.objects.get(wksbm=evaluated["semin"], status=EvaluationStatus.DIAJUKAN)
    services.evaluation_confirm(by=operator, evaluasi=submitted)
    _response, data = section(client)
    assert [(w.code, w.counts) for w in data.by_wilayah] == [("34.03.08", [1, 0, 1]), ("34.03.12", [1, 0, 0])]
    assert [d.name for d in data.all_dropped] == ["WKSBM Candirejo", "WKSBM Candirejo Semin"]


def test_the_wksbm_that_dropped_a_class_are_listed(client, evaluated, operator):
    client.force_login(operator)
    response, data = section(client)

    assert data.dropped_count == 1
    (dropped,) = data.dropped
    assert (dropped.name, dropped.before_class, dropped.before_period, dropped.now_class, dropped.now_period) == (
        "WKSBM Candirejo",
        "Mandiri",
        "2025",
        "Tumbuh",
        "2026",
    )
    assert "Semanu" in dropped.place
    assert response.context["rekap"].total.figures["dropped"] == 1
    assert response.context["rekap"].total.figures["evaluated"] == 2


def test_the_province_sees_both_kabupaten(client, evaluated, diy):
    from registry.enums import Role
    from tests.trainings.conftest import user_with_role

    client.force_login(user_with_role("admin-diy", Role.PROVINSI, "34"))
    _response, data = section(client, "34")
    assert [(w.code, w.counts) for w in data.by_wilayah] == [("34.03", [1, 0, 1]), ("34.04", [1, 0, 0])]
    assert sorted(d.name for d in data.all_dropped) == ["WKSBM Balecatur", "WKSBM Candirejo"]


def test_the_rekap_download_carries_the_section_s_tables(client, evaluated, operator):
    client.force_login(operator)
    response = client.get(reverse("rekap_export"), {"wilayah": "34.03", "format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")

    assert "Kelas per wilayah 2026\r\nKode wilayah;Wilayah;Kelas tumbuh;Kelas berkembang;Kelas mandiri;Jumlah" in text
    assert "34.03.08;Kapanewon Semanu;1;0;1;2\r\n" in text
    assert "WKSBM yang turun kelas" in text
    assert "WKSBM Candirejo;" in text
    assert "Balecatur" not in text


def test_the_section_costs_the_same_queries_for_few_and_many(client, evaluated, operator, instrument, penyuluh):
    client.force_login(operator)
    url = reverse("rekap")
    client.get(url, {"wilayah": "34.03"})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"wilayah": "34.03"})
    for number in range(6):
        wksbm = forum("34.03.01.2001", f"WKSBM Tambahan {number}")
        confirmed(wksbm, instrument, penyuluh, operator, LAST_YEAR, MANDIRI)
        confirmed(wksbm, instrument, penyuluh, operator, THIS_YEAR, TUMBUH)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"wilayah": "34.03"})
    assert response.context["rekap"].sections["penilaian"].dropped_count == 7
    assert len(many) == len(few)
