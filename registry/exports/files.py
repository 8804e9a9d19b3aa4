"""Tables as downloads, .xlsx and .csv: the rekap and every list behind it, the WKSBM and KPS list exports and
their templates.

CSV as Indonesian Excel opens it (UTF-8 with BOM, `;`), text that Excel could run as a formula neutralised
(`registry.spreadsheet_safety`), dates as dates, Rupiah as whole numbers. Nothing holds all rows: CSV streams in
pieces (`StreamingHttpResponse`), and .xlsx is written by openpyxl's write-only mode into a temporary file that is
then streamed (`FileResponse`).
"""

import csv
import datetime
import io
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

from registry.spreadsheet_safety import neutralise

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("xlsx", "csv")


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
    writer.writerow(columns)
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
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return neutralise(str(value))


def xlsx_file(tables: list[Table]):
    """A temporary file holding the workbook of `tables`, at its start; rows are written one by one."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.title))
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append([_xlsx_cell(row.get(column)) for column in table.columns])
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


def _xlsx_cell(value):
    """Numbers and dates as they are, so Excel sums and sorts them; text neutralised."""
    if value is None or isinstance(value, int | datetime.date):
        return value
    return neutralise(str(value))
