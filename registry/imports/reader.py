"""Reading an uploaded spreadsheet (.xlsx or .csv) into a plain table, or refusing it with reasons.

`read_table` is pure: bytes in, a `Table` or `ImportRefused` out, never another exception. Nothing about the file
is trusted but the extension of its name, and even that only picks the parser; the content is checked before any
parser sees it (size, zip bomb, encrypted or old-format Excel, binary data in a CSV).

What a `Table` holds:
- `header`: the column titles, stripped, without trailing empty titles. The header is the first row with at least
  two filled cells; single-cell rows above it are title rows ("DAFTAR WKSBM KABUPATEN …") and are skipped. A file
  whose rows all have a single cell (a one-column list) has its first non-empty row as header.
- `rows`: the non-empty rows below the header, each with its row number as the operator sees it in Excel
  (header on row 1 → first data row is 2; blank rows skipped but still counted), and exactly as many cells as
  the header has titles.
- Cells are `str` (stripped; "" when empty) or, for .xlsx date cells, `datetime.date` (`datetime.datetime` when
  the cell carries a time of day). Numbers from .xlsx become text as Excel shows them in an Indonesian locale:
  12.0 → "12", 12.5 → "12,5", TRUE → "BENAR". A formula gives the value Excel last calculated (empty when the
  file was never opened in Excel).
"""

import codecs
import csv
import datetime
import io
import math
import re
import zipfile
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from registry.imports.errors import ImportRefused

Cell = str | datetime.date

# A real list has a dozen or two columns; a wider row is a broken or hostile file, refused before mapping.
MAX_COLUMNS = 200
# Zip bomb guard, checked on the archive's directory before openpyxl opens anything. A genuine 10 MB .xlsx
# unpacks to well under 100 MB; a member may compress 100-fold only while it is small.
MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
# Compound File (OLE2) signature: old .xls files and password-protected .xlsx files (MS-OFFCRYPTO) start with it.
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
CSV_SEPARATORS = (";", "\t", ",")
# Control characters never found in a text file (tab, line ends, form feed and the DOS end-of-file mark are).
BINARY_CHARACTERS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


@dataclass(frozen=True)
class Row:
    """A data row: its number as seen in the spreadsheet, and one cell per header title."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A file's header titles (row `header_row`) and its non-empty data rows (see the module docstring)."""

    header: tuple[str, ...]
    header_row: int
    rows: tuple[Row, ...]


def read_table(data: bytes, filename: str, *, max_rows: int, max_bytes: int) -> Table:
    """The table in `data`, an upload named `filename` (.xlsx or .csv), or ImportRefused with Indonesian reasons.

    Refuses an unknown extension, an old .xls, an empty file, a file over `max_bytes` bytes, more than `max_rows`
    data rows, more than MAX_COLUMNS columns, data in a column without a title, and any file that cannot be read.
    """
    extension = filename.rpartition(".")[2].strip().lower() if "." in filename else ""
    if extension not in ("xlsx", "csv", "xls"):
        raise ImportRefused([_unknown_extension(extension)])
    if not data:
        raise ImportRefused([_("Berkas kosong: tidak ada isinya.")])
    refuse_if_too_large(len(data), max_bytes)
    if extension == "xls":
        raise ImportRefused([_old_excel()])
    rows = _xlsx_rows(data) if extension == "xlsx" else _csv_rows(data)
    with closing(rows):  # releases the workbook at once when a limit stops the reading
        return _build_table(rows, max_rows)


def refuse_if_too_large(size: int, max_bytes: int) -> None:
    """ImportRefused, in Indonesian with both sizes, when a file of `size` bytes exceeds `max_bytes`.

    The upload views call it with the upload's size before reading a byte of it; `read_table` again with the
    bytes it was given."""
    if size > max_bytes:
        raise ImportRefused(
            [
                _("Berkas terlalu besar (%(size)s); batasnya %(limit)s. Pecah menjadi beberapa berkas.")
                % {"size": _megabytes(size), "limit": _megabytes(max_bytes)}
            ]
        )


