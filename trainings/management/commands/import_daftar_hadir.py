"""`python manage.py import_daftar_hadir EVENT PATH [--dry-run] [--user USERNAME]`: import an event's attendance
list file."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from registry.imports.command import ListImportCommand
from trainings.admin.attendance import may_import_attendance
from trainings.attendance import AttendanceListImport, links_said
from trainings.models import Penyuluhan


class Command(ListImportCommand):
    help = _("Mengimpor daftar hadir (.xlsx/.csv) sebuah kegiatan penyuluhan seluruhnya atau tidak sama sekali.")
    list_import_class = AttendanceListImport

    def add_arguments(self, parser):
        parser.add_argument("event", type=int, help=_("Nomor kegiatan penyuluhan (seperti pada alamat halamannya)."))
        super().add_arguments(parser)

    def importer(self, user, *, event: int, **options) -> AttendanceListImport:
        try:
            penyuluhan = Penyuluhan.objects.get(pk=event)
        except Penyuluhan.DoesNotExist as exc:
            raise CommandError(_("Kegiatan penyuluhan %(event)s tidak ada.") % {"event": event}) from exc
        self.list_importer = AttendanceListImport(user=user, event=penyuluhan)
        return self.list_importer

    def handle(self, *args, **options):
        """Imports as every list does, then says how many new participants were (or, with --dry-run, would be)
        linked to their pengurus and how many wait for confirmation."""
        super().handle(*args, **options)
        writes = getattr(self.list_importer, "writes", None)
        if writes is not None and (writes.linked or writes.unsure):
            self.stdout.write(links_said(writes))

    def may_import(self, user) -> bool:
        return may_import_attendance(user)
