"""The field's evaluation pages: "Nilai WKSBM" pre-filled from the registry, overriding with a note, sending twice,
editing over someone else's change, confirming (operators only), scoping and the printed sheet."""

import datetime

import pytest
from django.urls import reverse

from registry.enums import Role
from registry.models import PengurusRole
from tests.factories import PengurusFactory
from tests.trainings.conftest import user_with_role
from tests.trainings.evaluations.conftest import evaluate
from trainings.models import Evaluasi
from trainings.models.evaluation import Fact


def create_url(wksbm):
    return reverse("trainings:evaluation_create", args=[wksbm.pk])


def opened(client, url) -> dict:
    """The form's values as the page opens it, with the first option chosen for each indicator the registry's
    facts do not answer (what a user sends choosing only those)."""
    response = client.get(url)
    assert response.status_code == 200
    return opened_from(response)


def sent(data: dict) -> dict:
    return {name: value.isoformat() if isinstance(value, datetime.date) else value for name, value in data.items()}


def indicator_of(evaluasi_or_form, fact):
    return next(i for i in evaluasi_or_form.indicators if i.fact == fact)


def test_nilai_wksbm_opens_with_answers_prefilled_from_the_registry(client, wksbm, instrument, penyuluh):
    PengurusFactory(wksbm=wksbm, role=PengurusRole.objects.get(slug="ketua"))
    PengurusFactory(wksbm=wksbm, role=PengurusRole.objects.get(slug="sekretaris"))
    client.force_login(penyuluh)

    response = client.get(create_url(wksbm))

    form = response.context["form"]
    board = indicator_of(form, Fact.BOARD_COMPLETE)
    sk = indicator_of(form, Fact.SK_PRESENT)
    assert form[f"jawaban_{board.pk}"].value() == board.options.get(label="Lengkap").pk
    assert form[f"jawaban_{sk.pk}"].value() == sk.options.get(label="Tidak ada").pk
    html = response.content.decode()
    # The registry knows all five facts here: no SK, a complete board, 7 years since formation without a report,
    # no funds this year, none of the 2 pengurus trained. The other four indicators are the assessor's to answer.
    assert html.count('<span class="badge">dari data registri</span>') == len(form.prefilled) == 5
    assert "Contoh — sesuaikan sebelum dipakai" in html
    assert f"Periode <strong>{response.context['period']}</strong>" in html


def test_saving_records_the_evaluation_with_its_score_and_class_shown(client, wksbm, instrument, penyuluh):
    client.force_login(penyuluh)
    data = opened(client, create_url(wksbm))

    response = client.post(create_url(wksbm), sent(data), follow=True)

    evaluasi = Evaluasi.objects.get(wksbm=wksbm)
    assert response.redirect_chain[-1][0] == reverse("trainings:evaluation_detail", args=[evaluasi.pk])
    html = response.content.decode()
    assert f'data-figure="score"><strong>{evaluasi.score}</strong>' in html
    assert f'data-figure="class"><strong>{evaluasi.evaluation_class.name}</strong>' in html
    assert "menunggu konfirmasi" in html
    assert evaluasi.assessor == penyuluh
    assert evaluasi.answers.count() == 9


def test_overriding_a_prefilled_answer_asks_for_a_note(client, wksbm, instrument, penyuluh):
    client.force_login(penyuluh)
    data = opened(client, create_url(wksbm))
    form = client.get(create_url(wksbm)).context["form"]
    sk = indicator_of(form, Fact.SK_PRESENT)
    data[f"jawaban_{sk.pk}"] = sk.options.get(label="Ada").pk

    refused = client.post(create_url(wksbm), sent(data))

    assert refused.status_code == 200
    assert refused.context["form"].errors[f"catatan_{sk.pk}"] == [
        "Jawaban berbeda dari data registri: tulis catatan alasannya."
    ]
    assert not Evaluasi.objects.exists()
    data[f"catatan_{sk.pk}"] = "SK asli disimpan kepala desa; salinan sudah dilihat."
    assert client.post(create_url(wksbm), sent(data)).status_code == 302
    answer = Evaluasi.objects.get().answers.get(indicator=sk)
    assert (answer.option.label, answer.prefilled_option.label, answer.overrides_prefill) == ("Ada", "Tidak ada", True)


def test_an_answer_outside_the_indicator_s_options_is_refused(client, wksbm, instrument, penyuluh):
    client.force_login(penyuluh)
    data = opened(client, create_url(wksbm))
    form = client.get(create_url(wksbm)).context["form"]
    first, second = form.indicators[:2]
    data[f"jawaban_{first.pk}"] = second.options.first().pk

    refused = client.post(create_url(wksbm), sent(data))

    assert refused.context["form"].errors[f"jawaban_{first.pk}"] == ["Pilih jawaban dari pilihan indikator ini."]
    assert not Evaluasi.objects.exists()


def test_sending_the_form_twice_records_one_evaluation(client, wksbm, instrument, penyuluh):
    client.force_login(penyuluh)
    data = sent(opened(client, create_url(wksbm)))

    first = client.post(create_url(wksbm), data)
    second = client.post(create_url(wksbm), data)

    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    assert Evaluasi.objects.count() == 1


