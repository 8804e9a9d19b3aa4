"""`python manage.py import_wksbm PATH [--dry-run] [--user USERNAME]`: import a WKSBM list file."""

from django.utils.translation import gettext as _

from registry.imports.wksbm_list import WksbmListImport
from registry.management.commands._list_import import ListImportCommand


class Command(ListImportCommand):
    help = _("Mengimpor daftar WKSBM (.xlsx/.csv) seluruhnya atau tidak sama sekali.")
    list_import_class = WksbmListImport
