"""Who is told what: the verifiers of an item's area of their queue (one unread notification kept up to date), the
sender of a returned item, the penyuluh and operators of a period's area of its opening and of its end coming;
nobody else."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from registry import dates
from registry.enums import Role, WksbmStatus
from registry.models import Notification, NotificationKind, VerificationItem, Wilayah
from registry.notifications.recipients import users_responsible_for
from registry.notifications.services import notify_period_deadlines
from registry.pemutakhiran import services as cycle
from registry.services import wksbm as wksbm_services
from registry.verification import services as verification
from tests.registry.verification.conftest import SEMANU_CANDIREJO, unit
from tests.trainings.conftest import user_with_role

pytestmark = pytest.mark.django_db


def told(user) -> list[tuple[str, str]]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("kind", "text"))


def send_vakum(by, wksbm):
    return wksbm_services.wksbm_update(by=by, wksbm=wksbm, status=WksbmStatus.VAKUM)


def test_the_verifiers_of_an_items_area_are_responsible_and_nobody_else(
    penyuluh, operator, outsider, admin_provinsi, pimpinan
):
    inactive = user_with_role("operator_gk_lama", Role.KABUPATEN, "34.03")
    inactive.is_active = False
    inactive.save()

    responsible = users_responsible_for(SEMANU_CANDIREJO, verification.VERIFY_PERMISSION)

    assert list(responsible) == [operator, admin_provinsi]


def test_a_change_sent_tells_the_verifiers_of_its_area_once_each(
    committed, penyuluh, operator, outsider, admin_provinsi, pimpinan
):
    with committed():
        send_vakum(penyuluh, unit(name="WKSBM Ngudi Rahayu"))

    queue = [(NotificationKind.ANTREAN, "1 data menunggu verifikasi di wilayah Anda.")]
    assert (told(operator), told(admin_provinsi)) == (queue, queue)
    assert (told(outsider), told(penyuluh), told(pimpinan)) == ([], [], [])
    assert Notification.objects.get(user=operator).url == reverse("verification_queue")


def test_the_unread_queue_notification_is_updated_not_duplicated(committed, penyuluh, operator):
    with committed():
        send_vakum(penyuluh, unit(name="WKSBM Satu"))
    first = Notification.objects.get(user=operator)
    first.emailed_at = first.created_at
    first.save()

    with committed():
        send_vakum(penyuluh, unit(name="WKSBM Dua"))
        send_vakum(penyuluh, unit(name="WKSBM Tiga"))

    updated = Notification.objects.get(user=operator)
    assert (updated.pk, updated.text, updated.emailed_at) == (
        first.pk,
        "3 data menunggu verifikasi di wilayah Anda.",
        None,  # the new count goes out in the next digest
    )


def test_once_read_a_new_item_makes_a_new_queue_notification(committed, penyuluh, operator):
    with committed():
        send_vakum(penyuluh, unit(name="WKSBM Satu"))
    Notification.objects.filter(user=operator).update(read_at=dates.today().isoformat() + "T08:00:00+07:00")

    with committed():
        send_vakum(penyuluh, unit(name="WKSBM Dua"))

    assert [n.is_read for n in Notification.objects.filter(user=operator).order_by("pk")] == [True, False]
    assert told(operator)[-1][1] == "2 data menunggu verifikasi di wilayah Anda."


def test_deciding_counts_the_queue_down_and_an_empty_queue_tells_nothing(committed, penyuluh, operator):
    with committed():
        send_vakum(penyuluh, unit(name="WKSBM Satu"))
        send_vakum(penyuluh, unit(name="WKSBM Dua"))
    first, second = VerificationItem.objects.order_by("pk")

    with committed():
        verification.confirm(by=operator, items=[first])
    assert told(operator) == [(NotificationKind.ANTREAN, "1 data menunggu verifikasi di wilayah Anda.")]

    with committed():
        verification.confirm(by=operator, items=[second])
    assert told(operator) == []


def test_a_returned_item_tells_its_sender_with_the_reason_and_leads_to_its_wksbm(
    committed, penyuluh, operator, outsider
):
    colleague = user_with_role("penyuluh_semanu_2", Role.PENYULUH, "34.03.08")
    wksbm = unit(name="WKSBM Ngudi Rahayu")
    with committed():
        send_vakum(penyuluh, wksbm)
    item = VerificationItem.objects.get()

    with committed():
        verification.send_back(by=operator, items=[item], reason="Lampirkan berita acara rapat.")

    assert told(penyuluh) == [
        (
            NotificationKind.DIKEMBALIKAN,
            "Data dikembalikan: WKSBM: WKSBM Ngudi Rahayu — Lampirkan berita acara rapat.",
        )
    ]
    assert Notification.objects.get(user=penyuluh).url == reverse("wksbm_detail", args=[wksbm.pk])
    assert (told(colleague), told(outsider)) == ([], [])
    assert told(operator) == [], "nothing waits any more: the operator's queue notification is gone"


def test_confirming_tells_the_sender_nothing(committed, penyuluh, operator):
    with committed():
        send_vakum(penyuluh, unit())
    with committed():
        verification.confirm(by=operator, items=list(VerificationItem.objects.all()))

    assert told(penyuluh) == []


def period_users(admin_provinsi):
    semanu = user_with_role("penyuluh_semanu_x", Role.PENYULUH, "34.03.08")
    gunungkidul = user_with_role("operator_gk_x", Role.KABUPATEN, "34.03")
    sleman = user_with_role("operator_sleman_x", Role.KABUPATEN, "34.04")
    pimpinan = user_with_role("pimpinan_gk_x", Role.PIMPINAN, "34.03")
    return semanu, gunungkidul, sleman, pimpinan


def open_period(admin_provinsi, *, code="34.03", starts_on=None, ends_on=None):
    today = dates.today()
    return cycle.period_open(
        by=admin_provinsi,
        name="Pemutakhiran 2027",
        wilayah=Wilayah.objects.get(code=code),
        starts_on=starts_on or today,
        ends_on=ends_on or today + datetime.timedelta(days=60),
    )


def test_a_period_opened_tells_the_penyuluh_and_operators_of_its_area(committed, admin_provinsi):
    semanu, gunungkidul, sleman, pimpinan = period_users(admin_provinsi)

    with committed():
        period = open_period(admin_provinsi)

    assert [told(user) != [] for user in (semanu, gunungkidul, sleman, pimpinan, admin_provinsi)] == [
        True,
        True,
        False,
        False,
        False,
    ]
    notification = Notification.objects.get(user=semanu)
    assert notification.kind == NotificationKind.PERIODE_DIBUKA
    assert notification.text.startswith("Pemutakhiran 2027 dibuka untuk Kabupaten Gunungkidul")
    assert notification.url == reverse("pemutakhiran_compliance", args=[period.pk])


def test_a_period_already_over_tells_nobody(committed, admin_provinsi):
    semanu, *_others = period_users(admin_provinsi)
    today = dates.today()

    with committed():
        open_period(
            admin_provinsi, starts_on=today - datetime.timedelta(days=90), ends_on=today - datetime.timedelta(days=30)
        )

    assert told(semanu) == []


def test_a_refused_period_tells_nobody(committed, admin_provinsi):
    semanu, *_others = period_users(admin_provinsi)
    with committed():
        open_period(admin_provinsi)

    with committed(), pytest.raises(Exception):  # noqa: B017 (the overlap's ValidationError)
        open_period(admin_provinsi, code="34")

    assert len(told(semanu)) == 1


def test_a_period_closing_soon_is_told_once_per_user_and_period(committed, admin_provinsi):
    semanu, gunungkidul, sleman, pimpinan = period_users(admin_provinsi)
    today = dates.today()
    with committed():
        period = open_period(
            admin_provinsi, starts_on=today - datetime.timedelta(days=20), ends_on=today + datetime.timedelta(days=10)
        )

    assert notify_period_deadlines(today=today) == 0, "ten days left: not yet"
    assert notify_period_deadlines(today=today + datetime.timedelta(days=3)) == 2
    assert notify_period_deadlines(today=today + datetime.timedelta(days=4)) == 0
    call_command("notify_period_deadlines", "--days", "30", stdout=io.StringIO())

    closing = Notification.objects.filter(kind=NotificationKind.PERIODE_SEGERA_BERAKHIR)
    assert sorted(closing.values_list("user__username", flat=True)) == [gunungkidul.username, semanu.username]
    assert set(closing.values_list("key", flat=True)) == {f"periode-{period.pk}-berakhir"}
    assert (told(sleman), told(pimpinan)) == ([], [])


def test_a_closed_period_is_not_told_as_closing(committed, admin_provinsi):
    semanu, *_others = period_users(admin_provinsi)
    today = dates.today()
    with committed():
        period = open_period(
            admin_provinsi, starts_on=today - datetime.timedelta(days=20), ends_on=today + datetime.timedelta(days=2)
        )
    cycle.period_close(by=admin_provinsi, period=period)

    assert notify_period_deadlines(today=today) == 0
