"""`python manage.py import_wksbm PATH [--dry-run] [--user USERNAME]`: import a WKSBM list file."""

from django.utils.translation import gettext as _

from registry.imports.command import ListImportCommand
from registry.imports.wksbm_list import WksbmListImport


class Command(ListImportCommand):
    help = _("Mengimpor daftar WKSBM (.xlsx/.csv) seluruhnya atau tidak sama sekali.")
    list_import_class = WksbmListImport
