"""Tables as downloads, .xlsx and .csv: the rekap and every list behind it, the WKSBM and KPS list exports and
their templates.

Both open ready to read: columns titled as people write them (`column_title`: "Nama WKSBM", which every import
reads back as `nama_wksbm`), dates as 17/06/2025. CSV as Indonesian Excel opens it (UTF-8 with BOM, `;`); a
workbook sheet has its columns sized to their contents, its title row frozen and filtering on, and dates as date
cells shown dd/mm/yyyy. Text that Excel could run as a formula is neutralised (`registry.spreadsheet_safety`),
Rupiah are whole numbers. Nothing holds all rows: CSV streams in pieces (`StreamingHttpResponse`), and .xlsx is
written by openpyxl's write-only mode into a temporary file that is then streamed (`FileResponse`).
"""

import csv
import datetime
import io
import itertools
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from registry.imports.headers import column_title
from registry.spreadsheet_safety import neutralise

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("xlsx", "csv")
DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "dd/mm/yyyy"
XLSX_DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# A sheet's column widths come from its title and its first rows (the rest stream after the widths are written),
# in characters, within these bounds.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60


@dataclass
class Table:
    """One table of a download: a sheet of the workbook, or a titled section of the CSV."""

    title: str
    columns: list[str]
    rows: Iterable[dict]


def download(tables: list[Table], *, stem: str, extension: str):
    """`tables` as `stem.xlsx` (one sheet each) or `stem.csv` (one titled section each when several)."""
    if extension == "csv":
        chunks = (chunk.encode("utf-8") for chunk in csv_sections(tables))
        response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    else:
        response = FileResponse(xlsx_file(tables), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    return response


def csv_sections(tables: list[Table]) -> Iterator[str]:
    """The CSV of one table, or of several one after another, each under a line with its title."""
    for number, table in enumerate(tables):
        if len(tables) > 1:
            yield ("" if number == 0 else "\r\n") + _title_line(table.title, first=number == 0)
        for index, chunk in enumerate(csv_chunks(table.columns, table.rows)):
            # One byte-order mark, at the very start of the file.
            yield chunk.lstrip("\ufeff") if index == 0 and (number or len(tables) > 1) else chunk


def csv_chunks(columns: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """The CSV of one table as Indonesian Excel opens it (UTF-8 with BOM, `;` separator), in pieces for
    streaming."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column_title(column) for column in columns])
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for number, row in enumerate(rows, start=1):
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _title_line(title: str, *, first: bool) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow([title])
    return ("\ufeff" if first else "") + buffer.getvalue()


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(f"{DATE_FORMAT} %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return neutralise(str(value))


def xlsx_file(tables: list[Table]):
    """A temporary file holding the workbook of `tables`, at its start; rows are written one by one.

    Each sheet: the title row in bold, frozen and filtering its columns; columns as wide as their title and first
    `WIDTH_SAMPLE_ROWS` rows need; dates as date cells shown dd/mm/yyyy."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.title))
        rows = iter(table.rows)
        sample = [
            [_xlsx_cell(row.get(column)) for column in table.columns]
            for row in itertools.islice(rows, WIDTH_SAMPLE_ROWS)
        ]
        titles = [column_title(column) for column in table.columns]
        for index, width in enumerate(_widths(titles, sample), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.append([_bold(sheet, title) for title in titles])
        count = 0
        for values in itertools.chain(sample, ([_xlsx_cell(row.get(c)) for c in table.columns] for row in rows)):
            sheet.append([_dated(sheet, value) for value in values])
            count += 1
        if table.columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{count + 1}"
    # Closed by FileResponse once sent (or by the caller), which deletes it.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return handle


def xlsx_bytes(columns: list[str], rows: Iterable[dict], *, title: str = "Daftar") -> bytes:
    """The rows as the bytes of a one-sheet .xlsx workbook (`xlsx_file`), for a file small enough to hold."""
    with xlsx_file([Table(title, columns, rows)]) as handle:
        return handle.read()


def _sheet_title(title: str) -> str:
    """Excel refuses sheet names over 31 characters or with any of []:*?/\\."""
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31]


def _widths(titles: list[str], sample: list[list]) -> list[int]:
    """Each column's width in characters: its longest title or sampled value, a little margin, within bounds."""
    widths = []
    for index, title in enumerate(titles):
        longest = max([len(title), *(len(_as_shown(values[index])) for values in sample)])
        # The filter button sits over the title's right end.
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 3)))
    return widths


def _as_shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return "00/00/0000 00:00" if isinstance(value, datetime.datetime) else "00/00/0000"
    return str(value)


def _bold(sheet, title: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=title)
    cell.font = Font(bold=True)
    return cell


def _dated(sheet, value):
    """A date or datetime as a date cell shown dd/mm/yyyy (with the time for a datetime); other values as they
    are."""
    if not isinstance(value, datetime.date):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = XLSX_DATETIME_FORMAT if isinstance(value, datetime.datetime) else XLSX_DATE_FORMAT
    return cell


def _xlsx_cell(value):
    """Numbers and dates as they are, so Excel sums and sorts them; text neutralised."""
    if value is None or isinstance(value, int | datetime.date):
        return value
    return neutralise(str(value))
