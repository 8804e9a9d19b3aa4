"""Correcting what is recorded from the field: a pengurus, a KPS, a membership, a report with its lines; removing a
report entered by mistake. Every correction is saved over the version it was opened at, and leaves history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from registry import dates
from registry.enums import Role
from registry.forms import KpsEditForm, MembershipEditForm, PengurusEditForm, ReportEditForm
from registry.models import ActivityReport, AidDistribution, FundCollection, FundSource, PengurusRole
from registry.services import wksbm as services
from tests.factories import KpsFactory
from tests.registry.field.test_scoping import as_posted
from tests.registry.field.test_wksbm_pages import edit_data

pytestmark = pytest.mark.usefixtures("diy")

NIK = "3403085505800002"


def ref(model, slug):
    return model.objects.get(slug=slug)


# ---- a pengurus


def test_a_pengurus_is_corrected_with_history(as_penyuluh, penyuluh, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    url = reverse("pengurus_edit", args=[wksbm.pk, sutrisno.pk])
    data = as_posted(PengurusEditForm.initial_for(sutrisno))
    data |= {"name": "Sutrisno Hadi", "role": ref(PengurusRole, "bendahara").pk, "phone": "0812 3456 7890"}

    response = as_penyuluh.post(url, data)

    sutrisno.refresh_from_db()
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + f"#pengurus-{sutrisno.pk}"
    assert (sutrisno.name, sutrisno.role.slug, sutrisno.phone) == ("Sutrisno Hadi", "bendahara", "+6281234567890")
    latest = sutrisno.history.first()
    assert (latest.history_user, latest.history_change_reason) == (penyuluh, url)


def test_the_nik_is_never_shown_and_replaced_only_when_typed(as_penyuluh, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    services.row_update(by=None, row=sutrisno, nik=NIK)
    url = reverse("pengurus_edit", args=[wksbm.pk, sutrisno.pk])

    page = as_penyuluh.get(url)
    kept = as_posted(PengurusEditForm.initial_for(sutrisno)) | {"name": "Sutrisno Hadi"}
    as_penyuluh.post(url, kept)
    sutrisno.refresh_from_db()
    kept_nik = sutrisno.nik
    replaced = as_posted(PengurusEditForm.initial_for(sutrisno)) | {"nik": "3403085505800003"}
    as_penyuluh.post(url, replaced)
    sutrisno.refresh_from_db()

    body = page.content.decode()
    assert NIK not in body
    assert "3403••••••••••02" in body
    assert page.context["form"]["nik"].value() == ""
    assert (kept_nik, sutrisno.nik) == (NIK, "3403085505800003")


def test_a_nik_typed_before_an_edit_conflict_is_still_in_the_form_offered_again(as_penyuluh, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    services.row_update(by=None, row=sutrisno, nik=NIK)
    url = reverse("pengurus_edit", args=[wksbm.pk, sutrisno.pk])
    opened = as_posted(PengurusEditForm.initial_for(sutrisno)) | {"nik": ""}
    services.row_update(by=None, row=sutrisno, name="Sutrisno (operator)")

    response = as_penyuluh.post(url, opened | {"name": "Sutrisno Penyuluh", "nik": "3403085505800003"})
    offered = response.context["form"]
    again = as_penyuluh.post(url, {name: offered[name].value() or "" for name in offered.fields})

    sutrisno.refresh_from_db()
    assert response.status_code == 409
    assert offered["nik"].value() == "3403085505800003"
    assert NIK not in response.content.decode()  # the stored NIK stays masked, in the conflict table too
    assert again.status_code == 302
    assert (sutrisno.name, sutrisno.nik) == ("Sutrisno Penyuluh", "3403085505800003")


def test_a_pengurus_changed_meanwhile_is_not_overwritten(as_penyuluh, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    url = reverse("pengurus_edit", args=[wksbm.pk, sutrisno.pk])
    opened = as_posted(PengurusEditForm.initial_for(sutrisno))
    services.row_update(by=None, row=sutrisno, name="Sutrisno (operator)")

    response = as_penyuluh.post(url, opened | {"name": "Sutrisno Penyuluh"})
    again = as_penyuluh.post(url, as_posted(response.context["form"].initial) | {"name": "Sutrisno Penyuluh"})

    assert response.status_code == 409
    assert [(c.name, c.mine, c.theirs) for c in response.context["conflict"].changes] == [
        ("name", "Sutrisno Penyuluh", "Sutrisno (operator)")
    ]
    assert again.status_code == 302
    sutrisno.refresh_from_db()
    assert sutrisno.name == "Sutrisno Penyuluh"


# ---- a KPS and its membership


def test_a_member_kps_is_corrected(as_penyuluh, wksbm):
    membership = wksbm.memberships.get()
    url = reverse("kps_edit", args=[wksbm.pk, membership.pk])
    data = as_posted(KpsEditForm.initial_for(membership.kps))
    data |= {"name": "Karang Taruna Tunas Harapan", "leader": "Mas Joko", "member_count": "40", "phone": "0274391234"}

    response = as_penyuluh.post(url, data)

    kps = membership.kps
    kps.refresh_from_db()
    assert response["Location"].endswith(f"#membership-{membership.pk}")
    assert (kps.name, kps.leader, kps.member_count, kps.phone) == (
        "Karang Taruna Tunas Harapan",
        "Mas Joko",
        40,
        "+62274391234",
    )
    assert kps.history.first().history_change_reason == url


def test_a_kps_name_taken_in_the_desa_is_refused_on_the_name(as_penyuluh, wksbm):
    KpsFactory(name="PKK Melati", wilayah=wksbm.wilayah)
    membership = wksbm.memberships.get()
    data = as_posted(KpsEditForm.initial_for(membership.kps)) | {"name": "pkk  MELATI"}

    response = as_penyuluh.post(reverse("kps_edit", args=[wksbm.pk, membership.pk]), data)

    assert response.context["form"].errors["name"] == ["Sudah ada KPS dengan nama ini di wilayah yang sama."]


def test_a_membership_s_dates_are_corrected(as_penyuluh, wksbm):
    membership = wksbm.memberships.get()
    data = as_posted(MembershipEditForm.initial_for(membership)) | {"joined_on": "01/02/2020", "left_on": "01/03/2024"}

    as_penyuluh.post(reverse("membership_edit", args=[wksbm.pk, membership.pk]), data)

    membership.refresh_from_db()
    assert (membership.joined_on, membership.left_on) == (datetime.date(2020, 2, 1), datetime.date(2024, 3, 1))


def test_a_leave_date_before_joining_is_refused_on_the_leave_date(as_penyuluh, wksbm):
    membership = wksbm.memberships.get()
    data = as_posted(MembershipEditForm.initial_for(membership)) | {"joined_on": "01/02/2020", "left_on": "01/01/2020"}

    response = as_penyuluh.post(reverse("membership_edit", args=[wksbm.pk, membership.pk]), data)

    assert dict(response.context["form"].errors) == {
        "left_on": ["Tanggal keluar tidak boleh sebelum tanggal bergabung."]
    }


# ---- a report


def report_data(report, **lines) -> dict:
    data = as_posted(ReportEditForm.initial_for(report))
    data |= {
        "dana-TOTAL_FORMS": "3",
        "dana-INITIAL_FORMS": "1",
        "bantuan-TOTAL_FORMS": "3",
        "bantuan-INITIAL_FORMS": "1",
    }
    return data | lines


def test_a_report_is_corrected_with_its_lines(as_penyuluh, penyuluh, wksbm):
    report = wksbm.reports.get()
    data = report_data(
        report,
        description="Rapat pleno",
        **{
            "dana-0-source": ref(FundSource, "perantau").pk,
            "dana-0-amount": "150.000",
            "dana-1-source": ref(FundSource, "swadaya").pk,
            "dana-1-amount": "50.000",
            "bantuan-0-purpose": "",
            "bantuan-0-amount": "",
            "bantuan-0-beneficiaries": "",
        },
    )

    url = reverse("report_edit", args=[wksbm.pk, report.pk])
    response = as_penyuluh.post(url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    report.refresh_from_db()
    assert report.description == "Rapat pleno"
    assert sorted((line.source.slug, line.amount) for line in report.collections.all()) == [
        ("perantau", 150_000),
        ("swadaya", 50_000),
    ]
    assert not report.distributions.exists()
    removed = AidDistribution.history.filter(history_type="-").get()
    assert (removed.history_user, removed.history_change_reason) == (penyuluh, url)


def test_a_report_whose_lines_changed_meanwhile_is_not_overwritten(as_penyuluh, wksbm):
    report = wksbm.reports.get()
    data = report_data(report, description="Rapat pleno")
    line = report.collections.get()
    services.row_update(by=None, row=line, amount=999)

    response = as_penyuluh.post(reverse("report_edit", args=[wksbm.pk, report.pk]), data)

    assert response.status_code == 409
    assert [change.name for change in response.context["conflict"].changes] == ["lines"]
    report.refresh_from_db()
    assert report.description == ""
    assert FundCollection.objects.get().amount == 999


# ---- removing a report entered by mistake


def entered_days_ago(report, days: int) -> None:
    report.history.filter(history_type="+").update(history_date=timezone.now() - datetime.timedelta(days=days))


def test_a_penyuluh_removes_a_report_within_seven_days_and_history_keeps_it(as_penyuluh, penyuluh, wksbm):
    report = wksbm.reports.get()
    entered_days_ago(report, 6)
    detail = as_penyuluh.get(reverse("wksbm_detail", args=[wksbm.pk]))

    response = as_penyuluh.post(reverse("report_remove", args=[wksbm.pk, report.pk]))

    assert reverse("report_remove", args=[wksbm.pk, report.pk]) in detail.content.decode()
    assert response["Location"].endswith("#laporan")
    assert not ActivityReport.objects.filter(pk=report.pk).exists()
    deleted = ActivityReport.history.filter(id=report.pk, history_type="-").get()
    assert deleted.history_user == penyuluh
    assert FundCollection.history.filter(history_type="-").count() == 1


def test_a_penyuluh_may_not_remove_a_report_entered_more_than_seven_days_ago(as_penyuluh, wksbm):
    report = wksbm.reports.get()
    entered_days_ago(report, 8)
    url = reverse("report_remove", args=[wksbm.pk, report.pk])

    detail = as_penyuluh.get(reverse("wksbm_detail", args=[wksbm.pk]))
    page = as_penyuluh.get(url)
    sent = as_penyuluh.post(url)

    assert url not in detail.content.decode()
    assert "penyuluh hanya dapat menghapus laporan dalam 7 hari" in page.content.decode()
    assert "<button" not in page.content.decode().split("<main>")[1]
    assert "penyuluh hanya dapat menghapus laporan dalam 7 hari" in sent.context["form"].non_field_errors()[0]
    assert ActivityReport.objects.filter(pk=report.pk).exists()


def test_an_operator_removes_a_report_any_time(client, make_user, wksbm):
    client.force_login(make_user("operator_gk", Role.KABUPATEN, "34.03"))
    report = wksbm.reports.get()
    entered_days_ago(report, 400)

    response = client.post(reverse("report_remove", args=[wksbm.pk, report.pk]))

    assert response.status_code == 302
    assert not ActivityReport.objects.filter(pk=report.pk).exists()


# ---- ending a term or a membership


def test_a_term_ended_today_is_listed_among_past_pengurus_with_its_end_date(as_penyuluh, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    ended = as_penyuluh.post(reverse("pengurus_end", args=[wksbm.pk, sutrisno.pk]), {"on": dates.today()})

    page = as_penyuluh.get(ended["Location"])

    assert sutrisno not in page.context["current_pengurus"]
    assert page.context["past_pengurus"] == [sutrisno]
    past = page.content.decode().split("Pengurus terdahulu")[1]
    assert f"berakhir {dates.today():%d/%m/%Y}" in past
    assert "Masa bakti Sutrisno diakhiri." in past.split("</details>")[0]


def test_an_end_date_after_today_is_refused(as_penyuluh, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    tomorrow = dates.today() + datetime.timedelta(days=1)

    response = as_penyuluh.post(reverse("pengurus_end", args=[wksbm.pk, sutrisno.pk]), {"on": tomorrow})

    assert response.context["form"].errors["on"][0].startswith("Tanggal ini setelah hari ini.")
    sutrisno.refresh_from_db()
    assert sutrisno.period_to is None


def test_a_kps_that_left_is_listed_among_past_members_with_its_leave_date(as_penyuluh, wksbm):
    membership = wksbm.memberships.get()
    ended = as_penyuluh.post(reverse("membership_end", args=[wksbm.pk, membership.pk]), {"on": "30/06/2025"})

    page = as_penyuluh.get(ended["Location"])

    assert page.context["current_members"] == []
    past = page.content.decode().split("Pernah menjadi anggota")[1].split("</details>")[0]
    assert "keluar 30/06/2025" in past
    assert "KPS Karang Taruna Tunas Muda keluar dari WKSBM." in past


# ---- the confirmation beside the item saved


def test_the_message_of_a_save_stands_beside_the_item_not_at_the_top(as_penyuluh, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    data = as_posted(PengurusEditForm.initial_for(sutrisno)) | {"name": "Sutrisno Hadi"}
    saved = as_penyuluh.post(reverse("pengurus_edit", args=[wksbm.pk, sutrisno.pk]), data)

    body = as_penyuluh.get(saved["Location"]).content.decode()

    item = body.split(f'id="pengurus-{sutrisno.pk}"')[1].split("</li>")[0]
    assert "Perubahan tersimpan." in item
    assert body.count("Perubahan tersimpan.") == 1


def test_a_message_of_the_whole_wksbm_stays_at_the_top(as_penyuluh, wksbm):
    saved = as_penyuluh.post(reverse("wksbm_edit", args=[wksbm.pk]), edit_data(wksbm, name="WKSBM Candirejo Makmur"))

    body = as_penyuluh.get(saved["Location"]).content.decode()

    assert body.count("Perubahan tersimpan.") == 1
    assert body.index("Perubahan tersimpan.") < body.index("<h1>")


@pytest.mark.parametrize(("ends_in_days", "current"), [(None, True), (1, True), (400, True), (0, False), (-1, False)])
def test_a_term_is_current_until_its_end_date_by_one_rule(wksbm, ends_in_days, current):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    today = dates.today()
    period_to = None if ends_in_days is None else today + datetime.timedelta(days=ends_in_days)
    sutrisno.period_to = period_to
    sutrisno.save()

    in_database = wksbm.pengurus.current().filter(pk=sutrisno.pk).exists()
    in_past = wksbm.pengurus.past().filter(pk=sutrisno.pk).exists()

    assert (in_database, sutrisno.is_current(), in_past) == (current, current, not current)
