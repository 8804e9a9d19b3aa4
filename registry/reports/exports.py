"""Downloads of the rekap and of every list behind it, as .xlsx and .csv, for the user's area only.

Cells go through the list exports' writers (`registry.imports.export`): CSV as Indonesian Excel opens it
(UTF-8 with BOM, `;`), text that Excel could run as a formula neutralised, dates as dates, Rupiah as whole
numbers. Nothing holds all rows: CSV streams in pieces (`StreamingHttpResponse`), and .xlsx is written by
openpyxl's write-only mode into a temporary file that is then streamed (`FileResponse`).
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

from registry.imports.export import _xlsx_cell, csv_chunks

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


def _title_line(title: str, *, first: bool) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerow([title])
    return ("\ufeff" if first else "") + buffer.getvalue()


def xlsx_file(tables: list[Table]):
    """A temporary file holding the workbook of `tables`, at its start; rows are written one by one."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.title))
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append([_xlsx_cell(row.get(column)) for column in table.columns])
    # Closed by FileResponse once sent, which deletes it.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return handle


def _sheet_title(title: str) -> str:
    """Excel refuses sheet names over 31 characters or with any of []:*?/\\."""
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31]
