"""Turning cells (`str` or `datetime.date`, as `reader.read_table` gives them) into the registry's values.

Each parser takes one cell and returns the value or raises `CellError` with an Indonesian message quoting the
cell; the caller sets the error's column and adds the row. Empty cells are errors too: check `is_blank` first
for optional columns. None of them touches the database.
"""

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registry.enums import WksbmStatus
from registry.imports.errors import CellError
from registry.spreadsheet_safety import restore
from registry.validators import name_key, normalize_phone_number

T = TypeVar("T")

# Zero-width characters pasted from web pages and Word: invisible, yet they make "Semanu" differ from "Semanu".
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


# What offices type in a cell to say "none" (case and spaces ignored): such a cell is empty, for every column.
NONE_PLACEHOLDERS = frozenset({"-", "--", "\u2013", "\u2014", ".", "n/a", "tidakada", "belumada"})
_LONGEST_PLACEHOLDER = 24  # characters, spaces included: anything longer is never one
# The first character of every placeholder, in either case: most cells are ruled out by it alone (an import
# reads a hundred thousand cells; the full comparison would be a tenth of its parsing time).
_PLACEHOLDER_STARTS = frozenset(first for word in NONE_PLACEHOLDERS for first in (word[0], word[0].upper()))


def is_placeholder(text: str) -> bool:
    """True when `text` only says "none": `-`, `--`, `–`, `—`, `.`, `n/a`, `tidak ada` or `belum ada`, in any
    case and with any spaces ("N / A", " Tidak  Ada ", "- -")."""
    return (
        len(text) <= _LONGEST_PLACEHOLDER
        and text.lstrip()[:1] in _PLACEHOLDER_STARTS
        and "".join(text.split()).casefold() in NONE_PLACEHOLDERS
    )


def is_blank(value) -> bool:
    """True for an empty cell: None, "", only spaces, or only a placeholder for "none" (`is_placeholder`).

    The one rule every reader of a cell goes through (names, numbers, dates, phones, wilayah, board names), via
    this function or `clean_text`, which reads such a cell as "".
    """
    if not isinstance(value, str):
        return value is None
    if value.isascii():
        # `clean_text`'s result for a plain ASCII cell, without building it: no invisible characters to drop.
        text = restore(value.strip())
        return not text or is_placeholder(text)
    return not clean_text(value)


def clean_text(value) -> str:
    """A cell as one line of text: surrounding spaces removed, inner runs of spaces (and line breaks) made one;
    "" for a cell that only says "none" (`is_placeholder`).

    Zero-width characters pasted from the web are dropped; a date cell becomes "17/06/2025"; the apostrophe
    our exports put before a formula-like text (`'=…`) is removed again (`registry.spreadsheet_safety`).
    """
    if isinstance(value, str):
        text = value if value.isascii() else value.translate(_INVISIBLE)
        text = restore(" ".join(text.split()))
        return "" if is_placeholder(text) else text
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M" if value.time() != datetime.time() else "%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value))


# --- dates ---------------------------------------------------------------------------------------------------

MONTHS = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "pebruari", "feb", "peb", "february"), 2),
    **dict.fromkeys(("maret", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("agustus", "agu", "ags", "agt", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "oct", "october"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "des", "dec", "december"), 12),
}
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 is 1900-01-01 once Excel's phantom 29 Feb 1900 is passed
FIRST_YEAR, LAST_YEAR = 1900, 2100

# A time after the date ("17/06/2025 0:00", "2025-06-17T00:00:00") is allowed and ignored (text is casefolded).
_TIME = r"(?:[ t]+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_YEAR_FIRST = re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})" + _TIME)
# "17 Juni 2025", "17-Jun-2025", "17 Jun. 2025", "Selasa, 17 Juni 2025" (Excel's long date format).
_MONTH_NAME = re.compile(r"(?:[a-z]+,?\s+)?(\d{1,2})[\s\-/.]*([a-z]+)\.?[\s\-/.,]*(\d{4}|\d{2})" + _TIME)
_SERIAL = re.compile(r"(\d{5})(?:[.,]\d+)?")


