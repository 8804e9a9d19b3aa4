"""`python manage.py seed_scale --wksbm N --kps M [--events E] [--provinsi 34 …] [--append] [--seed S]`.

Fills a database with synthetic WKSBM, boards, KPS, memberships, reports and penyuluhan events over the loaded
wilayah (loading the missing provinsi first). Bulk inserts (COPY on PostgreSQL), no history rows: for benchmarks only.
"""

import io
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from lokal.provinces import PROVINCES

from registry.demo.scale import ScaleRefused, seed_scale
from registry.enums import WilayahLevel
from registry.models import Wilayah


class Command(BaseCommand):
    help = (
        "Mengisi basis data dengan data sintetis berskala nasional untuk benchmark: N WKSBM (sebagian di tingkat "
        "kecamatan) tersebar di seluruh desa/kelurahan, pengurusnya, M KPS beserta keanggotaannya, dan laporan "
        "kegiatan, serta E kegiatan penyuluhan (dengan program, peserta dan hasilnya). Wilayah yang belum dimuat "
        "dimuat lebih dulu. Data ditulis secara massal (COPY di PostgreSQL) "
        "TANPA riwayat perubahan (history), jadi hanya untuk benchmark, bukan untuk data sungguhan. Menolak "
        "basis data yang sudah berisi WKSBM kecuali dengan --append."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wksbm", type=int, required=True, metavar="N", help="Jumlah WKSBM yang dibuat.")
        parser.add_argument("--kps", type=int, required=True, metavar="M", help="Jumlah KPS yang dibuat.")
        parser.add_argument(
            "--events", type=int, default=0, metavar="E", help="Jumlah kegiatan penyuluhan yang dibuat (bawaan 0)."
        )
        parser.add_argument(
            "--provinsi",
            action="append",
            default=[],
            metavar="KODE",
            help="Hanya di provinsi ini (bisa diulang), mis. --provinsi 34; tanpa opsi ini: seluruh Indonesia.",
        )
        parser.add_argument("--append", action="store_true", help="Tambahkan ke basis data yang sudah berisi WKSBM.")
        parser.add_argument("--seed", type=int, default=1, help="Benih bilangan acak (hasil sama untuk benih sama).")

    def handle(self, *args, wksbm, kps, events, provinsi, append, seed, **options):
        if wksbm < 0 or kps < 0 or events < 0:
            raise CommandError("--wksbm, --kps dan --events tidak boleh negatif.")
        unknown = sorted(set(provinsi) - PROVINCES.keys())
        if unknown:
            raise CommandError(f"Kode provinsi tidak dikenal: {', '.join(unknown)}.")

        started = time.perf_counter()
        missing = [code for code in provinsi or PROVINCES if not _desa_loaded(code)]
        if missing:
            self.stdout.write(f"Memuat wilayah {len(missing)} provinsi yang belum ada…")
            provinsi_args = [arg for code in missing for arg in ("--provinsi", code)]
            call_command("load_wilayah", *provinsi_args, stdout=io.StringIO())
        loaded = time.perf_counter()

        try:
            counts = seed_scale(wksbm=wksbm, kps=kps, events=events, provinces=list(provinsi), append=append, seed=seed)
        except ScaleRefused as exc:
            raise CommandError(str(exc)) from exc
        finished = time.perf_counter()

        self.stdout.write(
            f"Dibuat {counts.wksbm} WKSBM, {counts.pengurus} pengurus, {counts.kps} KPS, "
            f"{counts.memberships} keanggotaan, {counts.reports} laporan kegiatan "
            f"({counts.collections} penghimpunan dana, {counts.distributions} penyaluran bantuan), "
            f"{counts.events.get('events', 0)} kegiatan penyuluhan ({counts.events.get('programs', 0)} program, "
            f"{counts.events.get('outcomes', 0)} WKSBM terbentuk), tanpa riwayat."
        )
        self.stdout.write(f"Waktu: wilayah {loaded - started:.1f} s, data {finished - loaded:.1f} s.")
        if options["verbosity"] > 1:
            self.stdout.write(
                "Per tabel: " + ", ".join(f"{table} {seconds:.1f} s" for table, seconds in counts.seconds.items())
            )


def _desa_loaded(provinsi: str) -> bool:
    return Wilayah.objects.filter(code__startswith=f"{provinsi}.", level=WilayahLevel.DESA).exists()
