"""Of a set of wilayah, those whose name a file may name, picked in SQL on PostgreSQL (`named_like`).

Why: an import resolves a desa by its name among the desa of the kecamatan (or kabupaten) a row names, and
loads those desa first. Most names are ASCII letters and spaces, whose region name key is the name in lower
case without its spaces, an expression PostgreSQL computes cheaply: keeping only the desa whose key the file
gives means a file loads the few desa it names instead of every desa of its kecamatan and kabupaten (the
others are read only when a desa is not found, for the close names the refusal suggests).

On SQLite all of them are kept: Django evaluates `__regex` there by calling Python for every row, and the
registry's SQLite databases (development) are small.
"""

from django.db import connection
from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace

from registry.db.arrays import among


def named_like(regions, keys: set[str]):
    """Those of `regions` (a Wilayah queryset) whose name may have one of the region name `keys`, on PostgreSQL.

    For a name of ASCII letters and spaces only, without "kep" (which `region_name_key` reads as Kepulauan), the
    name key is the name in lower case without its spaces: such a name is kept when that is one of `keys`. Every
    other name (digits, punctuation, other letters: about one in eighty) is kept whatever it is. Elsewhere all of
    `regions`."""
    if connection.vendor != "postgresql":
        return regions
    return regions.alias(simple_key=Replace(Lower("name"), Value(" "), Value(""))).filter(
        among("simple_key", keys) | Q(name__regex="[^A-Za-z ]") | Q(name__icontains="kep")
    )
