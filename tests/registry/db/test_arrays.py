"""registry.db.arrays.among: a list of values as one array parameter on PostgreSQL, a plain IN elsewhere."""

import pytest
from django.db import connection

from registry.db.arrays import among
from registry.models import Wilayah

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("diy")]

CODES = ["34.03.08", "34.03", "34.71", "99.99"]


def test_the_rows_with_any_of_the_values_are_found_once_on_either_database():
    found = Wilayah.objects.filter(among("code", CODES + CODES)).order_by("code")

    assert list(found.values_list("code", flat=True)) == ["34.03", "34.03.08", "34.71"]


def test_the_values_travel_as_one_array_on_postgresql_and_one_placeholder_each_elsewhere():
    sql, params = Wilayah.objects.filter(among("code", CODES)).query.sql_with_params()

    if connection.vendor == "postgresql":
        assert "unnest(" in sql
        assert params == (sorted(CODES),)
    else:
        assert "unnest(" not in sql
        assert params == tuple(sorted(CODES))


def test_no_values_match_nothing():
    assert not Wilayah.objects.filter(among("code", [])).exists()
