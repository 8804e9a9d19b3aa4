"""The draw of an uji petik sample on generated populations: reproducible from its seed whatever the order the
population is read in, within each kabupaten/kota's population, of the size asked (or all), without repeats, and
one kabupaten/kota's sample independent of the others'."""

import random

from hypothesis import given
from hypothesis import strategies as st

from trainings.sampling import draw

KABUPATEN = ["34.01", "34.02", "34.03", "34.04", "34.71"]
populations = st.lists(
    st.tuples(st.sampled_from(KABUPATEN), st.integers(min_value=1, max_value=10_000)), unique_by=lambda row: row[1]
).map(lambda rows: [(kabupaten, (f"{kabupaten}.01.2001", pk)) for kabupaten, pk in rows])
sizes = st.integers(min_value=1, max_value=12)
seeds = st.integers(min_value=1, max_value=999_999_999)


@given(populations, sizes, seeds, st.randoms())
def test_the_same_seed_over_the_same_population_draws_the_same_sample(population, size, seed, shuffler):
    shuffled = list(population)
    shuffler.shuffle(shuffled)

    assert draw(shuffled, size, seed) == draw(population, size, seed)


@given(populations, sizes, seeds)
def test_each_kabupaten_gets_its_size_from_its_own_population_without_repeats(population, size, seed):
    sample = draw(population, size, seed)

    for kabupaten in KABUPATEN:
        own = [key for code, key in population if code == kabupaten]
        drawn = sample.get(kabupaten, [])
        assert len(drawn) == min(size, len(own)) == len(set(drawn))
        assert set(drawn) <= set(own)


@given(populations, populations, sizes, seeds)
def test_a_kabupaten_sample_does_not_depend_on_the_others(population, others, size, seed):
    gunungkidul = [row for row in population if row[0] == "34.03"]
    elsewhere = [row for row in others if row[0] != "34.03"]

    assert draw(gunungkidul + elsewhere, size, seed).get("34.03") == draw(gunungkidul, size, seed).get("34.03")


def test_another_seed_usually_draws_another_sample():
    population = [("34.03", ("34.03.01.2001", pk)) for pk in range(200)]

    samples = {tuple(draw(population, 5, seed)["34.03"]) for seed in random.Random(1).sample(range(1, 10**6), 20)}

    assert len(samples) == 20
