"""registry.db.deferred_constraints: a broken foreign key raises at the check on PostgreSQL; nothing on SQLite."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from registry.db.deferred_constraints import check_deferred_constraints
from registry.models import UserArea

pytestmark = pytest.mark.django_db


def add_area_of_no_wilayah(django_user_model) -> UserArea:
    user = django_user_model.objects.create_user("wulan")
    return UserArea.objects.bulk_create([UserArea(user=user, wilayah_id="99.99")])[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the check is PostgreSQL's")
def test_on_postgresql_a_broken_foreign_key_raises_at_the_check_not_at_the_end(django_user_model):
    with pytest.raises(IntegrityError), transaction.atomic():
        add_area_of_no_wilayah(django_user_model)
        check_deferred_constraints()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback off PostgreSQL")
def test_off_postgresql_nothing_is_checked(django_user_model):
    broken = add_area_of_no_wilayah(django_user_model)
    with CaptureQueriesContext(connection) as queries:
        check_deferred_constraints()
    broken.delete()  # the test's own end checks the foreign keys

    assert queries.captured_queries == []
