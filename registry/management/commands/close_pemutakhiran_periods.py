"""`python manage.py close_pemutakhiran_periods`: close the periods of pemutakhiran whose last day has passed (daily,
by timer, deploy/wksbm-housekeeping.service).

Each is closed by the system ("sistem") with the rekap of its area frozen, verified data only
(`registry.pemutakhiran.services.close_ended_periods`). Prints one line per period closed; safe to run again.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.pemutakhiran.services import close_ended_periods


class Command(BaseCommand):
    help = _(
        "Menutup periode pemutakhiran yang tanggal selesainya sudah lewat, masing-masing dengan rekap beku "
        "wilayahnya (hanya data terverifikasi). Aman dijalankan berulang."
    )

    def handle(self, *args, **options):
        try:
            closed = close_ended_periods()
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        for period in closed:
            self.stdout.write(
                _("Periode %(name)s (%(wilayah)s) ditutup; rekapnya dibekukan.")
                % {"name": period.name, "wilayah": period.wilayah_id}
            )
        self.stdout.write(_("Periode pemutakhiran yang ditutup: %(count)s.") % {"count": len(closed)})
