"""`python manage.py import_jejaring PATH [--dry-run] [--user USERNAME]`: import a tie (jejaring) list file."""

from django.utils.translation import gettext as _

from registry.imports.command import ListImportCommand
from registry.imports.jejaring_list import JejaringListImport


class Command(ListImportCommand):
    help = _("Mengimpor daftar jejaring (.xlsx/.csv) seluruhnya atau tidak sama sekali.")
    list_import_class = JejaringListImport
