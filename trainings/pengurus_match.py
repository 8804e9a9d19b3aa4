"""Which board member (`registry.Pengurus`) a named participant (`Peserta`) is: the one matching rule.

Candidates: the pengurus (of any term) of the WKSBM where the participant comes from (the WKSBM whose wilayah is
the participant's asal desa or lies in their asal kecamatan), of the WKSBM their KPS is a current member of,
and of the WKSBM the event lists as its outcomes.

Names are compared by `person_key`: the registry's name rule (`registry.validators.name_key`: case and spaces
ignored) after leaving out honorifics and degrees ("H.", "Hj.", "Drs.", "Bapak", ", S.Pd."...).

- **sure**: exactly one candidate has the participant's key (or several do, of whom exactly one held a term on
  the event's first day): linked without asking;
- **unsure**: several candidates share the key, or none does but some names are similar (one name's words
  contained in the other's, or at least `SIMILAR_RATIO` alike): proposed for a person to confirm;
- **none**: no candidate: not a pengurus of those WKSBM.

The candidates of one participant are a few dozen people at most (the boards of one desa), so the comparison is
done in Python, the same on PostgreSQL and SQLite; `match_all` reads every candidate of a whole list in one
query. A participant already linked to a pengurus, or whose match a person already decided (`pengurus_checked`),
is not matched again. Linking a participant who represents a KPS replaces the KPS link by the pengurus one (the
model allows one link; the pengurus names the WKSBM too), and history keeps the former.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from django.db.models import Q

from registry.models import KpsMembership, Pengurus
from registry.querysets import term_is_current
from registry.scoping import NOTHING, code_prefix_q, in_area
from registry.validators import name_key
from registry.wilayah_codes import lies_within

SIMILAR_RATIO = 0.85
# Honorifics, religious and academic titles written before or after a name (lower case, dots removed).
TITLES = frozenset(
    (
        *("h", "hj", "haji", "hajah", "kh", "ust", "ustadz", "ustadzah"),
        *("drs", "dra", "dr", "ir", "prof", "bapak", "bpk", "pak", "ibu", "bu", "sdr", "sdri"),
        *("spd", "ssos", "se", "sh", "st", "sag", "sip", "ssi", "skom", "skm", "skep", "sp", "sth", "shi", "spdi"),
        *("amd", "amk", "ama", "mpd", "msi", "mm", "mh", "mag", "msc", "ma", "mkes"),
    )
)


def _is_title(token: str) -> bool:
    return token.replace(".", "").casefold() in TITLES


def person_words(name: str) -> list[str]:
    """The words of a person's name without the titles around it: "Hj. Sri  Lestari, S.Pd." → ["sri", "lestari"].

    Degrees after a comma are dropped; leading and trailing honorifics and degrees too, never a word in the
    middle. A name made of titles only keeps its words rather than becoming empty; a word that is also a title
    (a person called "Ma") is read as a title at the edge of a longer name, so such a name may wait for
    confirmation instead of linking surely."""
    before_comma = name.split(",", 1)[0]
    words = before_comma.split()
    while words and _is_title(words[0]):
        words.pop(0)
    while words and _is_title(words[-1]):
        words.pop()
    words = words or name.split()
    return [name_key(word) for word in words if name_key(word)]


def person_key(name: str) -> str:
    """The key two names of the same person share: `name_key` of the name without its titles."""
    return name_key("".join(person_words(name)))


def similar(a: str, b: str) -> bool:
    """Whether two names are alike enough to ask (not to link): the words of one contained in the other's, or
    their keys at least `SIMILAR_RATIO` alike (a typo, a letter missing)."""
    words_a, words_b = set(person_words(a)), set(person_words(b))
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        return True
    return SequenceMatcher(None, person_key(a), person_key(b)).ratio() >= SIMILAR_RATIO


class Status:
    SURE = "sure"
    UNSURE = "unsure"
    NONE = "none"


@dataclass(frozen=True)
class Match:
    """The outcome for one participant: `status`, the `pengurus` when sure, the `candidates` to choose from when
    unsure (equal names first, then similar ones, by name)."""

    status: str
    pengurus: Pengurus | None = None
    candidates: tuple[Pengurus, ...] = field(default=())


NO_MATCH = Match(Status.NONE)


def decide(name: str, pool: Iterable[Pengurus], on=None) -> Match:
    """The match of a participant called `name` among the candidate `pool`; `on` is the event's first day (a
    tie between equal names is broken by who held a term that day)."""
    key = person_key(name)
    pool = list(pool)
    equal = [p for p in pool if person_key(p.name) == key]
    if len(equal) > 1 and on is not None:
        serving = [p for p in equal if term_is_current(p.period_from, p.period_to, on)]
        if len(serving) == 1:
            return Match(Status.SURE, serving[0])
    if len(equal) == 1:
        return Match(Status.SURE, equal[0])
    alike = [p for p in pool if p not in equal and similar(name, p.name)]
    candidates = tuple(sorted(equal, key=lambda p: p.name) + sorted(alike, key=lambda p: p.name))
    return Match(Status.UNSURE, candidates=candidates) if candidates else NO_MATCH


def needs_matching(peserta) -> bool:
    """Whether `peserta` is still to be matched: not linked to a pengurus, and not decided by a person."""
    return peserta.pengurus_id is None and not peserta.pengurus_checked


def match_all(event, people: list) -> dict[int, Match]:
    """{index in `people`: Match} for the participants of `event` in `people` (saved or not) that need matching
    (`needs_matching`); the others are left out. Two queries whatever the number of people (none without
    candidates to look for)."""
    wanted = {index: p for index, p in enumerate(people) if needs_matching(p)}
    if not wanted:
        return {}
    origins = {p.origin_id for p in wanted.values() if p.origin_id}
    kps_ids = {p.kps_id for p in wanted.values() if p.kps_id}
    kps_wksbm: dict[int, set[int]] = {}
    if kps_ids:
        for kps_id, wksbm_id in (
            KpsMembership.objects.current().filter(kps_id__in=kps_ids).values_list("kps_id", "wksbm_id")
        ):
            kps_wksbm.setdefault(kps_id, set()).add(wksbm_id)
    listed = set(event.outcomes.values_list("wksbm_id", flat=True)) if event.pk else set()
    wksbm_ids = listed | {w for ids in kps_wksbm.values() for w in ids}
    condition = code_prefix_q("wksbm__wilayah__code", sorted(origins)) if origins else NOTHING
    if wksbm_ids:
        condition |= Q(wksbm_id__in=wksbm_ids)
    pool = list(Pengurus.objects.filter(condition).select_related("wksbm", "role").order_by("name", "pk"))
    matches = {}
    for index, peserta in wanted.items():
        own = listed | kps_wksbm.get(peserta.kps_id, set())
        candidates = [
            p
            for p in pool
            if p.wksbm_id in own or (peserta.origin_id and lies_within(p.wksbm.wilayah_id, peserta.origin_id))
        ]
        matches[index] = decide(peserta.name, candidates, on=event.starts_on)
    return matches


def unsure_of(event, people: list, user=None) -> list[tuple[object, Match]]:
    """(participant, match) of each participant of `people` whose match needs a person's confirmation. With
    `user`, only the candidates of WKSBM in the user's area are offered (no pengurus outside it is named), and
    a participant left without any is not listed."""
    matches = match_all(event, people)
    unsure = [(people[i], m) for i, m in sorted(matches.items()) if m.status == Status.UNSURE]
    if user is None:
        return unsure
    shown = []
    for peserta, match in unsure:
        candidates = tuple(p for p in match.candidates if in_area(user, p.wksbm.wilayah_id))
        if candidates:
            shown.append((peserta, replace(match, candidates=candidates)))
    return shown
