"""Matching a file's column titles to an import's canonical column names (`nama_wksbm`, `kode_wilayah`…)."""

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from registry.imports.errors import ImportRefused

# Operators number their rows in a first column titled like this; it carries no data.
ROW_NUMBER_TITLES = frozenset({"no", "nomor", "nourut", "nomorurut", "#"})
_IGNORED_IN_TITLES = re.compile(r"[\s._\-]+")


# Words a column title spells its own way: the registry's abbreviations.
ABBREVIATIONS = {word: word.upper() for word in ("wksbm", "kps", "sk", "nik", "nip", "psm", "tksk", "pkh", "rt", "rw")}
ABBREVIATIONS["rp"] = "Rp"


def column_title(name: str) -> str:
    """The title a download gives the column `name` (an import's canonical name or a table's key), as Indonesian
    offices write it: "nama_wksbm" → "Nama WKSBM", "tanggal_sk" → "Tanggal SK", "kode_wilayah" → "Kode wilayah".

    Only case and spacing change, so `header_key(column_title(name)) == header_key(name)`: every import that
    knows `name` reads a downloaded file titled this way back unchanged.
    """
    words = [ABBREVIATIONS.get(word, word) for word in name.split("_") if word]
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def header_key(title: str) -> str:
    """A title with case, spaces, dots, dashes and underscores ignored: "Nama WKSBM", "NAMA_WKSBM" → "namawksbm"."""
    return _IGNORED_IN_TITLES.sub("", str(title)).casefold()


@dataclass(frozen=True)
class HeaderMap:
    """Where each canonical column found in the file sits: `positions` maps its name to the cell index in a row."""

    positions: dict[str, int]

    def __contains__(self, name: str) -> bool:
        return name in self.positions

    def value(self, cells: Sequence, name: str):
        """The cell of column `name` in `cells` (a `Row.cells`), or "" when the file has no such column."""
        index = self.positions.get(name)
        return "" if index is None else cells[index]

    def record(self, cells: Sequence) -> dict:
        """The row as {canonical name: cell} for the columns the file has."""
        return {name: cells[index] for name, index in self.positions.items()}


def map_headers(
    header_cells: Sequence,
    *,
    columns: Mapping[str, Iterable[str]],
    required: Iterable[str | tuple[str, ...]] = (),
) -> HeaderMap:
    """Maps `header_cells` (a `Table.header`) to the canonical names of `columns` (name → extra aliases).

    A title matches a canonical name or one of its aliases with case, spaces, dots, dashes and underscores ignored.
    Ignored: empty titles (the reader guarantees no data under them) and a first column titled No/No./Nomor. Each
    `required` item is a name that must be present, or a tuple of names of which at least one must be. Raises
    ImportRefused listing every unknown column (with the closest known name), every duplicated column and every
    missing required one. Raises ValueError when `columns` itself is inconsistent (a programming error).
    """
    known = _alias_index(columns)
    positions: dict[str, int] = {}
    seen: dict[str, list[int]] = {}
    errors: list[str] = []
    for index, title in enumerate(header_cells):
        key = header_key(title)
        if not key or (index == 0 and key in ROW_NUMBER_TITLES and key not in known):
            continue
        name = known.get(key)
        if name is None:
            errors.append(_unknown_column(index, str(title), key, known, columns))
            continue
        seen.setdefault(name, []).append(index)
        positions.setdefault(name, index)
    for name, indexes in seen.items():
        if len(indexes) > 1:
            places = [f'{get_column_letter(i + 1)} "{str(header_cells[i]).strip()}"' for i in indexes]
            errors.append(
                _("Kolom %(name)s muncul lebih dari sekali: kolom %(places)s.")
                % {"name": name, "places": _join(places, _("dan"))}
            )
    errors.extend(_missing(required, positions, columns))
    if errors:
        raise ImportRefused(errors)
    return HeaderMap(positions=positions)


def _alias_index(columns: Mapping[str, Iterable[str]]) -> dict[str, str]:
    known: dict[str, str] = {}
    for name, aliases in columns.items():
        for alias in (name, *aliases):
            key = header_key(alias)
            if known.setdefault(key, name) != name:
                raise ValueError(f"Alias {alias!r} is given for both {known[key]!r} and {name!r}.")
    return known


def _unknown_column(index: int, title: str, key: str, known: dict[str, str], columns: Mapping) -> str:
    place = {"column": get_column_letter(index + 1), "title": title.strip()}
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return _('Kolom %(column)s "%(title)s" tidak dikenal; mungkin maksudnya %(suggestion)s.') % {
            **place,
            "suggestion": known[close[0]],
        }
    return _('Kolom %(column)s "%(title)s" tidak dikenal. Kolom yang dikenal: %(known)s.') % {
        **place,
        "known": ", ".join(columns),
    }


def _missing(required: Iterable[str | tuple[str, ...]], positions: dict[str, int], columns: Mapping) -> list[str]:
    missing_names: list[str] = []
    errors: list[str] = []
    for item in required:
        group = (item,) if isinstance(item, str) else tuple(item)
        unknown = [name for name in group if name not in columns]
        if unknown:
            raise ValueError(f"Required columns {unknown} are not among the columns.")
        if any(name in positions for name in group):
            continue
        if len(group) == 1:
            missing_names.append(group[0])
        else:
            names = _join(group, _("atau"))
            errors.append(_("Kolom wajib tidak ada: isi salah satu dari %(names)s.") % {"names": names})
    if missing_names:
        errors.insert(0, _("Kolom wajib tidak ada: %(names)s.") % {"names": ", ".join(missing_names)})
    return errors


def _join(items: Sequence[str], last_word: str) -> str:
    """ "a", "a dan b", "a, b dan c" (Indonesian lists take no comma before the last word)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last_word} {items[-1]}"
