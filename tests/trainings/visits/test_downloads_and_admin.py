"""Visits and follow-ups in the area's downloads (only in-area rows, Indonesian column titles), the field pages'
area scoping (404 outside), and the admin lists' fixed query counts and filters."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry import dates
from registry.enums import Role
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory
from trainings.models import Kunjungan, TindakLanjut

pytestmark = pytest.mark.usefixtures("diy")


def download(client, slug: str) -> list[list[str]]:
    response = client.get(reverse("rekap_list_export"), {"daftar": slug, "format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_downloads_hold_only_the_visits_and_follow_ups_of_the_area(as_penyuluh, wksbm, leak):
    mine = KunjunganFactory(
        wksbm=wksbm, findings="Kas kosong", visitor=None, visitor_name="Pak Darto", visitor_role="tksk"
    )
    mine.pengurus_present.set(wksbm.pengurus.all())
    TindakLanjutFactory(visit=mine, what="Buka rekening")
    TindakLanjutFactory(visit=KunjunganFactory(wksbm=leak, findings="Rahasia"), what="Rahasia Semin")

    visits = download(as_penyuluh, "kunjungan")
    follow_ups = download(as_penyuluh, "tindak-lanjut")

    body = repr(visits) + repr(follow_ups)
    assert "Rahasia" not in body
    assert len(visits) == 2 and len(follow_ups) == 2  # the title row and the one in-area row
    assert "Kas kosong" in visits[1] and "Pak Darto (TKSK)" in visits[1] and "Sutrisno, Wahyuni" in visits[1]
    assert "Buka rekening" in follow_ups[1] and "Terbuka" in follow_ups[1]
    titles = " ".join(visits[0] + follow_ups[0]).lower()
    for title in ("tanggal kunjungan", "jenis kunjungan", "penanggung jawab", "batas waktu"):
        assert title in titles


@pytest.mark.parametrize(
    "name",
    [
        "trainings:visit_detail",
        "trainings:visit_edit",
        "trainings:visit_report",
        "trainings:follow_up_close",
        "trainings:visit_list",
        "trainings:visit_create",
    ],
)
def test_every_visit_page_answers_404_outside_the_area(client, make_user, leak, name):
    visit = KunjunganFactory(wksbm=leak)
    follow_up = TindakLanjutFactory(visit=visit)
    target = {
        "trainings:follow_up_close": follow_up.pk,
        "trainings:visit_list": leak.pk,
        "trainings:visit_create": leak.pk,
    }
    client.force_login(make_user("penyuluh_semanu", Role.PENYULUH, "34.03.08"))
    url = reverse(name, args=[target.get(name, visit.pk)])

    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


@pytest.fixture
def operator_client(client, make_user):
    user = make_user("operator_gk", Role.KABUPATEN, "34.03")
    user.is_staff = True
    user.save()
    client.force_login(user)
    return client


def admin_list_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("model", [Kunjungan, TindakLanjut])
def test_the_admin_lists_cost_the_same_for_few_or_many_rows(operator_client, wksbm, model):
    url = reverse(f"admin:trainings_{model._meta.model_name}_changelist")
    visit = KunjunganFactory(wksbm=wksbm)
    TindakLanjutFactory(visit=visit)
    few = admin_list_queries(operator_client, url)
    for day in range(12):
        more = KunjunganFactory(
            wksbm=wksbm,
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
            visitor=None,
            visitor_name=f"Petugas {day}",
            visitor_role="psm",
        )
        TindakLanjutFactory(visit=more)

    assert admin_list_queries(operator_client, url) == few


def test_the_overdue_filters_pick_the_overdue_rows(operator_client, wksbm):
    today = dates.today()
    late = KunjunganFactory(wksbm=wksbm, date=today - datetime.timedelta(days=100))
    TindakLanjutFactory(visit=late, due_on=today - datetime.timedelta(days=10))
    fine = KunjunganFactory(
        wksbm=wksbm, date=today - datetime.timedelta(days=5), next_visit_due=today + datetime.timedelta(days=60)
    )
    TindakLanjutFactory(visit=fine, due_on=today + datetime.timedelta(days=10))
    missed = KunjunganFactory(
        wksbm=wksbm, date=today - datetime.timedelta(days=3), next_visit_due=today - datetime.timedelta(days=1)
    )

    visits = operator_client.get(reverse("admin:trainings_kunjungan_changelist"), {"lewat": "ya"})
    follow_ups = operator_client.get(reverse("admin:trainings_tindaklanjut_changelist"), {"lewat": "ya"})

    assert set(visits.context["cl"].queryset) == {late, missed}
    assert [f.visit for f in follow_ups.context["cl"].queryset] == [late]


def test_the_admin_filters_by_kecamatan_and_kind(operator_client, wksbm, leak):
    KunjunganFactory(wksbm=wksbm)
    KunjunganFactory(wksbm=leak)
    url = reverse("admin:trainings_kunjungan_changelist")

    semanu = operator_client.get(url, {"kabupaten": "34.03", "kecamatan": "34.03.08"})
    supervisi = operator_client.get(url, {"kind__id__exact": "999999"})

    assert [v.wksbm for v in semanu.context["cl"].queryset] == [wksbm]
    assert list(supervisi.context["cl"].queryset) == []
