"""`python manage.py notify_period_deadlines [--days N]`: tell the penyuluh and operators of each period of
pemutakhiran ending within N days (7) that it closes soon, once per user and period however often it runs (daily,
by timer, before `send_notification_digest`)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registry.notifications.services import DEADLINE_DAYS, notify_period_deadlines


class Command(BaseCommand):
    help = _(
        "Memberi notifikasi kepada penyuluh dan operator bahwa periode pemutakhiran wilayahnya segera berakhir; "
        "satu kali untuk setiap pengguna dan periode."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=DEADLINE_DAYS, help=_("Berapa hari sebelum hari terakhir (bawaan 7).")
        )

    def handle(self, *args, days=DEADLINE_DAYS, **options):
        told = notify_period_deadlines(days=days)
        self.stdout.write(_("Notifikasi periode segera berakhir: %(count)s dibuat.") % {"count": told})
