"""The registry facts an evaluation is pre-filled from, each fact, in a fixed number of queries for a list, and
how they map to the indicators' options."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.models import FundCollection, FundSource, PengurusRole
from tests.factories import ActivityReportFactory, PengurusFactory, WksbmFactory
from tests.trainings.factories import PesertaFactory
from tests.trainings.visits.factories import KunjunganFactory
from trainings.evaluation_facts import facts_for, facts_for_many, option_for_fact, prefill, whole_months_between
from trainings.evaluation_services import instrument_indicators
from trainings.models.evaluation import AnswerOption, Fact

ON = datetime.date(2026, 6, 15)


def test_sk_present_from_its_number_or_date(wksbm):
    assert facts_for(wksbm, ON)[Fact.SK_PRESENT] == 0
    wksbm.sk_number = "188/12/2020"
    wksbm.save()
    assert facts_for(wksbm, ON)[Fact.SK_PRESENT] == 1


def test_board_complete_with_a_current_ketua_and_sekretaris(wksbm):
    PengurusFactory(wksbm=wksbm, role=PengurusRole.objects.get(slug="ketua"))
    assert facts_for(wksbm, ON)[Fact.BOARD_COMPLETE] == 0
    PengurusFactory(wksbm=wksbm, role=PengurusRole.objects.get(slug="sekretaris"))
    assert facts_for(wksbm, ON)[Fact.BOARD_COMPLETE] == 1


def test_months_since_the_last_report_or_since_formation_without_one(wksbm):
    # Formed 8 August 2019, never reported: 82 whole months by 15 June 2026.
    assert facts_for(wksbm, ON)[Fact.MONTHS_SINCE_CONTACT] == 82
    ActivityReportFactory(wksbm=wksbm, date=datetime.date(2026, 2, 20))
    ActivityReportFactory(wksbm=wksbm, date=datetime.date(2025, 1, 1))
    assert facts_for(wksbm, ON)[Fact.MONTHS_SINCE_CONTACT] == 3


def test_a_visit_later_than_the_last_report_counts_as_the_last_contact(wksbm):
    ActivityReportFactory(wksbm=wksbm, date=datetime.date(2025, 1, 1))
    KunjunganFactory(wksbm=wksbm, date=datetime.date(2026, 5, 2))
    KunjunganFactory(wksbm=wksbm, date=datetime.date(2024, 5, 2))

    assert facts_for(wksbm, ON)[Fact.MONTHS_SINCE_CONTACT] == 1


@given(st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 1, 1)), st.integers(0, 400))
def test_whole_months_between_counts_months_begun_and_completed(start, later_days):
    later = start + datetime.timedelta(days=later_days)
    months = whole_months_between(start, later)
    assert months >= 0
    assert later_days >= 28 * months  # a whole month is at least 28 days
    assert later_days < 31 * (months + 1)


def test_funds_this_year_count_the_community_s_own_sources_only(wksbm):
    this_year = ActivityReportFactory(wksbm=wksbm, date=datetime.date(2026, 3, 1))
    last_year = ActivityReportFactory(wksbm=wksbm, date=datetime.date(2025, 12, 31))
    source = {s.slug: s for s in FundSource.objects.all()}
    FundCollection.objects.create(report=this_year, source=source["swadaya"], amount=400_000)
    FundCollection.objects.create(report=this_year, source=source["perantau"], amount=250_000)
    FundCollection.objects.create(report=this_year, source=source["dana-desa"], amount=5_000_000)
    FundCollection.objects.create(report=last_year, source=source["swadaya"], amount=900_000)
    assert facts_for(wksbm, ON)[Fact.FUNDS_THIS_YEAR] == 650_000


def test_share_of_current_pengurus_who_attended_a_training(wksbm):
    assert facts_for(wksbm, ON)[Fact.TRAINED_SHARE] is None
    trained = PengurusFactory(wksbm=wksbm)
    PengurusFactory(wksbm=wksbm)
    PengurusFactory(wksbm=wksbm)
    PengurusFactory(wksbm=wksbm, period_to=datetime.date(2020, 1, 1))  # a past term does not count
    PesertaFactory(pengurus=trained)
    PesertaFactory(pengurus=trained)  # two trainings, one person
    assert facts_for(wksbm, ON)[Fact.TRAINED_SHARE] == 33


def test_facts_of_a_list_cost_four_queries_however_many(diy, django_assert_num_queries):
    forums = [WksbmFactory() for _ in range(6)]
    for forum in forums:
        PengurusFactory(wksbm=forum)
        ActivityReportFactory(wksbm=forum)
    with django_assert_num_queries(4):
        one = facts_for_many([forums[0].pk], ON)
    with django_assert_num_queries(4):
        many = facts_for_many([forum.pk for forum in forums], ON)
    assert many[forums[0].pk] == one[forums[0].pk]
    assert set(many) == {forum.pk for forum in forums}


@pytest.mark.parametrize(
    ("fact", "value", "label"),
    [
        (Fact.SK_PRESENT, 1, "Ada"),
        (Fact.SK_PRESENT, 0, "Tidak ada"),
        (Fact.BOARD_COMPLETE, 0, "Belum lengkap"),
        (Fact.MONTHS_SINCE_CONTACT, 3, "3 bulan terakhir"),
        (Fact.MONTHS_SINCE_CONTACT, 4, "4 sampai 12 bulan lalu"),
        (Fact.MONTHS_SINCE_CONTACT, 82, "Lebih dari 12 bulan"),
        (Fact.FUNDS_THIS_YEAR, 0, "Belum ada"),
        (Fact.FUNDS_THIS_YEAR, 650_000, "Kurang dari Rp1.000.000"),
        (Fact.FUNDS_THIS_YEAR, 1_000_000, "Rp1.000.000 atau lebih"),
        (Fact.TRAINED_SHARE, 33, "Kurang dari separuh"),
        (Fact.TRAINED_SHARE, 50, "Separuh atau lebih"),
    ],
)
def test_the_example_instrument_maps_each_fact_to_an_option(instrument, fact, value, label):
    indicators = instrument_indicators(instrument)
    (indicator,) = [i for i in indicators if i.fact == fact]
    chosen = prefill(indicators, {fact: value})
    assert chosen[indicator.pk].label == label


def test_an_unknown_fact_prefills_nothing(instrument):
    indicators = instrument_indicators(instrument)
    assert prefill(indicators, {Fact.TRAINED_SHARE: None}) == {}
    assert prefill(indicators, {}) == {}


@settings(max_examples=50)
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), st.integers(-5, 20)), st.one_of(st.none(), st.integers(-5, 20))), max_size=5
    ),
    st.one_of(st.none(), st.integers(-10, 30)),
)
def test_the_option_for_a_fact_is_the_first_whose_range_holds_it(ranges, value):
    options = [AnswerOption(label=str(i), score=i, fact_min=low, fact_max=high) for i, (low, high) in enumerate(ranges)]
    found = option_for_fact(options, value)
    holding = [
        o
        for o in options
        if value is not None
        and (o.fact_min is not None or o.fact_max is not None)
        and (o.fact_min is None or value >= o.fact_min)
        and (o.fact_max is None or value <= o.fact_max)
    ]
    assert found is (holding[0] if holding else None)
