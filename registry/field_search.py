"""The field pages' search: one box that finds a WKSBM by its name, its desa or kecamatan, the name of one of its
pengurus or member KPS, or a phone number of any of them (`search_wksbm`).

A name matches whatever its spacing and with small typos ("Sidomakmur" and "Sido Makmr" find "Sido Makmur";
`registry.db.trigram`). A desa or kecamatan name matches whatever its spacing ("Candi rejo"), without the typo
tolerance: the wilayah names have no trigram index (migration 0008 says why), and word similarity on each of the
91,599 names took over a second for a user with all Indonesia, where the spacing-insensitive `LIKE` takes about
0.1 s (and a kabupaten's few hundred names nothing).

A phone number matches in whatever form it is typed (`0812-3456-7890`, `+62812…`, `08123456789`;
`registry.validators.phone_search_digits`), against the stored E.164 form. The match is a set of WKSBM ids and
wilayah codes, each found through an index (the wilayah within the user's area), so the result stays one query
on the user's scoped WKSBM: nothing outside the user's area can be found.
"""

from django.db.models import Q

from registry.db.arrays import InSubquery
from registry.db.collation import foreign_key_collation
from registry.db.trigram import key_contains, name_matches
from registry.enums import WilayahLevel
from registry.models import Kps, KpsMembership, Pengurus, Wilayah
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
    """The condition on WKSBM rows of `search_wksbm`."""
    digits = phone_search_digits(term)
    kps = Kps.objects.filter(_person_or_group(term, digits)).order_by().values("pk")
    places = (
        Wilayah.objects.for_user(user)
        .filter(level__in=(WilayahLevel.KECAMATAN, WilayahLevel.DESA))
        .filter(key_contains("name", term))
        .order_by()
        .values("code")
    )
    collation = foreign_key_collation(Wilayah)
    condition = (
        _person_or_group(term, digits)
        | Q(InSubquery("wilayah", places, collation))
        | Q(InSubquery("wilayah__parent", places, collation))
        | Q(InSubquery("pk", Pengurus.objects.filter(_person_or_group(term, digits)).order_by().values("wksbm")))
        | Q(InSubquery("pk", KpsMembership.objects.filter(InSubquery("kps", kps)).order_by().values("wksbm")))
    )
    return condition


def _person_or_group(term: str, digits: str) -> Q:
    """A WKSBM, pengurus or KPS row whose name matches `term` or whose phone holds `digits` (when given)."""
    condition = name_matches("name", term)
    if digits:
        condition |= Q(phone__contains=digits)
    return condition
