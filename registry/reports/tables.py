"""The tables behind the rekap's downloads: the rekap's own figures, and each list of the area row by row.

The lists read through `RekapArea.scoped` (the user's area, then the wilayah) and stream: `iterator()` with a
fixed number of queries per chunk. The WKSBM and KPS lists use the import's columns, so they import back.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel, WksbmStatus
from registry.imports.export import (
    CHUNK,
    KPS_COLUMNS,
    WKSBM_COLUMNS,
    kps_rows,
    national_phone,
    place,
    place_columns,
    with_masked_phones,
    wksbm_rows,
)
from registry.models import Kps, Wilayah, Wksbm
from registry.querysets import AsForeignKeyCode
from registry.reports.area import RekapArea
from registry.reports.exports import Table
from registry.reports.rekap import Rekap
from trainings.models import Penyuluhan, Program
from trainings.places import place_name
from trainings.reports import EVENT_RELATED

BREAKDOWN_COLUMNS = [
    "kode_wilayah",
    "wilayah",
    "wksbm",
    "aktif",
    "vakum",
    "bubar",
    "pengurus_belum_lengkap",
    "mungkin_vakum",
    "desa_kelurahan",
    "desa_kelurahan_dengan_wksbm_aktif",
    "cakupan_persen",
    "kps",
    "kegiatan_penyuluhan",
    "peserta_penyuluhan",
]


def breakdown_row(row, *, name: str) -> dict:
    return {
        "kode_wilayah": row.code,
        "wilayah": name,
        "wksbm": row.wksbm,
        "aktif": row.status[WksbmStatus.AKTIF],
        "vakum": row.status[WksbmStatus.VAKUM],
        "bubar": row.status[WksbmStatus.BUBAR],
        "pengurus_belum_lengkap": row.incomplete,
        "mungkin_vakum": row.dormant,
        "desa_kelurahan": row.desa_total,
        "desa_kelurahan_dengan_wksbm_aktif": row.desa_covered,
        "cakupan_persen": row.coverage_percent,
        "kps": row.kps,
        "kegiatan_penyuluhan": row.events,
        "peserta_penyuluhan": row.participants,
    }


def area_name(area: RekapArea) -> str:
    return area.wilayah.display_name if area.wilayah else _("Seluruh wilayah kerja")


def rekap_tables(rekap: Rekap) -> list[Table]:
    """Every figure of the rekap page, one table each, in the page's order."""
    own_level = _("%(name)s (tingkat ini sendiri)") % {"name": area_name(rekap.area)}
    breakdown = [breakdown_row(row, name=row.wilayah.display_name if row.wilayah else own_level) for row in rekap.rows]
    breakdown.append(breakdown_row(rekap.total, name=_("Jumlah %(name)s") % {"name": area_name(rekap.area)}))
    total = rekap.total
    board = [
        {"kepengurusan": _("Lengkap"), "jumlah": rekap.board_complete},
        {"kepengurusan": _("Belum lengkap"), "jumlah": total.incomplete},
    ]
    return [
        Table(_("Rekap per wilayah"), BREAKDOWN_COLUMNS, breakdown),
        Table(
            _("WKSBM menurut status"),
            ["status", "jumlah"],
            [{"status": label, "jumlah": count} for _value, label, count in rekap.status_counts],
        ),
        Table(_("Kepengurusan WKSBM tidak bubar"), ["kepengurusan", "jumlah"], board),
        Table(
            _("KPS menurut jenis"),
            ["jenis_kps", "jumlah"],
            [{"jenis_kps": k, "jumlah": n} for k, n in rekap.kps_by_kind],
        ),
        Table(
            _("WKSBM baru per tahun"),
            ["tahun_pembentukan", "jumlah"],
            [{"tahun_pembentukan": year or _("tanpa tanggal"), "jumlah": n} for year, n in rekap.new_per_year],
        ),
        Table(
            _("Penyuluhan per tahun"),
            ["tahun", "kegiatan", "peserta"],
            [{"tahun": y.year, "kegiatan": y.events, "peserta": y.participants} for y in rekap.events_per_year],
        ),
        Table(
            _("Peserta menurut unsur"),
            ["unsur", "peserta_bernama", "peserta_terhitung", "jumlah"],
            [
                {"unsur": r.unsur.name, "peserta_bernama": r.named, "peserta_terhitung": r.counted, "jumlah": r.total}
                for r in rekap.by_unsur
            ],
        ),
        Table(
            _("Program per tahun"),
            ["tahun", "program", "target_wksbm_baru", "wksbm_terbentuk", "capaian_persen"],
            [
                {
                    "tahun": y.year,
                    "program": y.programs,
                    "target_wksbm_baru": y.target,
                    "wksbm_terbentuk": y.formed,
                    "capaian_persen": y.percent,
                }
                for y in rekap.program_years
            ],
        ),
        Table(
            _("Dana terhimpun"),
            ["tahun", "sumber_dana", "jumlah_rp"],
            [
                {"tahun": y.year, "sumber_dana": name, "jumlah_rp": amount}
                for y in rekap.collected
                for name, amount, _ in y.lines
            ],
        ),
        Table(
            _("Bantuan tersalur"),
            ["tahun", "tujuan_bantuan", "jumlah_rp", "penerima"],
            [
                {"tahun": y.year, "tujuan_bantuan": name, "jumlah_rp": amount, "penerima": people}
                for y in rekap.distributed
                for name, amount, people in y.lines
            ],
        ),
    ]


