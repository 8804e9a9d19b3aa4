"""An evaluation is returned to its assessor with a reason from its confirm page (one workflow with the
verification queue): the reason is required, shown on the evaluation and the WKSBM page, and the penyuluh sends it
again by changing it or unchanged; the admin's action confirms through the queue."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from registry.enums import VerificationState
from registry.models import VerificationItem
from tests.trainings.evaluations.conftest import evaluate

pytestmark = pytest.mark.django_db


def test_the_operator_returns_an_evaluation_with_a_reason(client, wksbm, instrument, penyuluh, operator):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    confirm = reverse("trainings:evaluation_confirm", args=[evaluasi.pk])
    client.force_login(operator)

    missing = client.post(confirm, {"aksi": "kembalikan", "alasan": "  "})
    assert missing.status_code == 400
    assert "Tulis alasan data ini dikembalikan" in missing.content.decode()
    evaluasi.refresh_from_db()
    assert evaluasi.status == "diajukan"

    returned = client.post(confirm, {"aksi": "kembalikan", "alasan": "Skor indikator 3 tidak sesuai bukti."})

    assert returned["Location"] == reverse("trainings:evaluation_detail", args=[evaluasi.pk])
    evaluasi.refresh_from_db()
    assert evaluasi.status == "dikembalikan"
    item = VerificationItem.objects.of_record(evaluasi).get()
    assert (item.state, item.decided_by) == (VerificationState.DIKEMBALIKAN, operator)
    detail = client.get(returned["Location"]).content.decode()
    assert "Skor indikator 3 tidak sesuai bukti." in detail
    assert "Konfirmasi penilaian" not in detail, "a returned evaluation waits for its assessor, not the operator"


def test_the_penyuluh_reads_the_reason_and_sends_the_evaluation_again(client, wksbm, instrument, penyuluh, operator):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    client.force_login(operator)
    client.post(
        reverse("trainings:evaluation_confirm", args=[evaluasi.pk]), {"aksi": "kembalikan", "alasan": "Cek tanggal."}
    )
    item = VerificationItem.objects.of_record(evaluasi).get()
    client.force_login(penyuluh)

    detail = client.get(reverse("trainings:evaluation_detail", args=[evaluasi.pk])).content.decode()
    on_wksbm = client.get(reverse("wksbm_detail", args=[wksbm.pk])).content.decode()
    assert "Cek tanggal." in detail and "Cek tanggal." in on_wksbm
    client.post(reverse("verification_send_again", args=[item.pk]))

    evaluasi.refresh_from_db()
    assert evaluasi.status == "diajukan"
    client.force_login(operator)
    assert client.post(reverse("trainings:evaluation_confirm", args=[evaluasi.pk])).status_code == 302
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.confirmed_by) == ("dikonfirmasi", operator)


def test_the_admin_action_confirms_through_the_queue(client, wksbm, instrument, penyuluh, operator):
    evaluasi = evaluate(wksbm, instrument, penyuluh)
    operator.is_staff = True
    operator.save()
    client.force_login(operator)

    client.post(
        reverse("admin:trainings_evaluasi_changelist"),
        {"action": "confirm_selected", ACTION_CHECKBOX_NAME: [evaluasi.pk]},
    )

    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.confirmed_by) == ("dikonfirmasi", operator)
    assert VerificationItem.objects.of_record(evaluasi).get().state == VerificationState.TERVERIFIKASI
