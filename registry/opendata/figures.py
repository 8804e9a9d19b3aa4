"""The open data's figures (issue 22): one row per wilayah of a province at every published level, counting what the
rekap counts, from the rekap's own reads.

`build_figures(province, lowest_level=…)` runs the rekap's grouped reads (`registry.reports.rekap`: WKSBM by
status, desa with an active WKSBM, KPS by kind) and each contributed `registry.extensions.open_data_figures` entry
(trainings: penyuluhan per year, evaluation classes) once for the whole province, grouped by the record's own
wilayah code, then adds every wilayah's figures into the rows of the wilayah above it. A fixed number of queries
whatever the number of wilayah or records: one for the wilayah list, one for the KPS kinds, the rekap's three and
each contribution's own.

The figures are those of everything recorded (the rekap's default), read as the system reading the whole province
(`registry.reports.snapshots.AreaReader`). No name of a person, no phone number and no record of its own is ever
read into a row; rows below `lowest_level` are not made at all.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.enums import WilayahLevel, WksbmStatus
from registry.models import KpsKind, Wilayah, Wksbm
from registry.reports.area import RekapArea
from registry.reports.percent import whole_percent
from registry.reports.rekap import Row, coverage_figures, kps_figures, wksbm_figures
from registry.reports.snapshots import AreaReader
from registry.scoping import code_prefix_q

Column = extensions.OpenDataColumn

# The level names as the files write them (snake_case values, stable whatever the language).
LEVEL_VALUES = {
    WilayahLevel.PROVINSI: "provinsi",
    WilayahLevel.KABUPATEN: "kabupaten_kota",
    WilayahLevel.KECAMATAN: "kecamatan",
    WilayahLevel.DESA: "desa_kelurahan",
}

PLACE_COLUMNS = [
    Column("", "kode_wilayah", _("Kode wilayah"), _("Kode wilayah Kemendagri (Kepmendagri 300.2.2-2138/2025)."), "-"),
    Column(
        "", "nama_wilayah", _("Nama wilayah"), _("Nama wilayah, dengan sebutan daerahnya (Kapanewon, Kalurahan)."), "-"
    ),
    Column(
        "",
        "tingkat",
        _("Tingkat wilayah"),
        _("provinsi, kabupaten_kota, kecamatan atau desa_kelurahan."),
        "-",
    ),
    Column(
        "",
        "kode_induk",
        _("Kode wilayah induk"),
        _("Kode wilayah satu tingkat di atasnya; kosong untuk provinsi."),
        "-",
    ),
]
REGISTRY_COLUMNS = [
    Column("wksbm", "wksbm", _("Jumlah WKSBM"), _("WKSBM tercatat di wilayah ini, semua status."), _("unit")),
    Column("aktif", "wksbm_aktif", _("WKSBM aktif"), _("WKSBM berstatus aktif."), _("unit")),
    Column("vakum", "wksbm_vakum", _("WKSBM vakum"), _("WKSBM berstatus vakum (tidak berkegiatan)."), _("unit")),
    Column("bubar", "wksbm_bubar", _("WKSBM bubar"), _("WKSBM berstatus bubar."), _("unit")),
    Column(
        "desa_total",
        "desa_kelurahan",
        _("Jumlah desa/kelurahan"),
        _("Desa dan kelurahan di wilayah ini menurut kode wilayah Kemendagri."),
        _("desa/kelurahan"),
    ),
    Column(
        "desa_covered",
        "desa_kelurahan_dengan_wksbm_aktif",
        _("Desa/kelurahan dengan WKSBM aktif"),
        _("Desa dan kelurahan yang memiliki sedikitnya satu WKSBM aktif."),
        _("desa/kelurahan"),
    ),
    Column(
        "coverage",
        "persen_desa_kelurahan_dengan_wksbm_aktif",
        _("Persentase desa/kelurahan dengan WKSBM aktif"),
        _(
            "Desa/kelurahan dengan WKSBM aktif dibagi jumlah desa/kelurahan, dibulatkan ke bawah; kosong bila tidak "
            "ada desa/kelurahan."
        ),
        _("persen"),
    ),
    Column(
        "kps",
        "kps",
        _("Jumlah KPS"),
        _("Keperangkatan Pelayanan Sosial tercatat di wilayah ini, semua jenis."),
        _("unit"),
    ),
]


class OpenDataArea(RekapArea):
    """A province as the open data reads it: the rekap's area, but every record keyed by its own wilayah code (the
    rows are then summed up the tree), not by a breakdown row."""

    def row_key(self, code_field: str):
        return F(code_field)


@dataclass
class Figures:
    """The rows (province first, then by code) and their columns, in the files' order."""

    province: Wilayah
    lowest_level: int
    on: datetime.date
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    # Contributed definitions that depend on the data ("periode 2026"), shown in the metadata's description.
    notes: list[str] = field(default_factory=list)


