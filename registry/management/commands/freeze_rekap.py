"""`python manage.py freeze_rekap --wilayah 34.03 --title "Rekap Pemutakhiran 2027" --user USERNAME [--note …]
[--terverifikasi]`.

Freezes the rekap of a wilayah as the user sees it now (`registry.reports.snapshots.freeze_rekap`), for the close
of a period: the user must be active and allowed to freeze (admin provinsi, operator, superuser), the wilayah in
their area.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.reports.snapshots import freeze_rekap


class Command(BaseCommand):
    help = _("Membekukan rekap satu wilayah sebagai rekap beku yang tidak berubah lagi.")

    def add_arguments(self, parser):
        parser.add_argument("--wilayah", required=True, metavar="KODE", help=_("Kode wilayah rekap."))
        parser.add_argument("--title", required=True, help=_("Judul, misalnya: Rekap Pemutakhiran 2027."))
        parser.add_argument("--user", required=True, metavar="USERNAME", help=_("Petugas yang membekukan."))
        parser.add_argument("--note", default="", help=_("Catatan (boleh kosong)."))
        parser.add_argument(
            "--terverifikasi", action="store_true", dest="verified_only", help=_("Hanya data terverifikasi.")
        )

    def handle(self, *args, wilayah, title, user, note, verified_only=False, **options):
        by = get_user_model().objects.filter(username=user, is_active=True).first()
        if by is None:
            raise CommandError(_("Petugas %(username)s tidak ada atau tidak aktif.") % {"username": user})
        if not by.has_perm("registry.add_rekapsnapshot"):
            raise CommandError(_("Petugas %(username)s tidak berwenang membekukan rekap.") % {"username": user})
        try:
            snapshot = freeze_rekap(by=by, area_code=wilayah, title=title, note=note, verified_only=verified_only)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        done = _("Rekap %(wilayah)s dibekukan sebagai \u201c%(title)s\u201d (nomor %(pk)s).")
        self.stdout.write(done % {"wilayah": snapshot.wilayah_id, "title": snapshot.title, "pk": snapshot.pk})