def _unknown_extension(extension: str) -> str:
    if not extension or len(extension) > 10:
        return _("Nama berkas tidak berakhiran .xlsx atau .csv; hanya kedua jenis berkas itu yang dapat diimpor.")
    return _("Berkas .%(extension)s tidak dapat diimpor; gunakan berkas .xlsx atau .csv.") % {"extension": extension}


def _old_excel() -> str:
    return _(
        "Berkas Excel format lama (.xls) tidak dapat dibaca. Buka di Excel lalu simpan sebagai Excel Workbook (.xlsx)."
    )


def _broken_xlsx() -> str:
    return _("Berkas .xlsx rusak atau bukan berkas Excel. Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.")


def _megabytes(size: int) -> str:
    """`10 MB`, `2,5 MB`, `640 KB`: a size as an Indonesian reader writes it."""
    value, unit = (size / 1024 / 1024, "MB") if size >= 1024 * 1024 else (size / 1024, "KB")
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + " " + unit


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


# --- .xlsx ---------------------------------------------------------------------------------------------------


def _xlsx_rows(data: bytes) -> Generator[tuple[int, list[Cell]], None, None]:
    """(row number, cells) for every row of the first visible worksheet, blank rows included."""
    _check_xlsx_container(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises a dozen kinds (KeyError, ValueError, XML errors…) on broken files
        raise ImportRefused([_broken_xlsx()]) from exc
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise ImportRefused([_("Berkas .xlsx tidak memiliki lembar kerja (sheet) berisi tabel.")])
        sheet = next((s for s in sheets if s.sheet_state == "visible"), sheets[0])
        # The stored dimension may be wrong (files written by other programs); read every row instead.
        sheet.reset_dimensions()
        # Missing rows are yielded empty, so counting from 1 gives the row numbers Excel shows.
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_xlsx_cell(value) for value in values]
    except ImportRefused:
        raise
    except Exception as exc:  # a broken sheet surfaces only while it is parsed
        raise ImportRefused([_broken_xlsx()]) from exc
    finally:
        workbook.close()


def _check_xlsx_container(data: bytes) -> None:
    """Refuses encrypted or old-format files and zip bombs from the archive directory alone."""
    if data.startswith(OLE_SIGNATURE):
        if ENCRYPTED_PACKAGE in data:
            raise ImportRefused(
                [_("Berkas .xlsx dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu unggah lagi.")]
            )
        raise ImportRefused([_old_excel()])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as exc:  # BadZipFile, but also ValueError/struct errors on a mangled directory
        raise ImportRefused([_broken_xlsx()]) from exc
    # zipfile stops at each member's declared size and fails its CRC check beyond it, so the directory's sizes
    # bound what openpyxl will unpack.
    total = sum(member.file_size for member in members)
    too_packed = any(
        member.file_size > RATIO_CHECKED_FROM
        and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if total > MAX_XLSX_UNCOMPRESSED or too_packed:
        raise ImportRefused(
            [
                _(
                    "Isi berkas .xlsx terlalu besar setelah dibuka (lebih dari %(limit)s atau terkompresi tidak "
                    "wajar). Periksa isinya atau pecah menjadi beberapa berkas."
                )
                % {"limit": _megabytes(MAX_XLSX_UNCOMPRESSED)}
            ]
        )


def _xlsx_cell(value) -> Cell:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "BENAR" if value else "SALAH"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",") if math.isfinite(value) else ""
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, datetime.time):
        return value.isoformat()
    return str(value).strip()


# --- .csv ----------------------------------------------------------------------------------------------------