def test_a_second_evaluation_in_the_same_period_is_refused_next_to_the_date(client, wksbm, instrument, penyuluh):
    evaluate(wksbm, instrument, penyuluh, on=datetime.date(2026, 1, 2))
    client.force_login(penyuluh)
    data = opened(client, create_url(wksbm))
    data["evaluated_on"] = datetime.date(2026, 2, 2)

    refused = client.post(create_url(wksbm), sent(data))

    assert refused.status_code == 200
    assert "sudah dinilai" in refused.context["form"].errors["evaluated_on"][0]
    assert Evaluasi.objects.count() == 1


def test_editing_over_someone_else_s_confirmation_shows_a_conflict(client, wksbm, instrument, penyuluh, operator):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    edit = reverse("trainings:evaluation_edit", args=[evaluasi.pk])
    client.force_login(penyuluh)
    data = opened(client, edit)
    data["notes"] = "Dinilai bersama ketua."
    client.force_login(operator)
    assert client.post(reverse("trainings:evaluation_confirm", args=[evaluasi.pk])).status_code == 302
    client.force_login(penyuluh)

    conflict = client.post(edit, sent(data))

    assert conflict.status_code == 409
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.notes) == ("dikonfirmasi", "")
    again = sent(opened_from(conflict))
    assert client.post(edit, again).status_code == 302
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.notes) == ("diajukan", "Dinilai bersama ketua.")


def opened_from(response) -> dict:
    form = response.context["form"]
    data = {name: ("" if form[name].value() is None else form[name].value()) for name in form.fields}
    for name, field in form.fields.items():
        if name.startswith("jawaban_") and data[name] == "":
            data[name] = field.choices[0][0]
    return data


def test_the_operator_confirms_and_the_penyuluh_may_not(client, wksbm, instrument, penyuluh, operator):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    confirm = reverse("trainings:evaluation_confirm", args=[evaluasi.pk])
    client.force_login(penyuluh)
    assert client.get(confirm).status_code == 403
    assert client.post(confirm).status_code == 403
    detail = client.get(reverse("trainings:evaluation_detail", args=[evaluasi.pk])).content.decode()
    assert "Konfirmasi penilaian" not in detail
    evaluasi.refresh_from_db()
    assert evaluasi.status == "diajukan"

    client.force_login(operator)
    assert (
        "Konfirmasi penilaian"
        in client.get(reverse("trainings:evaluation_detail", args=[evaluasi.pk])).content.decode()
    )
    assert client.post(confirm).status_code == 302

    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.confirmed_by) == ("dikonfirmasi", operator)
    assert evaluasi.history.first().history_user == operator


@pytest.mark.parametrize("name", ["evaluation_detail", "evaluation_edit", "evaluation_confirm", "evaluation_sheet"])
def test_an_evaluation_outside_the_area_answers_404(client, wksbm, instrument, penyuluh, operator_sleman, name):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    client.force_login(operator_sleman)
    url = reverse(f"trainings:{name}", args=[evaluasi.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert client.get(create_url(wksbm)).status_code == 404


def test_the_printed_sheet_carries_the_kop_the_answers_and_the_signature(client, wksbm, instrument, penyuluh):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    client.force_login(penyuluh)

    response = client.get(reverse("trainings:evaluation_sheet", args=[evaluasi.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="letterhead-line"' in html
    assert "Lembar Penilaian WKSBM" in html
    assert html.count('<tr><td class="num">') == 9
    assert 'data-figure="score">90<' in html
    assert 'data-figure="class">Mandiri<' in html
    assert "print.css" in html
    assert response.context["signature"] is not None


def test_the_profil_links_to_nilai_wksbm_for_those_who_may(client, wksbm, instrument, penyuluh, diy):
    evaluate(wksbm, instrument, penyuluh)
    profile = reverse("wksbm_profile", args=[wksbm.pk])
    client.force_login(penyuluh)
    html = client.get(profile).content.decode()
    assert create_url(wksbm) in html
    assert "Penilaian WKSBM" in html and ">2026</a>" in html
    client.force_login(user_with_role("pimpinan-gk", Role.PIMPINAN, "34.03"))
    assert create_url(wksbm) not in client.get(profile).content.decode()


def test_the_wksbm_page_shows_its_evaluations_and_offers_nilai_wksbm_to_those_who_evaluate(
    client, wksbm, instrument, penyuluh
):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    pimpinan = user_with_role("pimpinan_gk", Role.PIMPINAN, "34.03")
    url = reverse("wksbm_detail", args=[wksbm.pk])

    client.force_login(penyuluh)
    own = client.get(url).content.decode()
    client.force_login(pimpinan)
    read_only = client.get(url).content.decode()

    shown = f"Periode {evaluasi.period}</a>: {evaluasi.evaluation_class.name}"
    assert shown in own and shown in read_only
    assert reverse("trainings:evaluation_detail", args=[evaluasi.pk]) in read_only
    assert reverse("trainings:evaluation_create", args=[wksbm.pk]) in own
    assert reverse("trainings:evaluation_create", args=[wksbm.pk]) not in read_only