DORMANT_COLUMNS = ["kode_wilayah", "kabupaten", "kecamatan", "desa", "nama_wksbm", "tanggal_pembentukan"]
DORMANT_COLUMNS += ["kegiatan_terakhir", "telepon"]
EVENT_COLUMNS = ["tanggal_mulai", "tanggal_selesai", "kode_wilayah", "tempat", "jenis_kegiatan", "tema", "program"]
EVENT_COLUMNS += ["peserta", "narasumber", "wksbm_terbentuk"]
PROGRAM_COLUMNS = ["tahun", "nama_program", "kode_wilayah", "wilayah", "kegiatan", "peserta", "narasumber"]
PROGRAM_COLUMNS += ["target_wksbm_baru", "wksbm_terbentuk", "capaian_persen"]
WITHOUT_COLUMNS = ["kode_wilayah", "kabupaten", "kecamatan", "desa"]


def dormant_queryset(area: RekapArea):
    """The possibly dormant WKSBM of the area, with their last report, in wilayah order."""
    return (
        area.scoped(Wksbm.objects.all())
        .possibly_dormant()
        .with_summary()
        .select_related("wilayah__parent__parent")
        .order_by("wilayah_id", "name", "pk")
    )


def dormant_rows(area: RekapArea):
    for wksbm in dormant_queryset(area).iterator(chunk_size=CHUNK):
        yield {
            **place(wksbm.wilayah),
            "nama_wksbm": wksbm.name,
            "tanggal_pembentukan": wksbm.formed_on,
            "kegiatan_terakhir": wksbm.last_activity_on,
            "telepon": national_phone(wksbm.phone),
        }


def without_active_rows(area: RekapArea):
    """The desa/kelurahan of the area without an active WKSBM: where the next one is to be formed."""
    active = Wksbm.objects.filter(wilayah_id=AsForeignKeyCode(OuterRef("code")), status=WksbmStatus.AKTIF)
    desa = area.scoped(Wilayah.objects.filter(level=WilayahLevel.DESA)).exclude(Exists(active))
    fields = ("code", "level", "name", "parent__name", "parent__parent__name")
    for values in desa.order_by("code").values_list(*fields).iterator(chunk_size=CHUNK):
        yield place_columns(*values)


def event_rows(area: RekapArea):
    events = area.scoped(Penyuluhan.objects.all()).with_totals().select_related(*EVENT_RELATED)
    for event in events.order_by("starts_on", "wilayah_id", "pk").iterator(chunk_size=CHUNK):
        yield {
            "tanggal_mulai": event.starts_on,
            "tanggal_selesai": event.ends_on,
            "kode_wilayah": event.wilayah_id,
            "tempat": place_name(event.wilayah),
            "jenis_kegiatan": event.kind.name,
            "tema": event.theme,
            "program": event.program.name if event.program else "",
            "peserta": event.participant_total,
            "narasumber": event.narasumber_count,
            "wksbm_terbentuk": event.formed_count,
        }


def program_rows(area: RekapArea):
    programs = area.scoped(Program.objects.all()).with_figures().select_related("wilayah__parent")
    for program in programs.order_by("-year", "name", "pk").iterator(chunk_size=CHUNK):
        yield {
            "tahun": program.year,
            "nama_program": program.name,
            "kode_wilayah": program.wilayah_id,
            "wilayah": place_name(program.wilayah) or program.wilayah.name,
            "kegiatan": program.event_count,
            "peserta": program.participant_total,
            "narasumber": program.narasumber_count,
            "target_wksbm_baru": program.target_new_wksbm,
            "wksbm_terbentuk": program.formed_count,
            "capaian_persen": program.achievement_percent,
        }


# Every list of the area: slug → (title, columns, rows of the area).
LISTS = {
    "wksbm": (_("Daftar WKSBM"), WKSBM_COLUMNS, lambda area: wksbm_rows(area.scoped(Wksbm.objects.all()))),
    "kps": (_("Daftar KPS"), KPS_COLUMNS, lambda area: kps_rows(area.scoped(Kps.objects.all()))),
    "mungkin-vakum": (_("WKSBM mungkin vakum"), DORMANT_COLUMNS, dormant_rows),
    "desa-tanpa-wksbm-aktif": (_("Desa tanpa WKSBM aktif"), WITHOUT_COLUMNS, without_active_rows),
    "kegiatan": (_("Kegiatan penyuluhan"), EVENT_COLUMNS, event_rows),
    "program": (_("Program penyuluhan"), PROGRAM_COLUMNS, program_rows),
}


def list_table(area: RekapArea, slug: str, *, phones: bool) -> Table:
    """The list `slug` (a key of LISTS) of the area, as a download table; its phone numbers masked unless
    `phones` (`registry.roles.may_see_phone_numbers`)."""
    title, columns, rows = LISTS[slug]
    table_rows = rows(area)
    if not phones and "telepon" in columns:
        table_rows = with_masked_phones(table_rows)
    return Table(title, columns, table_rows)