def parse_date(value) -> datetime.date:
    """A date from a date cell, an Excel serial number (5 digits) or text in an Indonesian office's forms.

    Text: 17/06/2025, 17-06-2025, 17.06.2025 (day first), 2025-06-17, 17 Juni 2025, 17 Jun 2025 (Indonesian or
    English month names and abbreviations, any case). Raises CellError for an empty cell, an unreadable text, a
    two-digit year, a date not in the calendar (31/02/2025) or a year outside 1900–2100.
    """
    if isinstance(value, datetime.datetime):
        return _checked_year(value.date(), value)
    if isinstance(value, datetime.date):
        return _checked_year(value, value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value, value)
    text = clean_text(value)
    if not text:
        raise CellError(_("Tanggal kosong."))
    folded = text.casefold()
    if match := _DAY_FIRST.fullmatch(folded):
        day, month, year = match.group(1), match.group(3), match.group(4)
    elif match := _YEAR_FIRST.fullmatch(folded):
        year, month, day = match.group(1), match.group(3), match.group(4)
    elif match := _MONTH_NAME.fullmatch(folded):
        day, word, year = match.groups()
        if word not in MONTHS:
            raise CellError(
                _('Nama bulan "%(word)s" pada tanggal "%(value)s" tidak dikenal; tulis seperti 17 Juni 2025.')
                % {"word": word, "value": text}
            )
        month = MONTHS[word]
    elif match := _SERIAL.fullmatch(folded):
        return _from_serial(int(match.group(1)), text)
    else:
        raise CellError(
            _('"%(value)s" bukan tanggal yang dikenali; tulis seperti 17/06/2025, 2025-06-17 atau 17 Juni 2025.')
            % {"value": text}
        )
    if len(year) == 2:
        raise CellError(
            _('Tahun pada tanggal "%(value)s" harus ditulis empat angka, misalnya 17/06/2025.') % {"value": text}
        )
    try:
        day_value = datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(_('Tanggal "%(value)s" tidak ada di kalender.') % {"value": text}) from None
    return _checked_year(day_value, text)


def _from_serial(serial: float, shown) -> datetime.date:
    try:
        day = EXCEL_EPOCH + datetime.timedelta(days=int(serial))
    except (OverflowError, ValueError):
        raise CellError(_('"%(value)s" bukan tanggal yang dikenali.') % {"value": shown}) from None
    return _checked_year(day, shown)


