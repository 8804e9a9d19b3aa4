"""`python manage.py seed_scale --wksbm N --kps M [--events E] [--provinsi 34 …] [--append] [--seed S]`.

Fills a database with synthetic WKSBM, boards, KPS, memberships, reports, their network (mitra, ties, forums:
`registry.demo.scale_network`) and penyuluhan events over the loaded
wilayah (loading the missing provinsi first). Bulk inserts (COPY on PostgreSQL), no history rows: for benchmarks only.
"""

import io
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from lokal.provinces import PROVINCES

from registry.demo.scale import ScaleRefused, seed_scale
from registry.enums import WilayahLevel
from registry.models import Wilayah


class Command(BaseCommand):
    help = _(
        "Mengisi basis data dengan data sintetis berskala nasional untuk benchmark: N WKSBM (sebagian di tingkat "
        "kecamatan) tersebar di seluruh desa/kelurahan, pengurusnya, M KPS beserta keanggotaannya, dan laporan "
        "kegiatan, serta E kegiatan penyuluhan (dengan program, peserta dan hasilnya). Wilayah yang belum dimuat "
        "dimuat lebih dulu. Data ditulis secara massal (COPY di PostgreSQL) "
        "TANPA riwayat perubahan (history), jadi hanya untuk benchmark, bukan untuk data sungguhan. Menolak "
        "basis data yang sudah berisi WKSBM kecuali dengan --append."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wksbm", type=int, required=True, metavar="N", help=_("Jumlah WKSBM yang dibuat."))
        parser.add_argument("--kps", type=int, required=True, metavar="M", help=_("Jumlah KPS yang dibuat."))
        parser.add_argument(
            "--events", type=int, default=0, metavar="E", help=_("Jumlah kegiatan penyuluhan yang dibuat (bawaan 0).")
        )
        parser.add_argument(
            "--provinsi",
            action="append",
            default=[],
            metavar="KODE",
            help=_("Hanya di provinsi ini (bisa diulang), mis. --provinsi 34; tanpa opsi ini: seluruh Indonesia."),
        )
        parser.add_argument("--append", action="store_true", help=_("Tambahkan ke basis data yang sudah berisi WKSBM."))
        parser.add_argument("--seed", type=int, default=1, help=_("Benih bilangan acak (hasil sama untuk benih sama)."))

    def handle(self, *args, wksbm, kps, events, provinsi, append, seed, **options):
        if wksbm < 0 or kps < 0 or events < 0:
            raise CommandError(_("--wksbm, --kps dan --events tidak boleh negatif."))
        unknown = sorted(set(provinsi) - PROVINCES.keys())
        if unknown:
            raise CommandError(_("Kode provinsi tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)})

        started = time.perf_counter()
        missing = [code for code in provinsi or PROVINCES if not _desa_loaded(code)]
        if missing:
            self.stdout.write(_("Memuat wilayah %(count)s provinsi yang belum ada…") % {"count": len(missing)})
            provinsi_args = [arg for code in missing for arg in ("--provinsi", code)]
            call_command("load_wilayah", *provinsi_args, stdout=io.StringIO())
        loaded = time.perf_counter()

        try:
            counts = seed_scale(wksbm=wksbm, kps=kps, events=events, provinces=list(provinsi), append=append, seed=seed)
        except ScaleRefused as exc:
            raise CommandError(str(exc)) from exc
        finished = time.perf_counter()

        self.stdout.write(
            _(
                "Dibuat %(wksbm)s WKSBM, %(pengurus)s pengurus, %(kps)s KPS, %(memberships)s keanggotaan, "
                "%(reports)s laporan kegiatan (%(collections)s penghimpunan dana, %(distributions)s penyaluran "
                "bantuan), %(events)s kegiatan penyuluhan (%(programs)s program, %(outcomes)s WKSBM terbentuk), "
                "tanpa riwayat."
            )
            % {
                "wksbm": counts.wksbm,
                "pengurus": counts.pengurus,
                "kps": counts.kps,
                "memberships": counts.memberships,
                "reports": counts.reports,
                "collections": counts.collections,
                "distributions": counts.distributions,
                "events": counts.events.get("events", 0),
                "programs": counts.events.get("programs", 0),
                "outcomes": counts.events.get("outcomes", 0),
            }
        )
        network = {key: counts.network.get(key, 0) for key in ("mitra", "contacts", "ties", "forums", "meetings")}
        self.stdout.write(
            _(
                "Jejaring: %(mitra)s mitra (%(contacts)s narahubung), %(ties)s jejaring, %(forums)s forum komunikasi "
                "WKSBM (%(members)s anggota, %(meetings)s pertemuan)."
            )
            % {**network, "members": counts.network.get("forum_members", 0)}
        )
        self.stdout.write(
            _("Waktu: wilayah %(wilayah).1f s, data %(data).1f s.")
            % {"wilayah": loaded - started, "data": finished - loaded}
        )
        if options["verbosity"] > 1:
            self.stdout.write(
                _("Per tabel: %(tables)s")
                % {"tables": ", ".join(f"{table} {seconds:.1f} s" for table, seconds in counts.seconds.items())}
            )


def _desa_loaded(provinsi: str) -> bool:
    return Wilayah.objects.within([provinsi]).filter(level=WilayahLevel.DESA).exists()