def _csv_rows(data: bytes) -> Generator[tuple[int, list[Cell]], None, None]:
    """(row number, cells) for every CSV record; a record's number is the row Excel shows it on."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_separator(text))
    number = 0
    try:
        for number, values in enumerate(reader, start=1):
            yield number, [value.strip() for value in values]
    except csv.Error as exc:  # an overlong cell or a stray quote
        raise ImportRefused(
            [
                _(
                    "Berkas CSV tidak terbaca di sekitar baris %(row)s (tanda kutip tidak tertutup atau isian sel "
                    "terlalu panjang). Simpan ulang dari Excel sebagai CSV."
                )
                % {"row": number + 1}
            ]
        ) from exc


def _decode(data: bytes) -> str:
    """The text of a CSV: UTF-16 when it starts with its mark (Excel's "Unicode Text"), else UTF-8 (with or
    without BOM), else Windows-1252 (Excel's "CSV" in an Indonesian Windows). Binary data is refused."""
    encodings = ("utf-16",) if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not BINARY_CHARACTERS.search(text):
            return text
        break
    raise ImportRefused(
        [
            _(
                "Berkas .csv ini bukan teks (mungkin berkas lain yang diganti namanya). Buka daftar di Excel lalu "
                "simpan sebagai CSV, atau unggah berkas .xlsx-nya."
            )
        ]
    )


def _sniff_separator(text: str) -> str:
    """`;`, tab or `,`: the most frequent outside quotes on the first line that has any (the header, or a
    title row, which Excel pads with separators). Ties go to `;`, Indonesian Excel's choice; none means `,`."""
    for line in text[:65536].splitlines()[:50]:
        counts = dict.fromkeys(CSV_SEPARATORS, 0)
        quoted = False
        for char in line:
            if char == '"':
                quoted = not quoted
            elif not quoted and char in counts:
                counts[char] += 1
        best = max(CSV_SEPARATORS, key=counts.__getitem__)
        if counts[best]:
            return best
    return ","


# --- both ----------------------------------------------------------------------------------------------------


def _build_table(rows: Iterator[tuple[int, list[Cell]]], max_rows: int) -> Table:
    """Finds the header, drops empty rows and trailing empty cells, and enforces the row and column limits."""
    header: list[Cell] | None = None
    header_row = 0
    above: list[tuple[int, list[Cell]]] = []  # single-cell rows seen before the header: titles, or a 1-column list
    data: list[tuple[int, list[Cell]]] = []
    for number, cells in rows:
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise ImportRefused(
                [
                    _("Baris %(row)s berisi data di luar kolom %(column)s; paling banyak %(limit)s kolom.")
                    % {"row": number, "column": get_column_letter(MAX_COLUMNS), "limit": MAX_COLUMNS}
                ]
            )
        if header is not None:
            data.append((number, cells))
        elif sum(cell != "" for cell in cells) >= 2:
            header, header_row = cells, number
        else:
            above.append((number, cells))
        if len(data) > max_rows or len(above) > max_rows + 1:
            raise ImportRefused(
                [
                    _("Berkas berisi lebih dari %(limit)s baris data. Pecah menjadi beberapa berkas.")
                    % {"limit": _thousands(max_rows)}
                ]
            )
    if header is None:
        if not above:
            raise ImportRefused([_("Berkas kosong: tidak ada judul kolom maupun data.")])
        (header_row, header), data = above[0], above[1:]
    if not data:
        raise ImportRefused(
            [_("Berkas tidak berisi data: hanya ada baris judul kolom (baris %(row)s).") % {"row": header_row}]
        )
    titles = tuple(cell if isinstance(cell, str) else cell.isoformat() for cell in header)
    return Table(header=titles, header_row=header_row, rows=_fit_rows(titles, data))


def _fit_rows(titles: tuple[str, ...], data: list[tuple[int, list[Cell]]]) -> tuple[Row, ...]:
    """Rows cut or padded to the header's width; data under a column without a title refuses the file."""
    width = len(titles)
    untitled = [index for index, title in enumerate(titles) if title == ""]
    first_use: dict[int, int] = {}  # column index → first row with data there
    fitted = []
    for number, cells in data:
        for index in untitled:
            if index < len(cells) and cells[index] != "":
                first_use.setdefault(index, number)
        for index in range(width, len(cells)):
            if cells[index] != "":
                first_use.setdefault(index, number)
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        fitted.append(Row(number, tuple(cells[:width])))
    if first_use:
        raise ImportRefused(
            [
                _(
                    "Kolom %(column)s berisi data (mulai baris %(row)s) tetapi tidak memiliki judul kolom. Beri judul "
                    "kolom atau hapus isinya."
                )
                % {"column": get_column_letter(index + 1), "row": row}
                for index, row in sorted(first_use.items())
            ]
        )
    return tuple(fitted)
