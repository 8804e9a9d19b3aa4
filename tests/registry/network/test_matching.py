"""Close mitra names within a kabupaten (`registry.network.matching`), on every database and with PostgreSQL's
trigram similarity."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.models import Wilayah
from registry.network.matching import CANDIDATE_LIMIT, close_mitra
from tests.registry.network.conftest import SEMIN_CANDIREJO
from tests.registry.network.factories import MitraFactory

pytestmark = pytest.mark.usefixtures("diy")

SEMANU_CANDIREJO = "34.03.08.2004"
SLEMAN_DESA = "34.04.01.2001"

words = st.lists(
    st.sampled_from(["Baznas", "Sido", "Makmur", "Puskesmas", "Tunas", "Harapan", "Mulia"]), min_size=2, max_size=3
)
separators = st.sampled_from([" ", "  ", "-", ".", ""])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=words, separator=separators, upper=st.booleans())
def test_a_name_written_with_other_spacing_punctuation_or_case_is_a_candidate(parts, separator, upper):
    stored = MitraFactory(name=" ".join(parts), wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    typed = separator.join(parts)
    typed = typed.upper() if upper else typed.lower()

    assert stored in close_mitra(typed, SEMANU_CANDIREJO)
    stored.delete()


def test_a_close_name_in_another_kabupaten_is_no_candidate():
    MitraFactory(name="Baznas Kabupaten", wilayah=Wilayah.objects.get(code=SLEMAN_DESA))

    assert close_mitra("Baznas Kabupaten", SEMANU_CANDIREJO) == []


def test_an_unrelated_name_is_no_candidate():
    MitraFactory(name="Puskesmas Semanu", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))

    assert close_mitra("Universitas Gadjah Mada", SEMANU_CANDIREJO) == []


def test_candidates_are_limited_to_a_screenful():
    for number in range(CANDIDATE_LIMIT + 2):
        MitraFactory(name=f"Karang Taruna Unit {number}", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))

    assert len(close_mitra("Karang Taruna", SEMANU_CANDIREJO)) == CANDIDATE_LIMIT


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity is PostgreSQL's")
def test_on_postgresql_a_typo_is_a_candidate_and_the_closest_comes_first():
    gunungkidul = MitraFactory(name="Baznas Gunungkidul", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    other = MitraFactory(name="Baznas Gunungkidul Peduli Bencana", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))

    assert close_mitra("Baznas Gunungkidl", SEMANU_CANDIREJO) == [gunungkidul, other]
