"""registry.db.trigram: the spacing-insensitive search key on every database, pg_trgm's word similarity on
PostgreSQL, and the field search served by the trigram indexes (migrations 0008 and 0017) within
`index_scans_only`."""

import pytest
from django.db import connection

from registry.db.trigram import index_scans_only, name_matches, term_key
from registry.field_search import matching_wksbm_ids
from registry.models import Wksbm
from registry.validators import phone_search_digits
from tests.factories import WksbmFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("diy")]


def test_the_term_key_ignores_case_spaces_and_punctuation():
    assert term_key("Sido-Makmur  Ds. Kampung's") == "SIDOMAKMURDSKAMPUNGS"


@pytest.mark.parametrize(
    ("term", "found"),
    [("sidomakmur", True), ("Sido  Makmur", True), ("SIDO-MAKMUR", True), ("Sido Rukun", False), ("...", False)],
)
def test_a_name_matches_whatever_its_spacing_on_either_database(term, found):
    WksbmFactory(name="WKSBM Sido Makmur")

    assert Wksbm.objects.filter(name_matches("name", term)).exists() is found


def plan_of(queryset) -> str:
    """PostgreSQL's plan of `queryset` as the field search runs it, within `index_scans_only`."""
    sql, params = queryset.query.sql_with_params()
    with index_scans_only(), connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def seqscan_setting() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_index_scans_only_lasts_for_its_block_alone():
    with index_scans_only():
        within = seqscan_setting()
    after = seqscan_setting()

    assert (within, after) == ("off", "on")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm and its indexes are PostgreSQL's")
def test_every_part_of_the_field_search_can_use_its_trigram_index(django_user_model):
    """The plan of each part of a search names the indexes the migrations built for it: the expressions the query
    writes are the indexed ones."""
    everyone = django_user_model.objects.create_superuser("dinsos")
    by_name = plan_of(matching_wksbm_ids("Sido Makmr", "", user=everyone))
    by_phone = plan_of(matching_wksbm_ids("0812-3456", phone_search_digits("0812-3456"), user=everyone))
    own_name = plan_of(Wksbm.objects.filter(name_matches("name", "Sido Makmr")).order_by())
    own_phone = plan_of(Wksbm.objects.filter(phone__contains="8123456").order_by())

    def used(plan, *names):
        return {name for name in names if f" on {name} " in plan or plan.endswith(f" on {name}")}

    own_names = ("wksbm_name_trgm", "wksbm_name_key_trgm")
    names = ("pengurus_name_trgm", "pengurus_name_key_trgm", "kps_name_trgm", "kps_name_key_trgm")
    phones = ("pengurus_phone_trgm", "kps_phone_trgm")
    assert used(by_name, *names, *own_names) == {*names, *own_names}, by_name
    assert used(by_phone, *phones, "wksbm_phone_trgm") == {*phones, "wksbm_phone_trgm"}, by_phone
    assert used(own_name, "wksbm_name_trgm", "wksbm_name_key_trgm") == {"wksbm_name_trgm", "wksbm_name_key_trgm"}, (
        own_name
    )
    assert used(own_phone, "wksbm_phone_trgm") == {"wksbm_phone_trgm"}, own_phone
