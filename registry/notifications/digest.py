"""The daily e-mail digest: each active user who chose it (`PetugasProfile.email_digest`) and has an e-mail address
gets one plain-text Indonesian message listing their unread notifications not yet e-mailed, with links built from
`SITE_URL`; those notifications are then marked e-mailed, so the next digest sends only what is new. A user with
nothing new gets nothing. Mail goes through Django's e-mail backend (`EMAIL_URL`; the console by default)."""

import dataclasses
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registry.models import Notification, display_name

logger = logging.getLogger("wksbm.notifications")


@dataclasses.dataclass
class DigestReport:
    sent: int = 0  # messages sent, one per user
    notifications: int = 0  # notifications they carried
    failed: int = 0  # users whose message could not be sent (tried again the next day)


def digest_recipients():
    """The active users with an e-mail address who chose the digest and have unread notifications not yet
    e-mailed, with their profile."""
    waiting = Notification.objects.not_emailed().filter(user=OuterRef("pk"))
    return (
        get_user_model()
        ._default_manager.filter(is_active=True, petugas_profile__email_digest=True)
        .exclude(email="")
        .filter(Exists(waiting))
        .select_related("petugas_profile")
        .order_by("pk")
    )


def digest_message(user, notifications) -> EmailMessage:
    """The digest of `notifications` for `user`: subject, greeting, one entry per notification with its link."""
    count = len(notifications)
    subject = ngettext(
        "Registri WKSBM: %(count)s notifikasi baru", "Registri WKSBM: %(count)s notifikasi baru", count
    ) % {"count": count}
    lines = [
        _("Yth. %(name)s,") % {"name": display_name(user)},
        "",
        _("Notifikasi Anda yang belum dibaca di Registri WKSBM:"),
        "",
    ]
    for notification in notifications:
        lines.append(f"- {notification.text}")
        if notification.url:
            lines.append(f"  {settings.SITE_URL}{notification.url}")
    lines += [
        "",
        _("Semua notifikasi: %(url)s") % {"url": f"{settings.SITE_URL}/notifikasi/"},
        _("Ringkasan ini dikirim karena Anda memilihnya; hentikan di halaman Notifikasi."),
    ]
    return EmailMessage(subject=subject, body="\n".join(lines) + "\n", to=[user.email])


def send_digest() -> DigestReport:
    """Sends today's digest to every recipient (`digest_recipients`) and marks what it carried e-mailed. A message
    that cannot be sent is logged and its notifications stay to be sent the next time."""
    report = DigestReport()
    connection = get_connection()
    for user in digest_recipients():
        notifications = list(Notification.objects.not_emailed().filter(user=user).order_by("created_at", "pk"))
        if not notifications:
            continue
        try:
            connection.send_messages([digest_message(user, notifications)])
        except Exception:  # noqa: BLE001 (one user's mail server refusing must not stop the others' digests)
            logger.exception("ringkasan notifikasi gagal dikirim user=%s", user.get_username())
            report.failed += 1
            continue
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
        report.sent += 1
        report.notifications += len(notifications)
    return report
