"""`python manage.py housekeeping [--dry-run]`: remove the rows that only matter for a while (daily, by timer).

What is removed and why: registry/services/housekeeping.py. Prints one line per kind of row with its count, and
one for each usually empty kind (kept forms, attachments, API answers, expired uploads) when there were any;
exits 0.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.services.housekeeping import housekeeping_run


class Command(BaseCommand):
    help = _(
        "Menghapus catatan yang hanya diperlukan sementara: pengiriman formulir yang lebih lama dari "
        "FORM_SUBMISSION_RETENTION_DAYS, sesi yang kedaluwarsa, catatan gagal masuk yang melewati masa kunci, "
        "isian formulir yang disimpan tetapi tidak dipulihkan, berkas unggahan yang pratinjaunya sudah "
        "kedaluwarsa, lampiran yang datanya sudah dihapus, dan berkas lampiran yang tidak dipakai lagi. Aman "
        "dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Hanya menghitung; tidak ada yang dihapus."))

    def handle(self, *args, dry_run=False, **options):
        try:
            report = housekeeping_run(dry_run=dry_run)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        done = _("akan dihapus") if dry_run else _("dihapus")
        if dry_run:
            self.stdout.write(_("Uji coba (--dry-run): tidak ada yang dihapus."))
        days = settings.FORM_SUBMISSION_RETENTION_DAYS
        self.stdout.write(
            _("Pengiriman formulir lebih dari %(days)s hari: %(count)s %(done)s.")
            % {"days": days, "count": report.form_submissions, "done": done}
        )
        if report.sessions is None:
            self.stdout.write(_("Sesi tidak disimpan di basis data: tidak ada yang perlu dihapus."))
        else:
            self.stdout.write(_("Sesi kedaluwarsa: %(count)s %(done)s.") % {"count": report.sessions, "done": done})
        self.stdout.write(
            _("Catatan gagal masuk yang melewati masa kunci: %(count)s %(done)s.")
            % {"count": report.login_failures, "done": done}
        )
        for count, line in (
            (report.kept_forms, _("Isian formulir yang disimpan dan tidak dipulihkan")),
            (report.orphaned_attachments, _("Lampiran yang datanya sudah dihapus")),
            (report.unnamed_attachment_files, _("Berkas lampiran tanpa data lampiran")),
            (report.api_requests, _("Jawaban API yang disimpan untuk permintaan ulang")),
            (report.pending_uploads, _("Berkas unggahan yang pratinjaunya kedaluwarsa")),
        ):
            # Kinds that are usually empty print a line only when there was something to remove.
            if count:
                self.stdout.write(_("%(what)s: %(count)s %(done)s.") % {"what": line, "count": count, "done": done})
