"""The tables behind the rekap's downloads: the rekap's own figures, and each list of the area row by row.

The lists read through `RekapArea.scoped` (the user's area, then the wilayah) and stream: `iterator()` with a
fixed number of queries per chunk. The WKSBM and KPS lists use the import's columns, so they import back.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from registry import extensions
from registry.db.collation import AsForeignKeyCode
from registry.enums import WilayahLevel, WksbmStatus
from registry.exports.files import Table
from registry.exports.lists import (
    CHUNK,
    KPS_COLUMNS,
    WKSBM_COLUMNS,
    kps_rows,
    place,
    place_columns,
    with_masked_phones,
    wksbm_rows,
)
from registry.models import Kps, Wilayah, Wksbm
from registry.reports.area import RekapArea
from registry.reports.rekap import Rekap
from registry.validators import display_phone

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
]


def breakdown_row(row, *, name: str, columns=()) -> dict:
    """One line of the breakdown download: the registry's figures, then the contributed `columns`'."""
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
    } | {column.column: column.value(row.figures) for column in columns}


def area_name(area: RekapArea) -> str:
    return area.wilayah.display_name if area.wilayah else _("Seluruh wilayah kerja")


def rekap_tables(rekap: Rekap) -> list[Table]:
    """Every figure of the rekap page, one table each, in the page's order, after a first table saying which data
    they count (everything, or verified only: `RekapArea.data_label`): the contributed sections' tables come
    after the WKSBM's and before the money's, as their sections do on the page."""
    own_level = _("%(name)s (tingkat ini sendiri)") % {"name": area_name(rekap.area)}
    columns = rekap.columns
    breakdown = [
        breakdown_row(row, name=row.wilayah.display_name if row.wilayah else own_level, columns=columns)
        for row in rekap.rows
    ]
    total_name = _("Jumlah %(name)s") % {"name": area_name(rekap.area)}
    breakdown.append(breakdown_row(rekap.total, name=total_name, columns=columns))
    contributed = [table for section, data in rekap.contributed for table in section.tables(data)]
    total = rekap.total
    board = [
        {"kepengurusan": _("Lengkap"), "jumlah": rekap.board_complete},
        {"kepengurusan": _("Belum lengkap"), "jumlah": total.incomplete},
    ]
    return [
        Table(_("Keterangan"), ["data"], [{"data": rekap.area.data_label}]),
        Table(_("Rekap per wilayah"), BREAKDOWN_COLUMNS + [column.column for column in columns], breakdown),
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
        *contributed,
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
WITHOUT_COLUMNS = ["kode_wilayah", "kabupaten", "kecamatan", "desa"]


def dormant_queryset(area: RekapArea):
    """The possibly dormant WKSBM of the area, with their last report, in wilayah order."""
    return (
        area.scoped(Wksbm.objects.all())
        .possibly_dormant(verified_only=area.verified_only)
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
            "telepon": display_phone(wksbm.phone),
        }


def without_active_rows(area: RekapArea):
    """The desa/kelurahan of the area without an active WKSBM: where the next one is to be formed."""
    active = area.verified(
        Wksbm.objects.filter(wilayah_id=AsForeignKeyCode(OuterRef("code")), status=WksbmStatus.AKTIF)
    )
    desa = area.scoped(Wilayah.objects.filter(level=WilayahLevel.DESA)).exclude(Exists(active))
    fields = ("code", "level", "name", "parent__name", "parent__parent__name")
    for values in desa.order_by("code").values_list(*fields).iterator(chunk_size=CHUNK):
        yield place_columns(*values)


# Every list of the area by slug (`registry.extensions.AreaList`): the registry's own, then those other apps
# register (trainings' events and programs).
for _list in (
    extensions.AreaList(
        "wksbm", _("Daftar WKSBM"), 0, WKSBM_COLUMNS, lambda area: wksbm_rows(area.scoped(Wksbm.objects.all()))
    ),
    extensions.AreaList("kps", _("Daftar KPS"), 10, KPS_COLUMNS, lambda area: kps_rows(area.scoped(Kps.objects.all()))),
    extensions.AreaList("mungkin-vakum", _("WKSBM mungkin vakum"), 20, DORMANT_COLUMNS, dormant_rows),
    extensions.AreaList(
        "desa-tanpa-wksbm-aktif", _("Desa tanpa WKSBM aktif"), 30, WITHOUT_COLUMNS, without_active_rows
    ),
):
    extensions.area_lists.register(_list)
LISTS = extensions.area_lists


def list_table(area: RekapArea, slug: str, *, phones: bool) -> Table:
    """The list `slug` (a key of LISTS) of the area, as a download table; its phone numbers masked unless
    `phones` (`registry.roles.may_see_phone_numbers`)."""
    entry = LISTS[slug]
    title, columns = entry.title, entry.columns
    table_rows = entry.rows(area)
    if not phones and "telepon" in columns:
        table_rows = with_masked_phones(table_rows)
    return Table(title, columns, table_rows)
