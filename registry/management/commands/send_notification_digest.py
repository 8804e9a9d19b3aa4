"""`python manage.py send_notification_digest`: e-mail each user who chose it their new notifications (daily, by
timer, after `notify_period_deadlines`). What is sent and to whom: registry/notifications/digest.py. Prints how
many messages went out; exits 1 when one could not be sent."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.notifications.digest import send_digest


class Command(BaseCommand):
    help = _(
        "Mengirim ringkasan harian notifikasi yang belum dibaca lewat e-mail kepada pengguna yang memilihnya. "
        "Notifikasi yang sudah dikirim tidak dikirim lagi."
    )

    def handle(self, *args, **options):
        report = send_digest()
        self.stdout.write(
            _("Ringkasan dikirim: %(sent)s e-mail, %(count)s notifikasi.")
            % {"sent": report.sent, "count": report.notifications}
        )
        if report.failed:
            raise CommandError(_("%(count)s ringkasan gagal dikirim; dicoba lagi besok.") % {"count": report.failed})
