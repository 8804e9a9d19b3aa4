"""`python manage.py housekeeping [--dry-run]`: remove the rows that only matter for a while (daily, by timer).

What is removed and why: registry/services/housekeeping.py. Prints one line per kind with its count; exits 0.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from registry.services.housekeeping import housekeeping_run


class Command(BaseCommand):
    help = (
        "Menghapus catatan yang hanya diperlukan sementara: pengiriman formulir yang lebih lama dari "
        "FORM_SUBMISSION_RETENTION_DAYS, sesi yang kedaluwarsa, dan catatan gagal masuk yang melewati masa kunci. "
        "Aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Hanya menghitung; tidak ada yang dihapus.")

    def handle(self, *args, dry_run=False, **options):
        try:
            report = housekeeping_run(dry_run=dry_run)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        done = "akan dihapus" if dry_run else "dihapus"
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang dihapus.")
        days = settings.FORM_SUBMISSION_RETENTION_DAYS
        self.stdout.write(f"Pengiriman formulir lebih dari {days} hari: {report.form_submissions} {done}.")
        if report.sessions is None:
            self.stdout.write("Sesi tidak disimpan di basis data: tidak ada yang perlu dihapus.")
        else:
            self.stdout.write(f"Sesi kedaluwarsa: {report.sessions} {done}.")
        self.stdout.write(f"Catatan gagal masuk yang melewati masa kunci: {report.login_failures} {done}.")
