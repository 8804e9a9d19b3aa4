"""Frozen rekap snapshots: freezing the rekap of an area as it stands, reading a snapshot's download back, and
comparing a snapshot with the rekap as it stands now (issue 20, "Figures that stay as reported").

A snapshot stores what was printed and what was downloaded, never the means to recompute them: the printed rekap's
document rendered to HTML (`registry/reports/_rekap_document.html`, the very template the live printed rekap uses)
and the download's tables (`registry.reports.tables.rekap_tables`) encoded as JSON (`encode_tables`). Reading one
back needs neither the registry's records nor the code of the rekap's sections as they were.
"""

import datetime
import decimal
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.documents import Signature, kop_surat, office_heading, signature
from registry.exports.files import DATE_FORMAT, Table
from registry.imports.headers import column_title
from registry.models import OfficeSettings, RekapSnapshot, display_name
from registry.reports.area import RekapArea, rekap_area
from registry.reports.charts import rekap_charts
from registry.reports.rekap import build_rekap
from registry.reports.tables import area_name, rekap_tables
from registry.services.base import save_validated

DOCUMENT_TEMPLATE = "registry/reports/_rekap_document.html"


# Who froze a snapshot that no user froze: the close of a period on its last day (`close_pemutakhiran_periods`).
SYSTEM_NAME = _("sistem")


