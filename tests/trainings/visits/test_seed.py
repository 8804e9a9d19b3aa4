"""`seed_demo` writes believable visits with follow-ups (through the services, with history); `seed_scale` inserts
visits and follow-ups for the WKSBM it seeds, within every model rule."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from registry import dates, extensions
from tests.registry.test_seed import full_clean_sample, run
from trainings.enums import FollowUpStatus
from trainings.models import Kunjungan, TindakLanjut


def test_seed_demo_records_visits_with_follow_ups_the_demo_penyuluh_sees(client, demo):
    output = demo

    visits = Kunjungan.objects.all()
    assert "Data demo kunjungan dibuat:" in output
    assert visits.count() >= 10
    assert {row.history_user.username for row in Kunjungan.history.select_related("history_user")} == {"admin"}
    assert TindakLanjut.objects.filter(status=FollowUpStatus.SELESAI, closed_at_visit__isnull=False).exists()
    assert TindakLanjut.objects.overdue().exists()
    assert visits.filter(visitor__isnull=True).exists() and visits.filter(visitor__isnull=False).exists()
    assert all(full_clean_sample(model, 30) for model in (Kunjungan, TindakLanjut))
    penyuluh = User.objects.get(username="penyuluh.semanu")
    assert extensions.worklist_kinds["belum-dikunjungi"].rows(penyuluh).exists()
    client.force_login(penyuluh)
    semanu_visit = Kunjungan.objects.for_user(penyuluh).first()
    page = client.get(reverse("wksbm_detail", args=[semanu_visit.wksbm_id])).content.decode()
    assert "Kontak terakhir" in page and semanu_visit.kind.name in page

    before = visits.count()
    run("seed_demo")
    assert Kunjungan.objects.count() == before


@pytest.mark.django_db
def test_seed_scale_inserts_visits_and_follow_ups_within_the_rules():
    run("seed_scale", "--provinsi", "34", "--wksbm", "300", "--kps", "100")

    visits, follow_ups = Kunjungan.objects.count(), TindakLanjut.objects.count()
    # About one or two visits a year for two years to each WKSBM; some never visited; some follow-ups overdue.
    assert 300 <= visits <= 300 * 4
    assert follow_ups > 0 and TindakLanjut.objects.overdue().exists()
    assert Kunjungan.objects.values("wksbm").distinct().count() < 300
    assert not Kunjungan.objects.filter(date__gt=dates.today()).exists()
    assert full_clean_sample(Kunjungan, 50) == 50 and full_clean_sample(TindakLanjut, 50) == 50
