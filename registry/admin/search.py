"""The admin search of the registry's lists: a term shaped like a wilayah code matches by code prefix, any other
term matches names (`WilayahSearchMixin`)."""

import re

from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal

from registry.db.arrays import InSubquery
from registry.db.collation import foreign_key_collation

# A search term shaped like a wilayah code or its start ("34.03", "34.03.08.20"). A bare number is not one:
# names carry numbers too ("RW 05").
CODE_TERM = re.compile(r"^\d{2}\.[\d.]*$")


class WilayahSearchMixin:
    """Admin search where a term shaped like a wilayah code is a code-prefix match and other terms match names.

    `34.03.08` finds everything in Kapanewon Semanu through `code_search_field` (the lookup path to the wilayah
    code, served by the foreign key's index); any other term is matched, case-insensitively, by `search_term_q`.
    Terms are ANDed, as in Django's own search, and quoted phrases stay whole. The result never repeats a row,
    so no DISTINCT is needed: a term matches the row's own columns or puts a foreign key or the row's id `IN`
    a subquery, and an admin matching related rows (a WKSBM's pengurus) adds their ids in its
    `search_term_matches`.

    On PostgreSQL every name match is served by a trigram index (migration 0008: `UPPER(name) gin_trgm_ops`,
    the expression Django's `icontains` compares), so a term costs a few bitmap index scans, not a table scan.
    """

    code_search_field = "wilayah__code"

    def search_term_matches(self, term: str) -> list:
        """Single-column querysets of the ids of rows matching `term` through other tables; none here.

        Each becomes `pk IN (…)` (`= ANY(ARRAY(…))` on PostgreSQL) ORed with the matches of `search_fields`.
        """
        return []

    def search_term_q(self, term: str) -> Q:
        """The rows matching one non-code term: `icontains` on any of `search_fields` or `search_term_matches`.

        The row's own columns are compared in the row's query, so the planner estimates the match from their
        statistics and chooses between walking the list's order and sorting the matches. A field of a related
        row (`wilayah__name`) is matched in that row's table first and the rows then by foreign key, rather
        than joining every row to its wilayah.
        """
        condition = Q()
        for field in self.search_fields:
            relation, _, rest = field.partition("__")
            model_field = self.model._meta.get_field(relation)
            if not rest:
                condition |= Q(**{f"{field}__icontains": term})
            elif model_field.concrete and (model_field.many_to_one or model_field.one_to_one):
                target = model_field.related_model
                matching = target._default_manager.filter(**{f"{rest}__icontains": term}).order_by().values("pk")
                condition |= Q(InSubquery(relation, matching, foreign_key_collation(target)))
            else:
                matching = self.model._default_manager.filter(**{f"{field}__icontains": term}).order_by()
                condition |= Q(InSubquery("pk", matching.values("pk")))
        for matching in self.search_term_matches(term):
            condition |= Q(InSubquery("pk", matching))
        return condition

    def get_search_results(self, request, queryset, search_term):
        condition = Q()
        for term in smart_split(search_term):
            if term[:1] in "\"'" and term[-1:] == term[:1] and len(term) > 1:
                term = unescape_string_literal(term)
            if not term.strip():
                continue
            if CODE_TERM.match(term):
                condition &= Q(**{f"{self.code_search_field}__startswith": term})
            else:
                condition &= self.search_term_q(term)
        return queryset.filter(condition), False
