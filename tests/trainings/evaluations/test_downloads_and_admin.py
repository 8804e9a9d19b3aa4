"""The download of evaluations (only within the area), and the admin: instruments with their classes (ranges
checked across the rows sent together), evaluations with their answers, score and class computed again on save,
and the confirm action for operators."""

import datetime

from django.urls import reverse

from registry.enums import Role
from registry.models import Wilayah
from registry.services.petugas import petugas_save
from tests.admin_forms import form_data
from tests.factories import WksbmFactory
from tests.trainings.evaluations.conftest import evaluate
from trainings.evaluation_services import evaluation_confirm
from trainings.models import Evaluasi, EvaluationClass

PASSWORD = "Gunungkidul-2025!"


def download(client, code=None) -> str:
    params = {"daftar": "penilaian", "format": "csv"} | ({"wilayah": code} if code else {})
    response = client.get(reverse("rekap_list_export"), params)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_download_lists_the_evaluations_of_the_area_only(
    client, wksbm, instrument, penyuluh, operator, operator_sleman
):
    evaluate(wksbm, instrument, penyuluh)
    sleman = WksbmFactory(name="WKSBM Balecatur", wilayah=Wilayah.objects.get(code="34.04.01.2001"))
    evaluate(sleman, instrument, operator, on=datetime.date(2026, 2, 1))
    client.force_login(operator)

    text = download(client)

    assert text.splitlines()[0].lstrip("\ufeff").startswith("Kode wilayah;Wilayah;WKSBM;Instrumen;Periode;")
    assert "34.03.08.2004;" in text and ";WKSBM Candirejo;" in text and ";90;Mandiri;Diajukan;" in text
    assert "Balecatur" not in text
    client.force_login(operator_sleman)
    assert "Candirejo" not in download(client)
    assert "Balecatur" in download(client)


def admin_user(role, area):
    return petugas_save(by=None, username=f"admin-{role}", role=role, area_codes=[area], password=PASSWORD)[0]


def test_class_ranges_sent_together_may_not_overlap(client, instrument, diy):
    client.force_login(admin_user(Role.PROVINSI, "34"))
    url = reverse("admin:trainings_instrument_change", args=[instrument.pk])
    data = form_data(client.get(url))
    tumbuh, berkembang = (
        next(key[: -len("-name")] for key, value in data.items() if key.startswith("classes-") and value == name)
        for name in ("Tumbuh", "Berkembang")
    )
    # Tumbuh 0–45 and Berkembang 40–69, sent together: each row alone is fine against the stored others'.
    data[f"{tumbuh}-max_score"] = "45"
    data[f"{berkembang}-min_score"] = "40"

    response = client.post(url, data)

    assert response.status_code == 200
    assert "tidak boleh tumpang tindih" in response.content.decode()
    stored = EvaluationClass.objects.filter(instrument=instrument).order_by("min_score")
    assert list(stored.values_list("min_score", "max_score")) == [(0, 39), (40, 69), (70, 90)]


def test_the_admin_confirm_action_is_the_operators(client, wksbm, instrument, penyuluh):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    changelist = reverse("admin:trainings_evaluasi_changelist")
    client.force_login(admin_user(Role.PIMPINAN, "34.03"))
    action_form = client.get(changelist).context["action_form"]
    assert action_form is None or "confirm_selected" not in str(action_form.fields["action"].choices)
    operator = admin_user(Role.KABUPATEN, "34.03")

    client.force_login(operator)
    response = client.post(changelist, {"action": "confirm_selected", "_selected_action": [evaluasi.pk]})

    assert response.status_code == 302
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.confirmed_by) == ("dikonfirmasi", operator)


def test_saving_in_the_admin_computes_the_score_again_and_an_operators_change_stays_confirmed(
    client, wksbm, instrument, penyuluh
):
    operator = admin_user(Role.KABUPATEN, "34.03")
    evaluasi = evaluation_confirm(by=operator, evaluasi=evaluate(wksbm, instrument, penyuluh))
    client.force_login(operator)
    url = reverse("admin:trainings_evaluasi_change", args=[evaluasi.pk])
    data = form_data(client.get(url))
    first = evaluasi.answers.order_by("indicator__aspect__order", "indicator__order").first()
    (field,) = [key for key, value in data.items() if key.endswith("-id") and value == str(first.pk)]
    data[field.replace("-id", "-option")] = str(list(first.indicator.options.all())[-1].pk)

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    evaluasi.refresh_from_db()
    # What an operator changes is verified on entry: the evaluation needs no confirming again.
    assert (evaluasi.score, evaluasi.evaluation_class.name, evaluasi.status) == (80, "Mandiri", "dikonfirmasi")
    assert Evaluasi.history.filter(id=evaluasi.pk).first().history_user == operator
