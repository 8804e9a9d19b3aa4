"""The field's visit pages: recording a visit (pre-filled with the board and the open follow-ups, sent twice
records once), correcting one (409 over someone else's change), closing follow-ups at a visit or on their own,
reading a visit and its printed report."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Pengurus
from tests.trainings.visits.conftest import as_posted, visit_post
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory
from trainings import visit_services
from trainings.enums import FollowUpStatus
from trainings.forms.visits import VisitEditForm
from trainings.models import Kunjungan, TindakLanjut, VisitKind

pytestmark = pytest.mark.usefixtures("diy")


def create_url(wksbm):
    return reverse("trainings:visit_create", args=[wksbm.pk])


def test_the_form_offers_the_current_board_and_the_open_follow_ups(as_penyuluh, wksbm):
    ended = Pengurus.objects.create(
        wksbm=wksbm,
        name="Mantan Bendahara",
        role=wksbm.pengurus.first().role,
        period_from=datetime.date(2019, 1, 1),
        period_to=datetime.date(2024, 1, 1),
    )
    earlier = KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 3, 1))
    still_open = TindakLanjutFactory(visit=earlier, what="Susun program kerja")
    TindakLanjutFactory(
        visit=earlier, what="Sudah beres", status=FollowUpStatus.SELESAI, closed_on=datetime.date(2025, 4, 1)
    )

    page = as_penyuluh.get(create_url(wksbm) + "?jenis=supervisi")

    form = page.context["form"]
    offered = {p.name for p in form.fields["pengurus_present"].queryset}
    assert offered == {"Sutrisno", "Wahyuni"}
    assert ended.name not in offered
    assert [f for f, _ in page.context["closing"].rows()] == [still_open]
    assert form.initial["kind"] == VisitKind.objects.get(slug="supervisi")
    assert "Susun program kerja" in page.content.decode()


def test_a_visit_is_recorded_with_present_board_follow_ups_and_closings(as_penyuluh, penyuluh, wksbm):
    earlier = KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 3, 1))
    done, dropped, left = (TindakLanjutFactory(visit=earlier, what=w) for w in ("Selesai", "Batal", "Terbuka"))
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    data = visit_post(
        wksbm,
        pengurus_present=[sutrisno.pk],
        **{f"tutup-tl_{done.pk}": "selesai", f"tutup-tl_{dropped.pk}": "batal", f"tutup-tl_{left.pk}": ""},
        **{"tindak-0-what": "Rapat pleno", "tindak-0-responsible": "Ketua", "tindak-0-due_on": "01/08/2025"},
    )

    response = as_penyuluh.post(create_url(wksbm), data)

    assert response.status_code == 302, response.context["form"].errors
    visit = Kunjungan.objects.get(date=datetime.date(2025, 6, 17))
    assert response["Location"] == reverse("trainings:visit_detail", args=[visit.pk])
    assert (visit.visitor, visit.visitor_name, list(visit.pengurus_present.all())) == (penyuluh, "", [sutrisno])
    assert [(f.what, f.status) for f in visit.follow_ups.all()] == [("Rapat pleno", FollowUpStatus.TERBUKA)]
    states = {f.what: (f.status, f.closed_on, f.closed_at_visit) for f in TindakLanjut.objects.filter(visit=earlier)}
    assert states == {
        "Selesai": (FollowUpStatus.SELESAI, visit.date, visit),
        "Batal": (FollowUpStatus.BATAL, visit.date, visit),
        "Terbuka": (FollowUpStatus.TERBUKA, None, None),
    }
    assert visit.history.first().history_user == penyuluh


def test_the_same_visit_form_sent_twice_records_one_visit(as_penyuluh, wksbm):
    data = visit_post(
        wksbm, **{"tindak-0-what": "Rapat", "tindak-0-responsible": "Ketua", "tindak-0-due_on": "01/08/2025"}
    )

    first = as_penyuluh.post(create_url(wksbm), data)
    second = as_penyuluh.post(create_url(wksbm), data)

    assert first.status_code == 302
    assert second["Location"] == first["Location"]
    assert (Kunjungan.objects.count(), TindakLanjut.objects.count()) == (1, 1)


def test_a_named_visitor_needs_a_role_and_the_user_is_not_recorded(as_penyuluh, wksbm):
    missing_role = as_penyuluh.post(
        create_url(wksbm), visit_post(wksbm, visitor_choice="lain", visitor_name="Pak Darto")
    )
    named = as_penyuluh.post(
        create_url(wksbm),
        visit_post(
            wksbm,
            visitor_choice="lain",
            visitor_name="Pak Darto",
            visitor_role="tksk",
            form_token="6f1c1c1e-8d5f-4a39-9a3e-1f0c8c2c7a99",
        ),
    )

    assert missing_role.status_code == 200
    assert "salah satu saja" in str(missing_role.context["form"].errors["visitor_name"])
    assert named.status_code == 302
    visit = Kunjungan.objects.get()
    assert (visit.visitor, visit.visitor_name, visit.visitor_role) == (None, "Pak Darto", "tksk")


def test_a_pengurus_of_another_wksbm_is_refused_as_present(as_penyuluh, wksbm, leak):
    stranger = leak.pengurus.get()

    response = as_penyuluh.post(create_url(wksbm), visit_post(wksbm, pengurus_present=[stranger.pk]))

    assert response.status_code == 200
    assert response.context["form"].errors["pengurus_present"]
    assert not Kunjungan.objects.exists()


def test_a_follow_up_due_before_its_visit_is_refused_on_its_line(as_penyuluh, wksbm):
    data = visit_post(
        wksbm, **{"tindak-0-what": "Rapat", "tindak-0-responsible": "Ketua", "tindak-0-due_on": "01/06/2025"}
    )

    response = as_penyuluh.post(create_url(wksbm), data)

    assert response.status_code == 200
    errors = response.context["follow_ups"].forms[0].errors
    assert errors["due_on"] == ["Batas waktu tindak lanjut tidak boleh sebelum tanggal kunjungannya."]
    assert not Kunjungan.objects.exists()


def edit_post(visit, **changes) -> dict:
    data = as_posted(VisitEditForm.initial_for(visit)) | {"tindak-TOTAL_FORMS": "3", "tindak-INITIAL_FORMS": "0"}
    return data | changes


def test_a_visit_is_corrected_and_a_change_made_meanwhile_answers_409(as_penyuluh, wksbm):
    visit = visit_services.visit_create(
        by=None,
        wksbm=wksbm,
        kind=VisitKind.objects.get(slug="supervisi"),
        date=datetime.date(2025, 6, 17),
        visitor_name="Bu Sri",
        visitor_role="psm",
    )
    url = reverse("trainings:visit_edit", args=[visit.pk])
    opened = edit_post(visit)
    visit_services.visit_update(by=None, visit=visit, findings="Dicatat operator")
    sutrisno = wksbm.pengurus.get(name="Sutrisno")

    conflict = as_penyuluh.post(url, opened | {"findings": "Dicatat penyuluh", "pengurus_present": [sutrisno.pk]})
    again = as_penyuluh.post(url, edit_post(visit) | {"findings": "Dicatat penyuluh"})

    assert conflict.status_code == 409
    assert [(c.name, c.mine, c.theirs) for c in conflict.context["conflict"].changes] == [
        ("findings", "Dicatat penyuluh", "Dicatat operator")
    ]
    assert again.status_code == 302
    visit.refresh_from_db()
    assert visit.findings == "Dicatat penyuluh"


def test_who_was_present_changed_meanwhile_answers_409(as_penyuluh, wksbm):
    visit = KunjunganFactory(wksbm=wksbm)
    url = reverse("trainings:visit_edit", args=[visit.pk])
    opened = edit_post(visit)
    visit_services.visit_update(by=None, visit=visit, pengurus_present=[wksbm.pengurus.get(name="Wahyuni")])

    response = as_penyuluh.post(url, opened | {"pengurus_present": [wksbm.pengurus.get(name="Sutrisno").pk]})

    assert response.status_code == 409
    assert [c.name for c in response.context["conflict"].changes] == ["pengurus_present"]
    assert [p.name for p in visit.pengurus_present.all()] == ["Wahyuni"]


def test_a_follow_up_is_closed_on_its_own(as_penyuluh, penyuluh, wksbm):
    follow_up = TindakLanjutFactory(visit=KunjunganFactory(wksbm=wksbm))
    url = reverse("trainings:follow_up_close", args=[follow_up.pk])
    page = as_penyuluh.get(url)
    data = as_posted(page.context["form"].initial) | {"status": "selesai", "closed_on": "02/08/2025"}

    response = as_penyuluh.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.closed_on, follow_up.closed_at_visit) == (
        FollowUpStatus.SELESAI,
        datetime.date(2025, 8, 2),
        None,
    )
    assert follow_up.history.first().history_user == penyuluh


def test_the_visit_page_and_its_printed_report_show_what_was_recorded(as_penyuluh, wksbm):
    visit = visit_services.visit_create(
        by=None,
        wksbm=wksbm,
        kind=VisitKind.objects.get(slug="supervisi"),
        date=datetime.date(2025, 6, 17),
        visitor_name="Bu Sri",
        visitor_role="psm",
        findings="Kas kosong",
        advice="Iuran bulanan",
        agreements="Rapat tiap bulan",
        pengurus_present=[wksbm.pengurus.get(name="Wahyuni")],
        follow_ups=[{"what": "Buka rekening", "responsible": "Bendahara", "due_on": datetime.date(2025, 9, 1)}],
    )

    for name in ("trainings:visit_detail", "trainings:visit_report"):
        body = as_penyuluh.get(reverse(name, args=[visit.pk])).content.decode()
        for text in (
            "Supervisi",
            "Bu Sri (PSM)",
            "Wahyuni",
            "Kas kosong",
            "Iuran bulanan",
            "Rapat tiap bulan",
            "Buka rekening",
        ):
            assert text in body, (name, text)
    report = as_penyuluh.get(reverse("trainings:visit_report", args=[visit.pk])).content.decode()
    assert "Laporan Kunjungan Supervisi" in report
    assert "letterhead" in report and "printed-on" in report