def kps_columns(kinds) -> list[Column]:
    """A column per KPS kind (every kind of the list, in its order, so the columns stay the same year to year)."""
    return [
        Column(
            f"kps:{kind.slug}",
            f"kps_{kind.slug.replace('-', '_')}",
            gettext("KPS %(kind)s") % {"kind": kind.name},
            gettext("KPS berjenis %(kind)s.") % {"kind": kind.name},
            gettext("unit"),
        )
        for kind in kinds
    ]


def _ancestors(code: str) -> list[str]:
    """The codes above `code`, nearest first: 34.03.03.2007 → 34.03.03, 34.03, 34."""
    parts = code.split(".")
    return [".".join(parts[:length]) for length in range(len(parts) - 1, 0, -1)]


def build_figures(province: Wilayah, *, lowest_level: int, on: datetime.date | None = None) -> Figures:
    """The figures of `province` (a provinsi) per wilayah down to `lowest_level`, on the day `on` (today)."""
    on = on or dates.today()
    area = OpenDataArea(user=AreaReader(province.code), wilayah=province)
    own: dict[str, Row] = {}

    def row(code: str) -> Row:
        line = own.get(code)
        if line is None:
            line = own[code] = Row(code)
        return line

    wksbm_figures(area.scoped(Wksbm.objects.all()), area, on, row)
    coverage_figures(area, row)
    kps_figures(area, row)
    contributed: list[Column] = []
    for entry in extensions.open_data_figures.values():
        contributed += entry.build(area, row)
    kinds = list(KpsKind.objects.order_by("sort_order", "name"))

    # Every wilayah's figures: its own plus all below it (a kecamatan-level WKSBM counts in its kecamatan).
    totals: dict[str, Row] = {}
    for code, line in own.items():
        for target in [code, *_ancestors(code)]:
            totals.setdefault(target, Row(target)).add(line)
    places = (
        Wilayah.objects.filter(code_prefix_q("code", [province.code]), level__lte=lowest_level)
        .only("code", "name", "level", "kind", "parent_id")
        .order_by("code")
    )
    columns = PLACE_COLUMNS + REGISTRY_COLUMNS + kps_columns(kinds) + contributed
    figures = Figures(province=province, lowest_level=lowest_level, on=on, columns=columns)
    for wilayah in places:
        figures.rows.append(_row_values(wilayah, totals.get(wilayah.code) or Row(wilayah.code), kinds, contributed))
    return figures


def _row_values(wilayah: Wilayah, line: Row, kinds, contributed: list[Column]) -> dict:
    """One row of the files, by column header."""
    values = {
        "kode_wilayah": wilayah.code,
        "nama_wilayah": wilayah.display_name,
        "tingkat": LEVEL_VALUES[wilayah.level],
        "kode_induk": wilayah.parent_id or "",
        "wksbm": line.wksbm,
        "wksbm_aktif": line.status[WksbmStatus.AKTIF],
        "wksbm_vakum": line.status[WksbmStatus.VAKUM],
        "wksbm_bubar": line.status[WksbmStatus.BUBAR],
        "desa_kelurahan": line.desa_total,
        "desa_kelurahan_dengan_wksbm_aktif": line.desa_covered,
        "persen_desa_kelurahan_dengan_wksbm_aktif": whole_percent(line.desa_covered, line.desa_total),
        "kps": line.kps,
    }
    for kind in kinds:
        values[f"kps_{kind.slug.replace('-', '_')}"] = line.kps_kinds.get(kind.slug, 0)
    for column in contributed:
        values[column.column] = line.figures.get(column.key, 0)
    return values
