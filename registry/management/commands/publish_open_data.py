"""Publishes the public open data (issue 22): `manage.py publish_open_data [--if-changed]`.

Run hourly with `--if-changed` by deploy/wksbm-opendata.timer: it publishes when something the files count changed
since the last publication, and regardless once that is 23 hours old, so at least nightly
(`registry.opendata.release.changed_since_release`). Without `--if-changed` it publishes now (after a deploy).
Publishing unchanged data changes nothing the public sees: the files, their date and their ETag stay.
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registry.opendata.release import publish_open_data


class Command(BaseCommand):
    help = _("Menerbitkan data terbuka WKSBM (CSV, JSON, metadata, halaman publik).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help=_("Hanya bila ada data yang berubah sejak penerbitan terakhir."),
        )

    def handle(self, *args, if_changed=False, **options):
        start = time.perf_counter()
        result = publish_open_data(only_if_changed=if_changed)
        seconds = time.perf_counter() - start
        if not result.changed and not result.unchanged:
            self.stdout.write(_("Tidak ada data yang berubah; data terbuka tidak diterbitkan ulang."))
            return
        changed = ", ".join(code or _("nasional") for code in result.changed) or "-"
        self.stdout.write(
            _("Data terbuka diterbitkan dalam %(seconds).1f detik: berubah %(changed)s; tetap %(unchanged)s rilis.")
            % {"seconds": seconds, "changed": changed, "unchanged": len(result.unchanged)}
        )