class AreaReader:
    """The reader of a rekap frozen by the system: it sees exactly the wilayah `code` and what lies under it, as an
    admin of that area would (`registry.scoping.area_codes` reads its `_area_codes`), and holds no permission."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    pk = None

    def __init__(self, code: str) -> None:
        self._area_codes = [code]


def freeze_rekap(*, by, area_code: str, title: str, note: str = "", verified_only: bool = False) -> RekapSnapshot:
    """Freezes the rekap of the wilayah `area_code` as `by` sees it now, titled `title` (e.g. "Rekap Pemutakhiran
    2027") with an optional `note`, counting only verified records when `verified_only`, and returns the saved
    snapshot.

    The snapshot holds the printed rekap (under the office's kop surat, signed by `by`, dated today) and the tables
    of the rekap's download, with who froze it and when and which data it counts; history records the freezing.
    The figures are those `by` may see (their area, narrowed to the wilayah). `by` None is the system (a period
    closed on its last day): it sees the whole wilayah, and the snapshot names "sistem" as who froze it. Callers:
    the rekap page's "Bekukan rekap", the admin, the command `freeze_rekap`, and the close of a pemutakhiran
    period.

    Raises ValidationError (nothing saved) for no wilayah, a wilayah outside `by`'s area or unknown, or a missing
    title.
    """
    if not area_code:
        # The rekap of a user's several areas at once is no one wilayah's: it is not what an office reports.
        raise ValidationError({"wilayah": ValidationError(_("Pilih satu wilayah untuk dibekukan."), code="required")})
    reader = AreaReader(area_code) if by is None else by
    try:
        area = rekap_area(reader, area_code, verified_only=verified_only)
    except Http404:
        raise ValidationError(
            {"wilayah": ValidationError(_("Wilayah ini di luar wilayah kerja Anda."), code="outside")}
        ) from None
    # Rendered in the office's language whoever calls (a command runs without a request's language).
    with translation.override(settings.LANGUAGE_CODE):
        rekap = build_rekap(area)
        tables = encode_tables(rekap_tables(rekap))
        printed = render_to_string(DOCUMENT_TEMPLATE, _document_context(by, reader, area, rekap))
        frozen_by_name = str(SYSTEM_NAME) if by is None else display_name(by)
    snapshot = RekapSnapshot(
        wilayah=area.wilayah,
        title=title.strip(),
        note=note.strip(),
        frozen_at=timezone.now(),
        frozen_by=by,
        frozen_by_name=frozen_by_name,
        verified_only=verified_only,
        printed_html=printed,
        tables=tables,
    )
    return save_validated(snapshot, by=by)


def _document_context(by, reader, area: RekapArea, rekap) -> dict:
    """What the printed rekap's document reads (`registry.documents.printed_document` without a request): the
    office's kop surat, the figures and charts, and `by`'s signature, dated today; frozen by the system (`by`
    None), the heading is the area's office and the signature block names no one."""
    office = OfficeSettings.current()
    heading = office_heading(reader, area.wilayah)
    if by is None:
        signed = Signature(place=office.signing_place, on=dates.today(), jabatan="", name="", nip="", user_id=None)
    else:
        signed = signature(by, office)
    return {
        "rekap": rekap,
        "area": area,
        "area_name": area_name(area),
        "charts": rekap_charts(rekap),
        "office": heading,
        "kop": kop_surat(office, heading),
        "signature": signed,
        "printed_by": str(SYSTEM_NAME) if by is None else display_name(by),
    }


# A value of a download table in JSON: numbers, text and nothing as they are; dates, times and decimals tagged so
# that they read back as the same type (a date cell stays a date cell in the workbook).
_TAGGED = {
    "date": (datetime.date, datetime.date.fromisoformat),
    "datetime": (datetime.datetime, datetime.datetime.fromisoformat),
    "decimal": (decimal.Decimal, decimal.Decimal),
}


def encode_value(value):
    """`value` of a download cell as JSON: None, bool, int, float and text as they are (lazy text as rendered now),
    a date, datetime or Decimal as `{"date": "2025-06-17"}`; anything else as its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"decimal": str(value)}
    return str(value)


def decode_value(value):
    """The cell value `encode_value` encoded, of the same type."""
    if isinstance(value, dict):
        ((tag, text),) = value.items()
        return _TAGGED[tag][1](text)
    return value


def encode_tables(tables: list[Table]) -> list[dict]:
    """`tables` as JSON: `[{"title", "columns", "rows": [[cell, ...], ...]}]`, each row's cells in column order."""
    return [
        {
            "title": str(table.title),
            "columns": list(table.columns),
            "rows": [[encode_value(row.get(column)) for column in table.columns] for row in table.rows],
        }
        for table in tables
    ]


def decode_tables(stored: list[dict]) -> list[Table]:
    """The download tables of a snapshot's stored `tables`, as they were when it was frozen."""
    return [
        Table(
            table["title"],
            table["columns"],
            [dict(zip(table["columns"], map(decode_value, row), strict=True)) for row in table["rows"]],
        )
        for table in stored
    ]


def current_tables(snapshot: RekapSnapshot, user) -> list[dict]:
    """The tables of the rekap of the snapshot's wilayah as `user` sees it now, counting the same data as the
    snapshot (everything, or verified only), encoded as a snapshot's are (404 when the wilayah lies outside the
    user's area)."""
    area = rekap_area(user, snapshot.wilayah_id, verified_only=snapshot.verified_only)
    return encode_tables(rekap_tables(build_rekap(area)))


def shown(value) -> str:
    """A stored cell as a comparison shows it: dates as 17/06/2025, nothing as "–"."""
    value = decode_value(value)
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.datetime):
        return value.strftime(f"{DATE_FORMAT} %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


@dataclass
class CellChange:
    """One figure that changed: the row (its key cells, shown), the column, the value then and now (shown)."""

    row: str
    column: str
    before: str
    after: str


@dataclass
class TableChanges:
    """What changed in one table since the snapshot. `status` is "sama" (nothing changed), "berubah", "baru" (a
    table the snapshot does not have) or "hilang" (a table the current rekap no longer has)."""

    title: str
    status: str
    changed: list[CellChange] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)


def _row_keys(columns: list[str], *tables: dict) -> int:
    """How many leading `columns` tell every row of each of `tables` apart (all of them when none suffice; rows then
    also count their repeats)."""
    for width in range(1, len(columns) + 1):
        if all(_unique(table, columns[:width]) for table in tables):
            return width
    return len(columns)


def _unique(table: dict, key_columns: list[str]) -> bool:
    keys = [_key(table, row, key_columns) for row in table["rows"]]
    return len(keys) == len(set(keys))


def _key(table: dict, row: list, key_columns: list[str]) -> tuple:
    index = {column: position for position, column in enumerate(table["columns"])}
    return tuple(repr(row[index[column]]) if column in index else "" for column in key_columns)


def _keyed(table: dict, key_columns: list[str]) -> dict[tuple, dict]:
    """The table's rows by key (the key columns' cells, then the repeat count), each as {column: cell}."""
    rows: dict[tuple, dict] = {}
    repeats: Counter = Counter()
    for row in table["rows"]:
        key = _key(table, row, key_columns)
        rows[(*key, repeats[key])] = dict(zip(table["columns"], row, strict=True))
        repeats[key] += 1
    return rows


def _row_label(row: dict, key_columns: list[str]) -> str:
    return " · ".join(shown(row.get(column)) for column in key_columns)


def compare_tables(before: list[dict], after: list[dict]) -> list[TableChanges]:
    """Every table of `before` (a snapshot's) against the table of the same title in `after` (the current rekap's),
    cell by cell, in the snapshot's order, then the tables only `after` has.

    Rows are matched by their leading columns that tell them apart (the wilayah code, the status, the year and the
    fund source…); a figure that differs is a `CellChange`, a row on one side only is added or removed.
    """
    now = {table["title"]: table for table in after}
    then_titles = {table["title"] for table in before}
    result = []
    for old in before:
        new = now.get(old["title"])
        if new is None:
            result.append(TableChanges(old["title"], "hilang"))
            continue
        result.append(_compare_table(old, new))
    result += [TableChanges(table["title"], "baru") for table in after if table["title"] not in then_titles]
    return result


def _compare_table(old: dict, new: dict) -> TableChanges:
    columns = [column for column in old["columns"] if column in new["columns"]]
    width = _row_keys(columns, old, new)
    key_columns = columns[:width]
    old_rows, new_rows = _keyed(old, key_columns), _keyed(new, key_columns)
    changes = TableChanges(old["title"], "sama")
    changes.columns_added = [column_title(column) for column in new["columns"] if column not in old["columns"]]
    changes.columns_removed = [column_title(column) for column in old["columns"] if column not in new["columns"]]
    for key, row in old_rows.items():
        current = new_rows.get(key)
        if current is None:
            changes.removed.append(_row_label(row, key_columns))
            continue
        for column in columns[width:]:
            if row[column] != current[column]:
                label = _row_label(row, key_columns)
                changes.changed.append(
                    CellChange(label, column_title(column), shown(row[column]), shown(current[column]))
                )
    changes.added = [_row_label(row, key_columns) for key, row in new_rows.items() if key not in old_rows]
    if changes.changed or changes.added or changes.removed or changes.columns_added or changes.columns_removed:
        changes.status = "berubah"
    return changes
