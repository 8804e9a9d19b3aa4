"""The matching rule of participants to pengurus (`trainings.pengurus_match`): names differing only in case,
spaces and titles link surely; two same-named candidates are unsure; a name in another desa never links."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.models import Pengurus, Wilayah
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.trainings.factories import OutcomeFactory, PenyuluhanFactory
from tests.trainings.history.conftest import NGEPOSARI, SEMANU_CANDIREJO, SEMIN_CANDIREJO, role
from trainings.models import Peserta
from trainings.pengurus_match import TITLES, Status, decide, match_all, person_key

# Words of names, never a title ("prof", "spd"): a name that is itself a title is read as one at its edges.
WORDS = st.text(alphabet="abcdefghijklmnoprstuwy", min_size=3, max_size=9).filter(lambda w: w not in TITLES)
NAMES = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
BEFORE = st.sampled_from(["", "H. ", "Hj. ", "Drs. ", "Bapak ", "Ibu ", "dr. ", "Ir. "])
AFTER = st.sampled_from(["", ", S.Pd.", ", S.Sos", " S.Pd", ", SE", ", A.Md."])


def respell(name: str, data) -> str:
    """`name` as someone else might write it: other case, extra spaces, titles before and after."""
    words = [data.draw(st.sampled_from([w, w.upper(), w.capitalize()])) for w in name.split()]
    gap = data.draw(st.sampled_from([" ", "  ", " \t"]))
    return f"{data.draw(BEFORE)}{gap.join(words)}{data.draw(AFTER)}"


def person(name: str, **fields) -> Pengurus:
    return Pengurus(name=name, **fields)


@settings(max_examples=200)
@given(name=NAMES, others=st.lists(NAMES, max_size=4), data=st.data())
def test_a_name_written_otherwise_links_surely(name, others, data):
    target = person(name)
    pool = [target] + [person(other) for other in others if person_key(other) != person_key(name)]

    match = decide(respell(name, data), pool)

    assert match.status == Status.SURE
    assert match.pengurus is target


@settings(max_examples=100)
@given(name=NAMES, data=st.data())
def test_two_pengurus_of_the_same_name_are_unsure(name, data):
    first, second = person(name), person(respell(name, data))

    match = decide(name, [first, second])

    assert match.status == Status.UNSURE
    assert set(map(id, match.candidates)) == {id(first), id(second)}


@settings(max_examples=100)
@given(name=NAMES, data=st.data())
def test_of_two_same_named_the_one_serving_on_the_event_day_links(name, data):
    day = datetime.date(2024, 5, 1)
    former = person(name, period_from=datetime.date(2015, 1, 1), period_to=datetime.date(2020, 1, 1))
    serving = person(respell(name, data), period_from=datetime.date(2020, 1, 1))

    assert decide(name, [former, serving], on=day).pengurus is serving


def test_a_similar_name_is_proposed_not_linked():
    typo, longer, other = person("Sutrisna"), person("Sutrisno Hadi"), person("Wahyuni")

    match = decide("Sutrisno", [typo, longer, other])

    assert match.status == Status.UNSURE
    assert match.candidates == (typo, longer)


def test_no_candidate_is_no_match():
    assert decide("Sutrisno", [person("Wahyuni")]).status == Status.NONE


@pytest.mark.django_db
def test_candidates_come_from_the_origin_desa_the_kps_and_the_events_wksbm(board):
    semin = WksbmFactory(name="WKSBM Semin", wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    namesake = PengurusFactory(wksbm=semin, name="Sutrisno", role=role("ketua"))
    event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    ngeposari = Wilayah.objects.get(code=NGEPOSARI)
    people = [
        Peserta(event=event, name="SUTRISNO", origin=board["wksbm"].wilayah),  # Semanu's Candirejo: the ketua
        Peserta(event=event, name="Sutrisno", origin=ngeposari),  # no WKSBM there: a name elsewhere never links
        Peserta(event=event, name="Wahyuni", origin=ngeposari, pengurus_checked=True),  # decided: not matched
    ]

    matches = match_all(event, people)

    assert matches[0].pengurus == board["ketua"]
    assert matches[1].status == Status.NONE
    assert 2 not in matches

    # Listed as the event's outcome, or the WKSBM of the participant's KPS: its pengurus are candidates too.
    OutcomeFactory(event=event, wksbm=semin)
    assert match_all(event, people[1:2])[0].pengurus == namesake
    kps = KpsFactory(wilayah=semin.wilayah)
    MembershipFactory(kps=kps, wksbm=semin)
    other_event = PenyuluhanFactory(wilayah=ngeposari)
    assert match_all(other_event, [Peserta(event=other_event, name="Sutrisno", kps=kps)])[0].pengurus == namesake


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES, data=st.data())
def test_a_name_of_another_desa_never_links(diy, name, data):
    """Whatever the name, a pengurus of Semin's Candirejo is no candidate for a participant from Ngeposari."""
    semin = WksbmFactory(wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    PengurusFactory(wksbm=semin, name=respell(name, data), role=role("ketua"))
    event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))

    match = match_all(event, [Peserta(event=event, name=name, origin=Wilayah.objects.get(code=NGEPOSARI))])[0]

    assert match.status == Status.NONE
