"""`python manage.py import_kps PATH [--dry-run] [--user USERNAME]`: import a KPS list file."""

from django.utils.translation import gettext as _

from registry.imports.command import ListImportCommand
from registry.imports.kps_list import KpsListImport


class Command(ListImportCommand):
    help = _("Mengimpor daftar KPS (.xlsx/.csv) seluruhnya atau tidak sama sekali.")
    list_import_class = KpsListImport
