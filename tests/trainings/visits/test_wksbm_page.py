"""The visits on the WKSBM's page and the profil: the "Kunjungan" section (timeline, open follow-ups with the
overdue marked, the button), "Kontak terakhir" (the latest of report, visit and training attended by a pengurus),
the dormancy rule stated beside the flag, and query counts that do not grow with the visits."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry import dates, extensions
from registry.enums import Role
from registry.models import Wksbm
from registry.querysets import dormant_rule
from tests.factories import PengurusFactory, WksbmFactory
from tests.trainings.factories import PenyuluhanFactory, PesertaFactory
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory
from trainings.visit_sections import TIMELINE_SHOWN

pytestmark = pytest.mark.usefixtures("diy")


def page(client, wksbm):
    return client.get(reverse("wksbm_detail", args=[wksbm.pk]))


def test_the_section_shows_the_latest_visits_and_open_follow_ups(as_penyuluh, wksbm):
    visits = [
        KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=d)) for d in range(7)
    ]
    late = TindakLanjutFactory(visit=visits[0], what="Susun AD/ART", due_on=datetime.date(2025, 2, 1))
    TindakLanjutFactory(visit=visits[0], what="Sudah", status="selesai", closed_on=datetime.date(2025, 1, 5))

    response = page(as_penyuluh, wksbm)

    body = response.content.decode()
    assert response.context["visits"] == visits[::-1][:TIMELINE_SHOWN]
    assert response.context["more_visits"] is True
    assert response.context["open_follow_ups"] == [late]
    assert "lewat jatuh tempo" in body
    assert reverse("trainings:visit_create", args=[wksbm.pk]) in body
    assert reverse("trainings:visit_list", args=[wksbm.pk]) in body


def test_a_read_only_role_sees_the_visits_without_the_button(client, make_user, wksbm):
    KunjunganFactory(wksbm=wksbm)
    client.force_login(make_user("pimpinan", Role.PIMPINAN, "34.03"))

    body = page(client, wksbm).content.decode()

    assert "Bimbingan teknis" in body
    assert reverse("trainings:visit_create", args=[wksbm.pk]) not in body


@pytest.mark.parametrize(
    ("report", "visit", "training", "expected", "kind"),
    [
        ("2025-06-17", "2025-07-01", "2025-05-01", "2025-07-01", "kunjungan"),
        ("2025-06-17", "2025-03-01", None, "2025-06-17", "laporan kegiatan"),
        (None, None, "2025-08-10", "2025-08-10", "pelatihan pengurus"),
    ],
)
def test_last_contact_is_the_latest_of_report_visit_and_training(as_penyuluh, report, visit, training, expected, kind):
    unit = WksbmFactory(formed_on=datetime.date(2019, 1, 1))
    if report:
        from tests.factories import ActivityReportFactory

        ActivityReportFactory(wksbm=unit, date=datetime.date.fromisoformat(report))
    if visit:
        KunjunganFactory(wksbm=unit, date=datetime.date.fromisoformat(visit))
    if training:
        day = datetime.date.fromisoformat(training)
        PesertaFactory(event=PenyuluhanFactory(starts_on=day, ends_on=day), pengurus=PengurusFactory(wksbm=unit))

    response = page(as_penyuluh, unit)

    assert Wksbm.objects.with_last_contact().get(pk=unit.pk).last_contact_on == datetime.date.fromisoformat(expected)
    assert response.context["last_contact_kind"] == kind
    assert "Kontak terakhir" in response.content.decode()


def test_no_contact_at_all_reads_belum_ada(as_penyuluh):
    unit = WksbmFactory()
    assert Wksbm.objects.with_last_contact().get(pk=unit.pk).last_contact_on is None
    assert page(as_penyuluh, unit).context["last_contact_kind"] == ""


def test_the_dormancy_rule_is_stated_beside_the_flag(as_penyuluh):
    unit = WksbmFactory(formed_on=datetime.date(2019, 1, 1))

    body = page(as_penyuluh, unit).content.decode()

    assert "Mungkin vakum" in body
    assert str(dormant_rule()) in body
    assert f"{dates.DORMANT_AFTER_MONTHS} bulan" in str(dormant_rule())


@pytest.mark.parametrize("count", [1, 8])
def test_the_section_costs_the_same_queries_for_few_or_many_visits(
    as_penyuluh, wksbm, django_assert_num_queries, count
):
    for day in range(count):
        visit = KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day))
        TindakLanjutFactory(visit=visit)

    # The WKSBM page's own queries (tests/registry/field/test_wksbm_pages.py: 26 with the registry's "Jejaring"
    # and "Pemutakhiran data" sections, its open verification items and the header's notifications), this
    # section's included, and 3 for its attachments: the section's list, its area check and the latest photos.
    with django_assert_num_queries(29 + len(extensions.pengurus_links)):
        response = page(as_penyuluh, wksbm)

    assert len(response.context["open_follow_ups"]) == count


def test_the_profil_lists_the_visits_in_a_fixed_number_of_queries(as_penyuluh, wksbm):
    url = reverse("wksbm_profile", args=[wksbm.pk])

    def queries_with(visits: int) -> int:
        while wksbm.kunjungan.count() < visits:
            day = datetime.date(2025, 1, 1) + datetime.timedelta(days=wksbm.kunjungan.count())
            KunjunganFactory(wksbm=wksbm, date=day, findings="Kas kosong")
        with CaptureQueriesContext(connection) as captured:
            response = as_penyuluh.get(url)
        assert len(response.context["visit_timeline"]) == visits
        assert "Riwayat kunjungan" in response.content.decode()
        return len(captured)

    assert queries_with(1) == queries_with(8)


def test_without_the_visits_entries_the_wksbm_page_stands_on_the_registry_s_own(as_penyuluh, wksbm):
    from registry import extensions

    KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 7, 1))
    entries = [
        (extensions.wksbm_sections, "kunjungan"),
        (extensions.contact_dates, "kunjungan"),
        (extensions.contact_dates, "pelatihan"),
    ]
    saved = [(registry, registry[key]) for registry, key in entries]
    for registry, key in entries:
        registry.unregister(key)
    try:
        response = page(as_penyuluh, wksbm)
    finally:
        for registry, entry in saved:
            registry.register(entry)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="kunjungan"' not in body
    # The registry's own contact: the activity report of 17 June 2025, not the later visit.
    assert response.context["wksbm"].last_contact_on == datetime.date(2025, 6, 17)
    assert response.context["last_contact_kind"] == "laporan kegiatan"
