"""A row's wilayah read from the wilayah columns and resolved within the importing user's area: loading only the
regions a file can name, and refusing a wilayah of the wrong level or outside the area."""

import functools
from collections.abc import Iterable

from django.utils.translation import gettext as _

from registry import scoping, wilayah_codes
from registry.db.arrays import among
from registry.db.region_names import named_like
from registry.enums import WilayahLevel
from registry.imports.errors import CellError
from registry.imports.normalize import clean_text
from registry.imports.plan import RowErrors
from registry.imports.shared_columns import WILAYAH_COLUMNS
from registry.imports.wilayah_resolver import DESA, WilayahResolver, dotted_code, region_name_keys
from registry.models import Wilayah


def area_resolver(user, places: Iterable[tuple[str, str, str, str]]) -> WilayahResolver:
    """A resolver for `places`, the cleaned (kode_wilayah, kabupaten, kecamatan, desa) cells of a file, over the
    wilayah of the provinces `user` works in (all for a superuser).

    Provinces rather than the exact areas, so that a row just outside the user's area is named as such
    ("di luar wilayah kerja Anda") instead of "not found". Only what the file can name is loaded: the codes it
    gives with their parents, every kabupaten and kecamatan when it names any, and the desa of the kecamatan
    (or kabupaten) it names them in — a few queries instead of the country's 90,000 regions. Of those desa, on
    PostgreSQL, only the ones a row could name (`named_like`); the others are read only when a desa is not found,
    for the close names its message suggests.
    """
    codes = scoping.area_codes(user)
    candidates = Wilayah.objects.all()
    if codes is not None:
        candidates = candidates.within(
            sorted({wilayah_codes.ancestor_code(code, WilayahLevel.PROVINSI) for code in codes})
        )
    places = set(places)
    given = {code for kode, *_names in places if kode and (code := dotted_code(kode))}
    wanted = {code[:end] for code in given for end in wilayah_codes.CODE_LENGTH.values() if end <= len(code)}
    every_desa = candidates.filter(level=WilayahLevel.DESA)
    resolver = WilayahResolver(
        candidates.filter(among("code", wanted)).values_list("code", "name"),
        desa_pool=functools.partial(_desa_under, every_desa),
    )
    if any(any(names) for _kode, *names in places):
        resolver.add(
            candidates.filter(level__in=(WilayahLevel.KABUPATEN, WilayahLevel.KECAMATAN)).values_list("code", "name")
        )
    parents: set[str] = set()
    for _kode, kabupaten, kecamatan, desa in places:
        if not desa:
            continue
        scope = resolver.desa_scope(kabupaten=kabupaten, kecamatan=kecamatan)
        if scope is None:  # a desa named alone: looked for among all the candidates' desa
            parents = None
            break
        parents.update(scope)
    if parents is None:
        named = every_desa
    elif parents:
        # Kecamatan are the desa's parents; a kabupaten (a desa named without its kecamatan) is a prefix.
        kecamatan = {code for code in parents if wilayah_codes.level_of(code) == WilayahLevel.KECAMATAN}
        named = every_desa.filter(
            among("parent_id", kecamatan) | scoping.code_prefix_q("code", sorted(parents - kecamatan))
        )
    else:
        return resolver
    keys = {key for _kode, _kabupaten, _kecamatan, text in places if text for key in region_name_keys(DESA, text)}
    resolver.add(named_like(named, keys).values_list("code", "name"))
    return resolver


def _desa_under(desa, scope: list[str] | None):
    """(code, name) of the `desa` (a Wilayah queryset) under the codes `scope`, or all of them for None, for
    the close names `WilayahResolver` suggests."""
    if scope is not None:
        desa = desa.filter(scoping.code_prefix_q("code", scope))
    return desa.order_by("code").values_list("code", "name")


def resolve_wilayah_column(rows: list[RowErrors], user, *, levels: tuple[int, ...], keep_outside: bool = False) -> list:
    """The wilayah code of each row, or None with the reason recorded: not found, ambiguous, of the wrong level
    (`levels` allowed), or outside `user`'s area. Each distinct combination of wilayah cells is resolved once.

    With `keep_outside`, a wilayah outside the area (within the user's provinces) is returned as found, for a list
    whose rows may name a record seated there without changing it (a provincial mitra in a kabupaten's list)."""
    if not rows:
        return []
    positions = rows[0].header.positions
    indexes = [positions.get(column.header) for column in WILAYAH_COLUMNS]
    cells = [tuple("" if index is None else row.cells[index] for index in indexes) for row in rows]
    cleaned = {raw: tuple(map(clean_text, raw)) for raw in set(cells)}
    resolver = area_resolver(user, cleaned.values())
    outcomes = {raw: _resolve(place, resolver, user, levels, keep_outside) for raw, place in cleaned.items()}
    codes = []
    for row, raw in zip(rows, cells, strict=True):
        code, problems = outcomes[raw]
        for message, column in problems:
            row.add(message, column)
        codes.append(code)
    return codes


def _resolve(place: tuple, resolver: WilayahResolver, user, levels, keep_outside) -> tuple[str | None, list[tuple]]:
    """(code, []) or (None, [(message, column)]) for one cleaned (kode_wilayah, kabupaten, kecamatan, desa)."""
    kode, kabupaten, kecamatan, desa = place
    try:
        code = resolver.resolve(kode=kode, kabupaten=kabupaten, kecamatan=kecamatan, desa=desa)
    except CellError as error:
        return None, [(error.message, error.column)]
    if wilayah_codes.level_of(code) not in levels:
        wanted = " atau ".join(str(WilayahLevel(level).label).lower() for level in levels)
        message = _("wilayah %(code)s bukan %(wanted)s; isi juga kolom di bawahnya.") % {"code": code, "wanted": wanted}
        return None, [(message, None)]
    if not keep_outside and not scoping.in_area(user, code):
        return None, [(_("wilayah %(code)s di luar wilayah kerja Anda.") % {"code": code}, None)]
    return code, []