def _checked_year(day: datetime.date, shown) -> datetime.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CellError(
            _('Tanggal "%(value)s" di luar rentang tahun %(first)s–%(last)s.')
            % {"value": clean_text(shown), "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return day


# --- words and numbers ---------------------------------------------------------------------------------------

STATUS_WORDS = {
    "aktif": WksbmStatus.AKTIF,
    **dict.fromkeys(("vakum", "vakuum", "matisuri", "tidakaktif", "tdkaktif", "nonaktif", "pasif"), WksbmStatus.VAKUM),
    **dict.fromkeys(("bubar", "dibubarkan", "sudahbubar"), WksbmStatus.BUBAR),
}
_NOT_LETTERS = re.compile(r"[^a-z]+")


def parse_status(value) -> str:
    """A `WksbmStatus` value from the words operators use, case, spaces and dashes ignored ("Mati Suri" → vakum)."""
    text = clean_text(value)
    if not text:
        raise CellError(_("Status kosong; isi aktif, vakum atau bubar."))
    status = STATUS_WORDS.get(_NOT_LETTERS.sub("", text.casefold()))
    if status is None:
        raise CellError(
            _(
                'Status "%(value)s" tidak dikenal; gunakan aktif, vakum (juga: mati suri, tidak aktif, non aktif, '
                "pasif) atau bubar (juga: dibubarkan)."
            )
            % {"value": text}
        )
    return status.value


_WHOLE = re.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)+")
_MAX_DIGITS = 15


def parse_int(value) -> int:
    """A count (≥ 0) written as 1250 or with dotted thousands (1.250); refuses negatives, decimals and text.

    "1,250" is refused rather than guessed: in Indonesian it reads one and a quarter.
    """
    text = clean_text(value)
    if not text:
        raise CellError(_("Angka kosong."))
    if text[0] in "-−" and _WHOLE.fullmatch(text[1:].strip()):
        raise CellError(_('"%(value)s" tidak boleh negatif.') % {"value": text})
    if _WHOLE.fullmatch(text):
        return _bounded_int(text.replace(".", ""), text)
    if _DECIMAL.fullmatch(text):
        raise CellError(
            _('"%(value)s" bukan bilangan bulat; tulis tanpa koma, dengan titik sebagai pemisah ribuan (1.250).')
            % {"value": text}
        )
    raise CellError(_('"%(value)s" bukan angka.') % {"value": text})


def _bounded_int(digits: str, shown: str) -> int:
    if len(digits.lstrip("0")) > _MAX_DIGITS:
        raise CellError(_('Angka "%(value)s" terlalu besar.') % {"value": shown})
    return int(digits.lstrip("0") or "0")


_RUPIAH_PREFIX = re.compile(r"^(?:rp|idr)\.?\s*")
_NO_SEN = re.compile(r"(?:,0{1,2}|[,.]-)$")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")  # 125,000,000 from an English-locale file; sen have 2 digits
_SCALED = re.compile(r"(\d+(?:,\d+)?)\s*(ribu|rb|juta|jt|miliar|milyar|m|triliun)")
SCALES = {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9, "milyar": 10**9, "m": 10**9}
SCALES["triliun"] = 10**12


def parse_rupiah(value) -> int:
    """A whole Rupiah amount (≥ 0): Rp125.000.000, Rp 125.000.000,00, Rp125.000,-, 125.000.000, 125000000,
    125,000,000 or 125 juta / 1,5 M (ribu, rb, juta, jt, miliar, M). Refuses negatives, sen and other text.

    Stricter than `lokal.rupiah.parse_rupiah`, which reads slang and "sekitar 1 juta" and drops a minus sign:
    an imported report must hold the amount the office wrote.
    """
    text = clean_text(value)
    if not text:
        raise CellError(_("Jumlah Rupiah kosong."))
    body = text.casefold()
    negative = body.startswith(("-", "−"))
    body = _RUPIAH_PREFIX.sub("", body.lstrip("-− "))
    negative = negative or body.startswith(("-", "−"))
    body = _NO_SEN.sub("", body.lstrip("-− "))
    amount = _rupiah_amount(body, text)
    if amount is None:
        raise CellError(
            _('"%(value)s" bukan jumlah Rupiah; tulis seperti Rp125.000.000 atau 125000000.') % {"value": text}
        )
    if negative:
        raise CellError(_('Jumlah "%(value)s" tidak boleh negatif.') % {"value": text})
    return amount


def _rupiah_amount(body: str, shown: str) -> int | None:
    if _WHOLE.fullmatch(body):
        return _bounded_int(body.replace(".", ""), shown)
    if _COMMA_THOUSANDS.fullmatch(body):
        return _bounded_int(body.replace(",", ""), shown)
    if re.fullmatch(r"(?:\d{1,3}(?:\.\d{3})+|\d+),\d+", body):
        raise CellError(_('"%(value)s" memuat sen; tulis jumlah Rupiah tanpa sen.') % {"value": shown})
    if match := _SCALED.fullmatch(body):
        number, scale = match.groups()
        if len(number) > _MAX_DIGITS:
            raise CellError(_('Angka "%(value)s" terlalu besar.') % {"value": shown})
        amount = Decimal(number.replace(",", ".")) * SCALES[scale]
        if amount != amount.to_integral_value():
            raise CellError(_('"%(value)s" memuat sen; tulis jumlah Rupiah tanpa sen.') % {"value": shown})
        return _bounded_int(str(int(amount)), shown)
    return None


# --- contacts and references ----------------------------------------------------------------------------------


def parse_phone(value) -> str:
    """An Indonesian phone number in E.164 form (+6281234567890), via `registry.validators`."""
    text = clean_text(value)
    if not text:
        raise CellError(_("Nomor telepon kosong."))
    try:
        return normalize_phone_number(text)
    except ValidationError as exc:
        raise CellError(exc.messages[0]) from None


def phone_as_parsed(stored: str) -> str:
    """A stored phone number in `parse_phone`'s form, for comparing it with a parsed cell; as stored when it cannot
    be read as one."""
    try:
        return parse_phone(stored)
    except CellError:
        return stored


def match_reference(value, choices: Mapping[str, T], *, what: str) -> T:
    """The entry of a reference list named by `value`, case and spaces ignored ("karang taruna" = "KarangTaruna").

    `choices` maps `registry.validators.name_key(name)` → entry, built once per file; `str(entry)` is how errors
    name it. `what` names the list in messages ("Jenis KPS"). An unknown name is an error listing the known ones.
    """
    text = clean_text(value)
    entry = choices.get(name_key(text))
    if entry is None:
        known = sorted({str(choice) for choice in choices.values()}, key=str.casefold)
        if not text:
            raise CellError(
                _("%(what)s kosong; isi salah satu: %(known)s.") % {"what": what, "known": ", ".join(known)}
            )
        raise CellError(
            _('%(what)s "%(value)s" tidak dikenal; yang dikenal: %(known)s.')
            % {"what": what, "value": text, "known": ", ".join(known)}
        )
    return entry
