"""Finding the wilayah of an imported row from its `kode_wilayah` or its kabupaten/kecamatan/desa names.

The resolver is built once per file from the candidate regions (the importing user's area, with its kabupaten
and kecamatan) and answers every row from in-memory dicts, never from the database. Names are compared as
operators write them: case, spaces and punctuation ignored (Gunung Kidul = Gunungkidul, Toli Toli = Toli-Toli);
level words and their abbreviations ignored (Kab., Kota, Kec., Kapanewon, Kemantren, Distrik, Ds., Kel.,
Kalurahan…). The Kabupaten/Kota word only decides between a kabupaten and a kota of the same name (Bogor).
"""

import difflib
import functools
import re
from collections.abc import Callable, Iterable
from itertools import islice, pairwise

from django.utils.translation import gettext as _

from registry import wilayah_codes
from registry.imports.errors import CellError
from registry.imports.normalize import clean_text

KABUPATEN, KECAMATAN, DESA = 2, 3, 4
COLUMNS = {KABUPATEN: "kabupaten", KECAMATAN: "kecamatan", DESA: "desa"}
_CODE_LENGTH = wilayah_codes.CODE_LENGTH
CODE_COLUMN = "kode_wilayah"
# Level words an operator may put before a name, per level; "kab" and "kota" also say which of the two is meant.
_LEVEL_WORDS = {
    KABUPATEN: r"kabupaten|kab|kota|kot|kotamadya|kodya|administrasi|adm",
    KECAMATAN: r"kecamatan|kec|kapanewon|kap|kemantren|distrik",
    DESA: r"desa|ds|kelurahan|kel|kalurahan|kal",
}
_PREFIX = {level: re.compile(rf"({words})(?:\.\s*|\s+)") for level, words in _LEVEL_WORDS.items()}
_KIND_OF_WORD = {"kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota", "kot": "kota"}
_KIND_OF_WORD |= {"kotamadya": "kota", "kodya": "kota"}
# The official kabupaten/kota names carry their kind ("Kabupaten Administrasi Kepulauan Seribu").
_OFFICIAL_PREFIX = re.compile(r"(kabupaten|kota)\s+(administrasi\s+)?")
_KEPULAUAN = re.compile(r"\bkep\b\.?")
_NOT_ALNUM = re.compile(r"[\W_]+")
_ASCII_NOT_ALNUM = bytes(byte for byte in range(128) if not chr(byte).isalnum())
_MAX_LISTED = 10
_MAX_POOL = 2000


def region_name_key(text: str) -> str:
    """A region name for comparison: lower case, "Kep." read as Kepulauan, everything but letters and digits
    dropped ("Gunung Kidul" → "gunungkidul")."""
    folded = text.casefold()
    if "kep" in folded:
        folded = _KEPULAUAN.sub("kepulauan", folded)
    if folded.isascii():
        # The same result as the pattern below for ASCII text, which nearly every name is, at a third of the cost.
        return folded.encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return _NOT_ALNUM.sub("", folded)


def region_name_keys(level: int, text: str) -> set[str]:
    """Every name key under which `resolve` looks `text` (a cleaned cell of `level`) up: as written, and without
    each leading level word. A candidate whose name has none of these keys cannot be the one a row names."""
    return {key for key, _kind in _name_forms(level, text)}


@functools.lru_cache(maxsize=65536)
def _name_forms(level: int, text: str) -> tuple[tuple[str, str | None], ...]:
    """(name key, kabupaten/kota kind or None) of `text` as written, then without each leading level word."""
    rest, kind = text.casefold(), None
    forms = [(region_name_key(rest), None)]
    while prefix := _PREFIX[level].match(rest):
        kind = _KIND_OF_WORD.get(prefix.group(1), kind)
        rest = rest[prefix.end() :]
        forms.append((region_name_key(rest), kind))
    return tuple(forms)


