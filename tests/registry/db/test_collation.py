"""`AsForeignKeyCode`: a wilayah code compared with the foreign keys to it in their own collation."""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef

from registry.db.collation import AsForeignKeyCode
from registry.models import Wilayah, Wksbm
from tests.factories import WksbmFactory

pytestmark = pytest.mark.usefixtures("diy")

SEMANU_DESA = ["34.03.08.2001", "34.03.08.2002", "34.03.08.2003"]


def desa_with_wksbm():
    has_wksbm = Wksbm.objects.filter(wilayah_id=AsForeignKeyCode(OuterRef("code")))
    return Wilayah.objects.filter(code__in=SEMANU_DESA).filter(Exists(has_wksbm))


def test_the_wilayah_with_a_wksbm_are_found_by_their_code():
    WksbmFactory(wilayah=Wilayah.objects.get(code=SEMANU_DESA[1]))

    assert list(desa_with_wksbm().values_list("code", flat=True)) == [SEMANU_DESA[1]]


def test_on_postgresql_the_code_is_compared_in_the_foreign_keys_collation():
    sql = str(desa_with_wksbm().query)

    if connection.vendor == "postgresql":
        assert '"registry_wilayah"."code" COLLATE "default"' in sql
    else:
        assert "COLLATE" not in sql
