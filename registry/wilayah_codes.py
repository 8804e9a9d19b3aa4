"""Rules of the Kemendagri wilayah code system (Kepmendagri 300.2.2-2138/2025 and its amendments).

A code is dotted: `34` provinsi, `34.03` kabupaten/kota, `34.03.08` kecamatan, `34.03.08.2004` desa/kelurahan.
The code prefix is the hierarchy, so everything here is a pure function of the code (and, for display, of the
code's ancestors), with no database access.
"""

import functools
import re

from django.utils.translation import get_language

from registry.enums import WilayahKind, WilayahLevel

CODE_PATTERN = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")

# Provinces of Tanah Papua, whose kecamatan are called distrik (UU 21/2001 and the 2022 new provinces).
PAPUA_PROVINCES = frozenset({"91", "92", "93", "94", "95", "96"})

DIY_PROVINCE = "34"
KOTA_YOGYAKARTA = "34.71"


def is_valid_code(code: str) -> bool:
    """True when `code` has the dotted shape of a Kemendagri code at any level."""
    return bool(CODE_PATTERN.match(code))


def lies_within(code: str, area: str) -> bool:
    """True when the wilayah `code` is `area` or lies under it: the code prefix is the hierarchy."""
    return code == area or code.startswith(area + ".")


# Codes have fixed widths (`34`, `34.03`, `34.03.08`, `34.03.08.2004`): the length of a code at each level, so
# an ancestor's code is the start of the code (`ancestor_code`).
PROVINSI_CODE_LENGTH = 2
KABUPATEN_CODE_LENGTH = 5
KECAMATAN_CODE_LENGTH = 8
DESA_CODE_LENGTH = 13
CODE_LENGTH = {
    WilayahLevel.PROVINSI: PROVINSI_CODE_LENGTH,
    WilayahLevel.KABUPATEN: KABUPATEN_CODE_LENGTH,
    WilayahLevel.KECAMATAN: KECAMATAN_CODE_LENGTH,
    WilayahLevel.DESA: DESA_CODE_LENGTH,
}
LEVEL_BY_LENGTH = {length: int(level) for level, length in CODE_LENGTH.items()}


def ancestor_code(code: str, level: int) -> str:
    """The code of the wilayah at `level` that `code` lies in (`34.03` for `34.03.08.2004` at kabupaten level);
    `code` itself when it is at `level` or above it."""
    return code[: CODE_LENGTH[level]]


def level_of(code: str) -> int:
    """The level of a well-formed code (a `WilayahLevel` value): the number of its segments."""
    return code.count(".") + 1


def parent_of(code: str) -> str | None:
    """The parent's code (`34.03.08` for `34.03.08.2004`), or None for a provinsi."""
    head, _, _ = code.rpartition(".")
    return head or None


def kind_for(code: str) -> str:
    """The official kind of a wilayah (a `WilayahKind` value), from its code alone.

    Kabupaten are numbered 01–69 and kota 71–99; in the fourth segment 1xxx is a kelurahan, 2xxx a desa and
    3xxx a desa adat; kecamatan of the Papua provinces are distrik. Called once per row by the loader, so it
    works on string positions rather than splitting the code.
    """
    length = len(code)
    if length == PROVINSI_CODE_LENGTH:
        return _PROVINSI
    if length == KABUPATEN_CODE_LENGTH:
        return _KOTA if code[3] >= "7" else _KABUPATEN
    if length == KECAMATAN_CODE_LENGTH:
        return _DISTRIK if code[:2] in PAPUA_PROVINCES else _KECAMATAN
    return DESA_KIND_BY_DIGIT.get(code[DESA_KIND_DIGIT_AT], DESA_KIND_OTHERWISE)


_PROVINSI, _KABUPATEN, _KOTA = WilayahKind.PROVINSI.value, WilayahKind.KABUPATEN.value, WilayahKind.KOTA.value
_KECAMATAN, _DISTRIK = WilayahKind.KECAMATAN.value, WilayahKind.DISTRIK.value

# A desa/kelurahan code (`34.03.08.2004`): its parent is its first `KECAMATAN_CODE_LENGTH` characters, and the
# first digit of its last segment (at `DESA_KIND_DIGIT_AT`) gives its kind.
DESA_KIND_DIGIT_AT = 9
DESA_KIND_BY_DIGIT = {"1": WilayahKind.KELURAHAN.value, "3": WilayahKind.DESA_ADAT.value}
DESA_KIND_OTHERWISE = WilayahKind.DESA.value


def local_term(code: str, kind: str) -> str:
    """The word people in the region put before the name of a kecamatan or desa, or "" for higher levels.

    DI Yogyakarta (Perdais 1/2018) calls a kecamatan *Kapanewon* and a desa *Kalurahan* in its kabupaten, and a
    kecamatan *Kemantren* in Kota Yogyakarta, whose kelurahan keep their name. Elsewhere the official kind's
    label is used. The stored official name is never changed.

    The word depends on the kabupaten/kota and the kind alone, and a list page asks it for every wilayah of
    every row: it is worked out once per kabupaten, kind and language.
    """
    return _local_term(code[:KABUPATEN_CODE_LENGTH], str(kind), get_language())


@functools.cache
def _local_term(kabupaten: str, kind: str, language: str | None) -> str:
    if kind in (WilayahKind.PROVINSI, WilayahKind.KABUPATEN, WilayahKind.KOTA):
        return ""
    if lies_within(kabupaten, DIY_PROVINCE):
        in_kota = kabupaten == KOTA_YOGYAKARTA
        if kind == WilayahKind.KECAMATAN:
            return "Kemantren" if in_kota else "Kapanewon"
        if kind == WilayahKind.DESA and not in_kota:
            return "Kalurahan"
    return str(WilayahKind(kind).label)


# A well-formed code's length → (its level, the length of its parent's code; 0 for a provinsi).
_SHAPES = {length: (level, CODE_LENGTH.get(level - 1, 0)) for length, level in LEVEL_BY_LENGTH.items()}


def row_values(code: str, name: str) -> tuple[str, str, int, str, str | None]:
    """The stored columns (code, name, level, kind, parent_id) of a well-formed code, as the loader writes them.

    Called once per region by `load_wilayah`, so level and parent come from the code's length in one lookup.
    """
    level, parent_length = _SHAPES[len(code)]
    return code, name, level, kind_for(code), code[:parent_length] or None