class WilayahResolver:
    """Resolves rows to wilayah codes among `candidates`, given once: an iterable of (code, name, …) tuples
    (`Wilayah.objects.values_list("code", "name")`) or of {"code", "name"} dicts (`.values()`); further items
    are ignored, as the level and parent follow from the code.

    Include the kabupaten and kecamatan above the desa passed, or rows naming them cannot be resolved. Each
    distinct row is resolved once and remembered, so a file of 20,000 rows costs a few dict lookups per row.

    The desa may be only those a row could name (see `region_name_keys`) when `desa_pool` is given: `desa_pool(scope)`
    then gives (code, name) of every candidate desa under the codes `scope` (None: all of them), read only to
    suggest close names for a desa not found, so the messages are those of a resolver given every desa.
    """

    def __init__(self, candidates: Iterable, *, desa_pool: Callable[[list[str] | None], Iterable] | None = None):
        self._names: dict[str, str] = {}
        self._indexes: dict[int, dict[str, list[str]]] = {}
        self._desa_pool = desa_pool
        self.add(candidates)

    def add(self, candidates: Iterable) -> None:
        """Adds candidates (as given to the constructor), for a resolver loaded in steps (see
        `registry.imports.wilayah_in_area.area_resolver`). Answers given so far are forgotten, and the name index of
        each level added to, so that the next rows are resolved among all the candidates."""
        added_lengths = set()
        for item in candidates:
            code, name = (item["code"], item["name"]) if isinstance(item, dict) else (item[0], item[1])
            self._names[code] = name
            added_lengths.add(len(code))
        for level in [level for level in self._indexes if _CODE_LENGTH[level] in added_lengths]:
            del self._indexes[level]
        self._matches: dict[tuple, list[str]] = {}
        self._memo: dict[tuple, str | CellError] = {}

    def desa_scope(self, *, kabupaten: str = "", kecamatan: str = "") -> list[str] | None:
        """The codes under which `resolve` looks for a desa given with these (cleaned) names: the kecamatan they
        match, else the kabupaten; [] when a name matches nothing; None when neither is given (anywhere)."""
        scope, _failed = self._narrow(
            {level: text for level, text in ((KABUPATEN, kabupaten), (KECAMATAN, kecamatan)) if text}
        )
        return scope

    def resolve(self, *, kode="", kabupaten="", kecamatan="", desa="") -> str:
        """The code of the row's wilayah, or CellError naming the column at fault, in Indonesian.

        `kode` is a dotted code or its digits alone (3403082004); names give the deepest level named (desa,
        else kecamatan, else kabupaten). With both, the names must be those of the code's region and its parents.
        Errors: an unknown or malformed code, a name matching nothing (with up to 3 close names under the given
        parent), a name matching several regions (listing them with their kecamatan and codes), a code and names
        that disagree, and a row with neither.
        """
        raw = (kode, kabupaten, kecamatan, desa)
        outcome = self._memo.get(raw)
        if outcome is None:
            cleaned = tuple(map(clean_text, raw))
            outcome = self._memo.get(cleaned)
            if outcome is None:
                try:
                    outcome = self._resolve(*cleaned)
                except CellError as error:
                    outcome = error
                self._memo[cleaned] = outcome
            self._memo[raw] = outcome
        if isinstance(outcome, CellError):
            raise CellError(outcome.message, column=outcome.column)
        return outcome

    def _resolve(self, kode: str, *names: str) -> str:
        given = {level: text for level, text in zip(COLUMNS, names, strict=True) if text}
        if kode:
            return self._check_code(kode, given)
        if not given:
            raise CellError(
                _("Wilayah kosong: isi kode_wilayah, atau kabupaten, kecamatan dan desa."), column=CODE_COLUMN
            )
        scope, failed = self._narrow(given)
        if failed:
            parents = self._narrow({level: given[level] for level in given if level < failed})[0]
            raise CellError(self._not_found(failed, given[failed], parents), column=COLUMNS[failed])
        if len(scope) > 1:
            deepest = max(given)
            raise CellError(self._ambiguous(deepest, given[deepest], scope, given), column=COLUMNS[deepest])
        return scope[0]

    def _narrow(self, given: dict[int, str]) -> tuple[list[str] | None, int | None]:
        """(codes matching the deepest of `given` (level → name), None) or ([], the level matching nothing).

        Top down, each level's matches become the next one's parents, so a deeper name can settle an ambiguous
        higher one (kabupaten "Bogor" with a kecamatan found in only one of the two).
        """
        scope: list[str] | None = None
        for level, text in given.items():
            matches = self._match(level, text, scope)
            if not matches:
                return [], level
            scope = matches
        return scope, None

    def _check_code(self, kode: str, given: dict[int, str]) -> str:
        code = dotted_code(kode)
        if code is None:
            raise CellError(
                _('Kode wilayah "%(value)s" tidak sah: tulis seperti 34.03.08.2004 atau 3403082004.') % {"value": kode},
                column=CODE_COLUMN,
            )
        if code not in self._names:
            raise CellError(_("Kode wilayah %(code)s tidak ditemukan.") % {"code": code}, column=CODE_COLUMN)
        for level, text in given.items():
            ancestor = code[: _CODE_LENGTH[level]]
            if wilayah_codes.level_of(code) < level or not self._match(level, text, [ancestor]):
                raise CellError(
                    _('Kode wilayah %(code)s (%(region)s) tidak cocok dengan %(column)s "%(value)s".')
                    % {"code": code, "region": self._describe(code), "column": COLUMNS[level], "value": text},
                    column=CODE_COLUMN,
                )
        return code

    def _match(self, level: int, text: str, scope: list[str] | None) -> list[str]:
        """Codes at `level` named `text` under one of `scope` (codes of one higher level; None: anywhere).

        The name is tried as written, then without each leading level word in turn; the first form that names
        something wins, so "Kota Baru" finds Kotabaru before any "Baru". Remembered: the rows of a file name
        the same kabupaten and kecamatan again and again.
        """
        asked = (level, text, None if scope is None else tuple(scope))
        found = self._matches.get(asked)
        if found is None:
            found = self._matches[asked] = self._find(level, text, scope)
        return list(found)

    def _find(self, level: int, text: str, scope: list[str] | None) -> list[str]:
        index = self._indexes.get(level)
        if index is None:
            index = self._index(level)
        for key, kind in _name_forms(level, text):
            codes = index.get(key)
            if codes and scope is not None:
                width, wanted = len(scope[0]), set(scope)
                codes = [code for code in codes if code[:width] in wanted]
            if codes:
                if kind and len(codes) > 1:
                    codes = [code for code in codes if wilayah_codes.kind_for(code) == kind] or codes
                return list(codes)
        return []

    def _index(self, level: int) -> dict[str, list[str]]:
        """{name key: codes} of the candidates at `level`, built on first use (a file of codes needs none)."""
        index = self._indexes.get(level)
        if index is None:
            index = {}
            length, kabupaten = _CODE_LENGTH[level], level == KABUPATEN
            for code, name in self._names.items():
                if len(code) == length:
                    official = _OFFICIAL_PREFIX.sub("", name.casefold(), count=1) if kabupaten else name
                    index.setdefault(region_name_key(official), []).append(code)
            self._indexes[level] = index
        return index

    def _not_found(self, level: int, text: str, scope: list[str] | None) -> str:
        message = _('%(what)s "%(value)s" tidak ditemukan') % {"what": _level_word(level), "value": text}
        if scope:
            message += " " + _("di %(parents)s") % {"parents": _(" atau ").join(map(self._describe, scope))}
        pool, key = self._pool(level, scope), region_name_key(text)
        if len(pool) > _MAX_POOL:
            # A country-wide list of desa takes a second to compare; keep the names a typo would likely leave.
            pool = {k: v for k, v in pool.items() if k[:1] == key[:1] and abs(len(k) - len(key)) <= 2}
        close = difflib.get_close_matches(key, pool, n=3, cutoff=0.6)
        if close:
            message += "; " + _("mungkin maksudnya: %(names)s") % {"names": ", ".join(pool[key] for key in close)}
        return message + "."

    def _pool(self, level: int, scope: list[str] | None) -> dict[str, str]:
        """{name key: official name} of the regions at `level` under `scope` (None: all of them)."""
        if level == DESA and self._desa_pool is not None:
            return {region_name_key(name): name for _code, name, *_rest in self._desa_pool(scope)}
        codes = (code for codes in self._index(level).values() for code in codes)
        if scope is not None:
            width, wanted = len(scope[0]), set(scope)
            codes = (code for code in codes if code[:width] in wanted)
        return {region_name_key(self._names[code]): self._names[code] for code in codes}

    def _ambiguous(self, level: int, text: str, codes: list[str], given: dict[int, str]) -> str:
        listed = "; ".join(f"{self._describe(code)} ({code})" for code in islice(codes, _MAX_LISTED))
        if len(codes) > _MAX_LISTED:
            listed += " " + _("dan %(count)s lainnya") % {"count": len(codes) - _MAX_LISTED}
        missing = [COLUMNS[above] for above in (KABUPATEN, KECAMATAN) if above < level and above not in given]
        hint = (
            _("Isi juga kolom %(columns)s, atau isi kode_wilayah.") % {"columns": _(" dan ").join(missing)}
            if missing
            else _("Isi kode_wilayah untuk memilih salah satunya.")
        )
        return _('%(what)s "%(value)s" cocok dengan %(count)s wilayah: %(listed)s. %(hint)s') % {
            "what": _level_word(level),
            "value": text,
            "count": len(codes),
            "listed": listed,
            "hint": hint,
        }

    def _describe(self, code: str) -> str:
        """ "Kalurahan Candirejo, Kapanewon Semanu, Kabupaten Gunungkidul": the region and its parents below the
        provinsi, with the region's own level words."""
        parts = []
        while code and wilayah_codes.level_of(code) >= KABUPATEN:
            name = self._names.get(code)
            if name is None:
                parts.append(code)
            else:
                term = wilayah_codes.local_term(code, wilayah_codes.kind_for(code))
                parts.append(f"{term} {name}" if term else name)
            code = wilayah_codes.parent_of(code)
        return ", ".join(parts)


def _level_word(level: int) -> str:
    return {KABUPATEN: _("Kabupaten/kota"), KECAMATAN: _("Kecamatan"), DESA: _("Desa/kelurahan")}[level]


_UNDOTTED = {2: (2,), 4: (2, 4), 6: (2, 4, 6), 10: (2, 4, 6)}


def dotted_code(text: str) -> str | None:
    """The dotted form of a code written dotted or as bare digits (34, 3403, 340308, 3403082004); None if neither."""
    compact = re.sub(r"\s+", "", text)
    if wilayah_codes.is_valid_code(compact):
        return compact
    if compact.isascii() and compact.isdigit() and len(compact) in _UNDOTTED:
        cuts = (0, *_UNDOTTED[len(compact)], len(compact))
        return ".".join(compact[start:end] for start, end in pairwise(cuts) if start < end)
    return None
