"""How the pages name a place: "Kalurahan Kampung, Kapanewon Ngawen, Kabupaten Gunungkidul", or one level of it.

The helpers walk `Wilayah.parent`; callers load the ancestors with `select_related("…wilayah__parent__parent")`
so that naming a desa costs no query. Kabupaten/kota names already carry their word ("Kota Yogyakarta").
"""

from registry.enums import WilayahLevel
from registry.models import Wilayah


def ancestor_at(wilayah: Wilayah | None, level: int) -> Wilayah | None:
    """`wilayah` itself or its ancestor at `level`; None when `wilayah` lies above that level."""
    while wilayah is not None and wilayah.level > level:
        wilayah = wilayah.parent
    return wilayah if wilayah is not None and wilayah.level == level else None


def wilayah_name_at(wilayah: Wilayah | None, level: int) -> str | None:
    """The display name (Kapanewon Semanu, Kalurahan Candirejo) of `ancestor_at(wilayah, level)`, or None."""
    found = ancestor_at(wilayah, level)
    return found.display_name if found else None


def place_name(wilayah: Wilayah | None) -> str:
    """`wilayah` and its ancestors up to the kabupaten/kota, comma-separated; "" for none or a provinsi."""
    parts = []
    while wilayah is not None and wilayah.level >= WilayahLevel.KABUPATEN:
        parts.append(wilayah.display_name)
        # Stops at the kabupaten without touching its parent, which the caller need not have loaded.
        wilayah = wilayah.parent if wilayah.level > WilayahLevel.KABUPATEN else None
    return ", ".join(parts)
