"""Writes of notifications. Keyword-only; what a user does to their own notifications takes `by` and touches
`by`'s rows alone. Notifications keep no history of their own: each is a message about a record whose history is
kept, and reading it changes nothing in the registry.

Made by `registry.notifications.receivers` (a change sent, items decided, a period opened) and by the daily
command (`notify_period_deadlines`). Every text is Indonesian, composed when the notification is made; every `url`
is a local path.
"""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.enums import VerificationState
from registry.models import Notification, NotificationKind, PemutakhiranPeriod, VerificationItem
from registry.notifications.recipients import users_responsible_for
from registry.pemutakhiran.services import CHECK_PERMISSION
from registry.verification.services import VERIFY_PERMISSION

TEXT_LENGTH = Notification._meta.get_field("text").max_length
QUEUE_TEXT = _("%(count)s data menunggu verifikasi di wilayah Anda.")
RETURNED_TEXT = _("Data dikembalikan: %(title)s — %(reason)s")
PERIOD_OPENED_TEXT = _(
    "%(name)s dibuka untuk %(wilayah)s, %(start)s sampai %(end)s. Tandai setiap WKSBM yang datanya sudah diperiksa."
)
PERIOD_CLOSING_TEXT = _("%(name)s (%(wilayah)s) berakhir %(end)s. Tandai WKSBM yang belum diperiksa sebelum itu.")
# How many days before a period's last day its users are told it is closing soon.
DEADLINE_DAYS = 7


def _text(text) -> str:
    text = str(text)
    return text if len(text) <= TEXT_LENGTH else text[: TEXT_LENGTH - 1] + "…"


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def queue_url() -> str:
    """Where the "antrean" notification leads: the verification queue's page."""
    return reverse("verification_queue")


def refresh_queue(*, user) -> Notification | None:
    """Keeps `user`'s one unread "antrean" notification in step with what waits in their queue: made when items
    wait and there is none, its count and time brought up to date when there is (and sent again in the next digest
    when the count changed), removed when nothing waits any more. Returns it, or None."""
    count = VerificationItem.objects.for_user(user).waiting().count()
    current = Notification.objects.filter(user=user, kind=NotificationKind.ANTREAN, read_at__isnull=True).first()
    if count == 0:
        if current is not None:
            current.delete()
        return None
    text = _text(QUEUE_TEXT % {"count": count})
    now = timezone.now()
    if current is not None:
        if current.text != text:
            current.text, current.created_at, current.emailed_at = text, now, None
            current.save(update_fields=["text", "created_at", "emailed_at"])
        return current
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=user, kind=NotificationKind.ANTREAN, text=text, url=queue_url(), created_at=now
            )
    except IntegrityError:
        # Made at the same moment by another sending: that one is brought up to date.
        return refresh_queue(user=user)


def notify_queue(*, wilayah_codes) -> list[Notification]:
    """Brings up to date the "antrean" notification of each user who may verify items of one of the wilayah
    `wilayah_codes` (the operators of its kabupaten, the admin provinsi of its province), once per user."""
    users = {}
    for code in sorted(set(wilayah_codes)):
        users.update((user.pk, user) for user in users_responsible_for(code, VERIFY_PERMISSION))
    notified = []
    for user in users.values():
        notification = refresh_queue(user=user)
        if notification is not None:
            notified.append(notification)
    return notified


def notify_returned(*, items, by=None) -> list[Notification]:
    """Tells the sender of each returned item of `items` that it came back, with the reason, leading to the
    record's WKSBM page (the worklist for a record of no WKSBM). Nobody is told of what they returned themselves."""
    now = timezone.now()
    made = []
    for item in items:
        sender = item.submitted_by
        if item.state != VerificationState.DIKEMBALIKAN or sender is None or not sender.is_active:
            continue
        if by is not None and sender.pk == by.pk:
            continue
        url = reverse("wksbm_detail", args=[item.wksbm_id]) if item.wksbm_id else reverse("attention")
        text = RETURNED_TEXT % {"title": item.title, "reason": item.reason}
        made.append(
            Notification(user=sender, kind=NotificationKind.DIKEMBALIKAN, text=_text(text), url=url, created_at=now)
        )
    return Notification.objects.bulk_create(made)


def _period_words(period: PemutakhiranPeriod) -> dict:
    return {
        "name": period.name,
        "wilayah": period.wilayah.display_name,
        "start": _day(period.starts_on),
        "end": _day(period.ends_on),
    }


def _tell_period_users(period: PemutakhiranPeriod, *, kind, key: str, text: str) -> int:
    """Makes one notification of `kind` for each user who confirms checks in `period`'s area (penyuluh and
    operators), once per user and `key`. Returns how many were made."""
    users = users_responsible_for(period.wilayah_id, CHECK_PERMISSION, including_below=True)
    url = reverse("pemutakhiran_compliance", args=[period.pk])
    now = timezone.now()
    rows = [
        Notification(user=user, kind=kind, text=_text(text), url=url, key=key, created_at=now)
        for user in users.exclude(notifications__key=key)
    ]
    return len(Notification.objects.bulk_create(rows, ignore_conflicts=True))


def notify_period_opened(*, period: PemutakhiranPeriod) -> int:
    """Tells the penyuluh and operators of `period`'s area that it was opened, once each; nobody is told of a
    period already over. Returns how many were told."""
    if period.closed_at is not None or period.ends_on < dates.today():
        return 0
    text = PERIOD_OPENED_TEXT % _period_words(period)
    key = f"periode-{period.pk}-dibuka"
    return _tell_period_users(period, kind=NotificationKind.PERIODE_DIBUKA, key=key, text=text)


def notify_period_deadlines(*, today: datetime.date | None = None, days: int = DEADLINE_DAYS) -> int:
    """Tells the penyuluh and operators of each period open `today` whose last day is within `days` days that it
    is closing soon: once per user and period, however often it runs. Returns how many were told."""
    today = today or dates.today()
    periods = (
        PemutakhiranPeriod.objects.open_on(today)
        .filter(ends_on__lte=today + datetime.timedelta(days=days))
        .select_related("wilayah")
    )
    told = 0
    for period in periods:
        text = PERIOD_CLOSING_TEXT % _period_words(period)
        key = f"periode-{period.pk}-berakhir"
        told += _tell_period_users(period, kind=NotificationKind.PERIODE_SEGERA_BERAKHIR, key=key, text=text)
    return told


def mark_read(*, by, notifications) -> int:
    """Marks `by`'s unread notifications among `notifications` (a queryset) read now; another user's are left as
    they are. Returns how many were marked."""
    return notifications.for_user(by).unread().update(read_at=timezone.now())


def digest_choice_set(*, by, wanted: bool) -> None:
    """Records whether `by` wants the daily digest of their notifications by e-mail, with history."""
    from registry.models import profile_of

    profile = profile_of(by)
    if profile.pk is not None and profile.email_digest == wanted:
        return
    profile.email_digest = wanted
    profile._history_user = by
    profile._change_reason = gettext("Pilihan ringkasan harian lewat e-mail")
    profile.save()
