"""`python manage.py import_mitra PATH [--dry-run] [--user USERNAME]`: import a mitra list file."""

from django.utils.translation import gettext as _

from registry.imports.command import ListImportCommand
from registry.imports.mitra_list import MitraListImport


class Command(ListImportCommand):
    help = _("Mengimpor daftar mitra (.xlsx/.csv) seluruhnya atau tidak sama sekali.")
    list_import_class = MitraListImport
