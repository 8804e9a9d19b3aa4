"""The rules of visits and follow-ups, each written once on the model and met the same way through the service,
the field form and the admin: no visit in the future, the next visit due after the visit, exactly one visitor,
the pengurus present from the visited WKSBM only, a follow-up due (and closed) no earlier than its visit, closed
at a later visit of the same WKSBM."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import dates
from registry.enums import Role
from tests.factories import PengurusFactory, WksbmFactory
from tests.trainings.visits.conftest import visit_post
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory
from trainings import visit_services as services
from trainings.enums import FollowUpStatus, VisitorRole
from trainings.models import Kunjungan, TindakLanjut, VisitKind

pytestmark = pytest.mark.usefixtures("diy")
DB_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def kind():
    return VisitKind.objects.get(slug="supervisi")


def create(wksbm, **fields):
    fields = {"date": datetime.date(2025, 6, 17), "visitor_name": "Bu Sri", "visitor_role": VisitorRole.PSM} | fields
    return services.visit_create(by=None, wksbm=wksbm, kind=kind(), **fields)


def codes(error: ValidationError) -> set[str]:
    return {e.code for errors in error.error_dict.values() for e in errors}


@DB_SETTINGS
@given(days_ahead=st.integers(min_value=1, max_value=3000))
def test_no_visit_in_the_future(wksbm, days_ahead):
    with pytest.raises(ValidationError) as refused:
        create(wksbm, date=dates.today() + datetime.timedelta(days=days_ahead))
    assert codes(refused.value) == {dates.FUTURE_DATE}
    assert not Kunjungan.objects.exists()


@DB_SETTINGS
@given(gap=st.integers(min_value=-400, max_value=400))
def test_the_next_visit_is_due_after_the_visit(wksbm, gap):
    day = datetime.date(2025, 6, 17)
    due = day + datetime.timedelta(days=gap)
    if gap > 0:
        assert create(wksbm, date=day, next_visit_due=due).next_visit_due == due
        Kunjungan.objects.all().delete()
    else:
        with pytest.raises(ValidationError) as refused:
            create(wksbm, date=day, next_visit_due=due)
        assert codes(refused.value) == {"kunjungan_next_after_visit"}


@pytest.mark.parametrize(
    ("with_user", "name", "role", "accepted"),
    [
        (True, "", "", True),
        (False, "Pak Darto", VisitorRole.TKSK, True),
        (True, "Pak Darto", VisitorRole.TKSK, False),
        (False, "", "", False),
        (False, "Pak Darto", "", False),
        (False, "", VisitorRole.TKSK, False),
        (True, "", VisitorRole.TKSK, False),
    ],
)
def test_exactly_one_visitor(wksbm, penyuluh, with_user, name, role, accepted):
    fields = {"visitor": penyuluh if with_user else None, "visitor_name": name, "visitor_role": role}
    if accepted:
        assert create(wksbm, **fields).pk
    else:
        with pytest.raises(ValidationError) as refused:
            create(wksbm, **fields)
        assert codes(refused.value) == {"kunjungan_one_visitor"}


def test_a_blank_name_is_no_name(wksbm):
    with pytest.raises(ValidationError):
        create(wksbm, visitor_name="   ", visitor_role=VisitorRole.TKSK)


def test_only_pengurus_of_the_visited_wksbm_are_present(wksbm, leak):
    with pytest.raises(ValidationError) as refused:
        create(wksbm, pengurus_present=[wksbm.pengurus.first(), leak.pengurus.get()])
    assert codes(refused.value) == {"kunjungan_present_not_board"}
    assert "Rahasia Semin bukan pengurus WKSBM ini." in str(refused.value)
    assert not Kunjungan.objects.exists()


@DB_SETTINGS
@given(gap=st.integers(min_value=-300, max_value=300))
def test_a_follow_up_is_due_no_earlier_than_its_visit(wksbm, gap):
    day = datetime.date(2025, 6, 17)
    line = {"what": "Susun program kerja", "responsible": "Sekretaris", "due_on": day + datetime.timedelta(days=gap)}
    if gap >= 0:
        visit = create(wksbm, follow_ups=[line])
        assert visit.follow_ups.get().due_on == line["due_on"]
        Kunjungan.objects.all().delete()
    else:
        with pytest.raises(ValidationError) as refused:
            create(wksbm, follow_ups=[line])
        assert codes(refused.value) == {"tindaklanjut_due"}
        assert not Kunjungan.objects.exists(), "a refused follow-up leaves no visit behind"


def test_a_follow_up_is_closed_at_a_later_visit_of_the_same_wksbm_only(wksbm, leak):
    earlier = KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 3, 1))
    follow_up = TindakLanjutFactory(visit=earlier, due_on=datetime.date(2025, 4, 1))
    elsewhere = KunjunganFactory(wksbm=leak, date=datetime.date(2025, 6, 1))
    before = KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 2, 1))

    for visit in (elsewhere, before):
        with pytest.raises(ValidationError) as refused:
            services.follow_up_close(by=None, follow_up=follow_up, status=FollowUpStatus.SELESAI, at_visit=visit)
        assert "tindaklanjut_closing_visit" in codes(refused.value)
        follow_up.refresh_from_db()
    assert follow_up.is_open


def test_a_closed_follow_up_is_not_closed_again_and_open_means_no_closing_date(wksbm):
    follow_up = TindakLanjutFactory(visit=KunjunganFactory(wksbm=wksbm))
    services.follow_up_close(
        by=None, follow_up=follow_up, status=FollowUpStatus.BATAL, closed_on=datetime.date(2025, 7, 1)
    )

    with pytest.raises(ValidationError):
        services.follow_up_close(by=None, follow_up=follow_up, status=FollowUpStatus.SELESAI)
    reopened = TindakLanjut(visit=follow_up.visit, what="x", responsible="y", due_on=datetime.date(2025, 8, 1))
    reopened.closed_on = datetime.date(2025, 7, 1)
    with pytest.raises(ValidationError) as refused:
        reopened.full_clean()
    assert codes(refused.value) == {"tindaklanjut_closed_when_done"}


def test_a_follow_up_is_not_closed_in_the_future_or_before_its_visit(wksbm):
    follow_up = TindakLanjutFactory(visit=KunjunganFactory(wksbm=wksbm, date=datetime.date(2025, 6, 17)))
    for day, code in (
        (dates.today() + datetime.timedelta(days=1), dates.FUTURE_DATE),
        (datetime.date(2025, 6, 1), "tindaklanjut_closed_early"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.follow_up_close(by=None, follow_up=follow_up, status=FollowUpStatus.SELESAI, closed_on=day)
        assert codes(refused.value) == {code}
        follow_up.refresh_from_db()


# ---- the same rules through the field form


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date": "01/01/2099"}, "date", "Tanggal kunjungan tidak boleh di masa depan."),
        (
            {"next_visit_due": "17/06/2025"},
            "next_visit_due",
            "Kunjungan berikutnya harus sesudah tanggal kunjungan ini.",
        ),
        ({"visitor_choice": "lain", "visitor_name": "Pak Darto"}, "visitor_name", None),
    ],
)
def test_the_field_form_shows_each_rule_beside_its_field(as_penyuluh, wksbm, fields, field, message):
    response = as_penyuluh.post(reverse("trainings:visit_create", args=[wksbm.pk]), visit_post(wksbm, **fields))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert message is None or errors == [message]
    assert not Kunjungan.objects.exists()


# ---- the same rules through the admin


@pytest.fixture
def operator_client(client, make_user):
    user = make_user("operator_gk", Role.KABUPATEN, "34.03")
    user.is_staff = True
    user.save()
    client.force_login(user)
    return client


def admin_post(wksbm, **fields) -> dict:
    data = {
        "wksbm": wksbm.pk,
        "date": "17/06/2025",
        "kind": kind().pk,
        "visitor_name": "Bu Sri",
        "visitor_role": VisitorRole.PSM,
        "follow_ups-TOTAL_FORMS": "0",
        "follow_ups-INITIAL_FORMS": "0",
    }
    return data | fields


def test_the_admin_records_a_visit_within_the_rules(operator_client, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    response = operator_client.post(
        reverse("admin:trainings_kunjungan_add"), admin_post(wksbm, pengurus_present=[sutrisno.pk])
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(Kunjungan.objects.get().pengurus_present.all()) == [sutrisno]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date": "01/01/2099"}, "Tanggal kunjungan tidak boleh di masa depan."),
        ({"next_visit_due": "01/06/2025"}, "Kunjungan berikutnya harus sesudah tanggal kunjungan ini."),
        ({"visitor_name": ""}, "salah satu saja"),
        ("stranger", "bukan pengurus WKSBM ini"),
    ],
)
def test_the_admin_refuses_what_the_rules_refuse(operator_client, wksbm, fields, expected):
    if fields == "stranger":
        other = WksbmFactory(name="WKSBM Lain")
        fields = {"pengurus_present": [PengurusFactory(wksbm=other, name="Orang Lain").pk]}
    response = operator_client.post(reverse("admin:trainings_kunjungan_add"), admin_post(wksbm, **fields))

    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Kunjungan.objects.exists()


def test_every_write_leaves_history_and_the_admin_names_the_pengurus_present(operator_client, wksbm):
    wahyuni, sutrisno = wksbm.pengurus.get(name="Wahyuni"), wksbm.pengurus.get(name="Sutrisno")
    visit = create(
        wksbm,
        pengurus_present=[wahyuni],
        follow_ups=[{"what": "Rapat", "responsible": "Ketua", "due_on": datetime.date(2025, 7, 1)}],
    )
    services.visit_update(by=None, visit=visit, pengurus_present=[wahyuni, sutrisno], findings="Kas kosong")
    services.follow_up_close(
        by=None, follow_up=visit.follow_ups.get(), status=FollowUpStatus.SELESAI, closed_on=datetime.date(2025, 7, 2)
    )

    assert visit.history.count() >= 2
    assert visit.follow_ups.get().history.count() == 2
    page = operator_client.get(reverse("admin:trainings_kunjungan_history", args=[visit.pk])).content.decode()
    assert "Sutrisno, Wahyuni" in page
