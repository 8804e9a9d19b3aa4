"""The evaluation pages open and save (smoke)."""

import datetime

from django.urls import reverse

from tests.trainings.evaluations.conftest import evaluate


def test_pages_open(client, wksbm, instrument, penyuluh, operator):
    client.force_login(penyuluh)
    response = client.get(reverse("trainings:evaluation_create", args=[wksbm.pk]))
    assert response.status_code == 200, response.content[:3000]
    evaluasi = evaluate(wksbm, instrument, penyuluh, on=datetime.date(2026, 1, 5))
    for name in ("evaluation_detail", "evaluation_edit", "evaluation_sheet"):
        assert client.get(reverse(f"trainings:{name}", args=[evaluasi.pk])).status_code == 200, name
    assert client.get(reverse("trainings:evaluation_confirm", args=[evaluasi.pk])).status_code == 403
    client.force_login(operator)
    assert client.get(reverse("trainings:evaluation_confirm", args=[evaluasi.pk])).status_code == 200
    assert client.post(reverse("trainings:evaluation_confirm", args=[evaluasi.pk])).status_code == 302
    evaluasi.refresh_from_db()
    assert evaluasi.is_confirmed
