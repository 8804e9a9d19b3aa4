"""The field pages' search: one box that finds a WKSBM by its name, its desa or kecamatan, the name of one of its
pengurus or member KPS, or a phone number of any of them (`search_wksbm`).

A name matches whatever its spacing and with small typos ("Sidomakmur" and "Sido Makmr" find "Sido Makmur";
`registry.db.trigram`). A desa or kecamatan name matches whatever its spacing ("Candi rejo"), without the typo
tolerance: the wilayah names have no trigram index (migration 0008 says why), and word similarity on each of the
91,599 names took over a second for a user with all Indonesia, where the spacing-insensitive `LIKE` takes about
0.1 s (and a kabupaten's few hundred names nothing).

A phone number matches in whatever form it is typed (`0812-3456-7890`, `+62812…`, `08123456789`;
`registry.validators.phone_search_digits`), against the stored E.164 form.

The WKSBM whose own name or phone, or one of whose pengurus or member KPS, matches are read first, in one query
through the trigram indexes (`registry.db.trigram.index_scans_only`: left to itself, the planner tested every
one of 50,000 KPS names, 1.3 s for the page in bench/page_cost.py); the search is then those WKSBM and those of
the matching desa and kecamatan, among the user's scoped WKSBM: nothing outside the user's area can be found.
"""

from django.db.models import Q

from registry.db.arrays import InSubquery, among
from registry.db.collation import foreign_key_collation
from registry.db.trigram import index_scans_only, key_contains, name_matches
from registry.enums import WilayahLevel
from registry.models import Kps, KpsMembership, Pengurus, Wilayah, Wksbm
from registry.validators import phone_search_digits

# Longer terms are not names anyone types; the field pages cut the box there too.
MAX_TERM_LENGTH = 100


def search_wksbm(queryset, term: str, *, user):
    """The WKSBM of `queryset` (already scoped to `user`) matching the typed `term` (see the module docstring);
    `queryset` itself for a blank term."""
    term = term.strip()[:MAX_TERM_LENGTH]
    if not term:
        return queryset
    return queryset.filter(search_condition(term, user=user))


def search_condition(term: str, *, user) -> Q:
    """The condition on WKSBM rows of `search_wksbm`; reads the matching WKSBM ids at once (one query, and the two
    statements of `index_scans_only` on PostgreSQL)."""
    digits = phone_search_digits(term)
    with index_scans_only():
        matched = list(matching_wksbm_ids(term, digits, user=user))
    places = (
        Wilayah.objects.for_user(user)
        .filter(level__in=(WilayahLevel.KECAMATAN, WilayahLevel.DESA))
        .filter(key_contains("name", term))
        .order_by()
        .values("code")
    )
    collation = foreign_key_collation(Wilayah)
    return (
        among("pk", matched)
        | Q(InSubquery("wilayah", places, collation))
        | Q(InSubquery("wilayah__parent", places, collation))
    )


def matching_wksbm_ids(term: str, digits: str, *, user):
    """The query of the ids of the user's WKSBM whose own name or phone matches, and of the WKSBM (anywhere: the
    search keeps the user's own) one of whose pengurus or member KPS, current or past, matches. Limiting those to
    the user's area in this query joined each to its WKSBM, and the planner then walked all pengurus by WKSBM
    (240 ms, against 30 ms for the matches alone)."""
    condition = _person_or_group(term, digits)
    kps = Kps.objects.filter(condition).order_by().values("pk")
    return (
        Wksbm.objects.for_user(user)
        .filter(condition)
        .order_by()
        .values_list("pk", flat=True)
        .union(
            Pengurus.objects.filter(condition).order_by().values_list("wksbm", flat=True),
            KpsMembership.objects.for_user(user)
            .filter(InSubquery("kps", kps))
            .order_by()
            .values_list("wksbm", flat=True),
        )
    )


def _person_or_group(term: str, digits: str) -> Q:
    """A WKSBM, pengurus or KPS row whose name matches `term` or whose phone holds `digits` (when given)."""
    condition = name_matches("name", term)
    if digits:
        condition |= Q(phone__contains=digits)
    return condition
