"""Fuzzy matching of names on PostgreSQL with pg_trgm (`WordSimilar`), and the space-free search key (`search_key`)
that makes a search insensitive to spacing on every database.

Why: a penyuluh types "Sidomakmur" for "Sido Makmur", or "Sido Makmr" on a phone keyboard. `icontains` finds
neither. pg_trgm's word similarity (`term <% name`: the share of the term's trigrams found in the closest stretch
of the name, at least `pg_trgm.word_similarity_threshold`, 0.6 by default) finds both, and so does a `LIKE` on the
name with its spaces and punctuation removed. Both are served by trigram GIN indexes, so a term costs a few
bitmap index scans whatever the number of rows: `UPPER(name)` (migration 0008, for the admin's `icontains`) and
the search key (migration 0015, `field_search_trigram_indexes`). The term is given as a literal (psycopg's
client-side binding), so the planner matches the indexed expressions.

The planner costs a word-similarity test like a plain comparison, so on a table of tens of thousands of names
it prefers reading the whole table, testing each name (480 ms for the 50,000 KPS of bench/page_cost.py's
database, where the three bitmap index scans take 18 ms). `index_scans_only` turns the table scan off for the
queries of a block; the field search reads its matches within it (`registry.field_search`).

On SQLite there is no trigram matching: `search_key` still makes the contains spacing-insensitive.
"""

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import BooleanField, Func, Q, Value
from django.db.models.functions import Replace, Upper
from django.db.models.lookups import Contains

# Characters a name may be written with or without: "Sido Makmur", "Sido-Makmur", "Sidomakmur", "Ds. Kampung".
KEY_IGNORED = (" ", "-", ".", "'")


def search_key(expression):
    """The SQL expression of a name's search key: upper case, without `KEY_IGNORED` (indexed on PostgreSQL; the
    migration writes the same expression)."""
    key = Upper(expression)
    for character in KEY_IGNORED:
        key = Replace(key, Value(character), Value(""))
    return key


def term_key(term: str) -> str:
    """`search_key` of a typed term, computed in Python."""
    key = term.upper()
    for character in KEY_IGNORED:
        key = key.replace(character, "")
    return key


class WordSimilar(Func):
    """`term <% expression` (pg_trgm): the term is similar to some stretch of words of the expression; PostgreSQL
    only. Served by a trigram GIN index on `expression`."""

    output_field = BooleanField()
    conditional = True
    template = "(%(expressions)s)"
    arg_joiner = " <%% "

    def __init__(self, term: str, expression):
        super().__init__(Value(term), expression)


def key_contains(field: str, term: str) -> Q:
    """Rows whose `field`'s search key contains the typed `term`'s key: the spacing-insensitive match alone, on
    every database (for names without a trigram index: the wilayah's). Nothing for a term of ignored characters."""
    key = term_key(term)
    return Q(Contains(search_key(field), key)) if key else Q(pk__in=[])


def name_matches(field: str, term: str) -> Q:
    """Rows whose `field` matches the typed `term` whatever its spacing: the search key contains the term's key,
    and on PostgreSQL also the term is word-similar to the name or its key (small typos). An empty Q-less term
    (nothing but ignored characters) matches nothing."""
    key = term_key(term)
    if not key:
        return Q(pk__in=[])
    condition = key_contains(field, term)
    if connection.vendor == "postgresql":
        condition |= Q(WordSimilar(term.upper(), Upper(field))) | Q(WordSimilar(key, search_key(field)))
    return condition


@contextmanager
def index_scans_only():
    """Within the block, PostgreSQL's planner reads tables through their indexes wherever one serves the query
    (`enable_seqscan` off; see the module docstring for why); nothing changes on other databases.

    The setting is local to the transaction (one is opened if none is) and set back to the database's default at
    the end of the block: the request's later queries are planned as usual. Costs two statements.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            yield
        finally:
            if not connection.needs_rollback:
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
