"""registry.db.triggers: the membership kind triggers stand on each database, and correct what a writer gives."""

import pytest
from django.db import connection

from registry.db.copy import copy_rows
from registry.models import KpsKind, KpsMembership
from tests.factories import KpsFactory, WksbmFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("diy")]

POSTGRESQL = {
    ("registry_kpsmembership", "registry_membership_kind"),
    ("registry_kpsmembership", "registry_membership_kind_of_new_rows"),
    ("registry_kps", "registry_kps_kind_to_memberships"),
}
SQLITE = {
    ("registry_kpsmembership", "registry_membership_kind_insert"),
    ("registry_kpsmembership", "registry_membership_kind_update"),
    ("registry_kps", "registry_kps_kind_to_memberships"),
}


def test_the_database_has_the_membership_kind_triggers_of_its_vendor():
    triggers = {
        "postgresql": ("SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal", POSTGRESQL),
        "sqlite": ("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'", SQLITE),
    }
    query, expected = triggers[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(query)
        found = set(cursor.fetchall())

    assert expected <= found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_rows_copied_with_a_wrong_kind_get_their_kps_kind_on_postgresql():
    kps, wksbm = KpsFactory(), WksbmFactory()
    other = KpsKind.objects.exclude(pk=kps.kind_id).first()
    columns = ["kps_id", "wksbm_id", "joined_on", "kind_id", "verification"]

    copy_rows(KpsMembership._meta.db_table, columns, [(kps.pk, wksbm.pk, None, other.pk, "terverifikasi")])

    assert KpsMembership.objects.get(kps=kps).kind_id == kps.kind_id
