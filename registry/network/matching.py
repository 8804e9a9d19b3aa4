"""Close mitra names: before a new mitra is recorded, the mitra of the same kabupaten whose names are close to the
one typed are offered instead ("Apakah maksud Anda…?"), so that "Baznas Gunung Kidul", "BAZNAS Gunungkidul" and
"Baznas Gunungkidl" stay one partner.

On PostgreSQL a name is close when its trigram similarity to the typed one (pg_trgm's `%`, at least
`pg_trgm.similarity_threshold`, 0.3 by default) holds, served by the GIN trigram index on `UPPER(name)`
(migration `0022_mitra_name_trigram_index`); on every database also when the two names' search keys
(`registry.db.trigram.search_key`: upper case without spaces and punctuation) are equal or one contains the other
("Puskesmas Semanu I" and "Puskesmas Semanu-I", "PKU Muhammadiyah" in "RS PKU Muhammadiyah Wonosari").
"""

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.functions import Upper
from django.db.models.lookups import Contains, Exact

from registry.db.trigram import search_key, term_key
from registry.enums import WilayahLevel
from registry.scoping import code_prefix_q
from registry.wilayah_codes import ancestor_code

# No more candidates than a phone screen shows at once; the closest first on PostgreSQL.
CANDIDATE_LIMIT = 8


class TrigramSimilar(Func):
    """`expression % term` (pg_trgm): the two are similar as wholes; PostgreSQL only, served by a trigram GIN
    index on `expression`."""

    output_field = BooleanField()
    conditional = True
    template = "(%(expressions)s)"
    arg_joiner = " %% "

    def __init__(self, expression, term: str):
        super().__init__(expression, Value(term))


class TrigramSimilarity(Func):
    """`similarity(expression, term)`: the share of trigrams the two have in common (0…1); PostgreSQL only."""

    function = "similarity"

    def __init__(self, expression, term: str):
        from django.db.models import FloatField

        super().__init__(expression, Value(term), output_field=FloatField())


def close_name_q(name: str) -> Q:
    """The mitra rows whose name is close to `name` (see the module docstring); nothing for a name of ignored
    characters only."""
    key = term_key(name.strip())
    if not key:
        return Q(pk__in=[])
    condition = Q(Exact(search_key("name"), key)) | Q(Contains(search_key("name"), key))
    condition |= Q(Contains(Value(key), search_key("name")))
    if connection.vendor == "postgresql":
        condition |= Q(TrigramSimilar(Upper("name"), name.strip().upper()))
    return condition


def close_mitra(name: str, wilayah_code: str, *, exclude_pk=None):
    """At most `CANDIDATE_LIMIT` mitra seated in the kabupaten of `wilayah_code` with a name close to `name`, the
    closest first (by similarity on PostgreSQL, by name elsewhere), with their kind and seat. A mitra's name is no
    personal data (`MitraQuerySet.public_names`): candidates are offered from the whole kabupaten, so that a
    partner recorded by a neighbouring kecamatan is not recorded twice."""
    from registry.models import Mitra

    kabupaten = ancestor_code(wilayah_code, WilayahLevel.KABUPATEN)
    rows = (
        Mitra.objects.filter(code_prefix_q("wilayah__code", [kabupaten]))
        .filter(close_name_q(name))
        .select_related("kind", "wilayah")
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        rows = rows.annotate(closeness=TrigramSimilarity(Upper(F("name")), name.strip().upper())).order_by(
            "-closeness", "name", "pk"
        )
    else:
        rows = rows.order_by("name", "pk")
    return list(rows[:CANDIDATE_LIMIT])
