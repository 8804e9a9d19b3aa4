"""registry.db.region_names.named_like: on PostgreSQL only the desa a file could name; every one elsewhere."""

import re

import pytest
from django.db import connection

from registry.db.region_names import named_like
from registry.models import Wilayah


@pytest.mark.usefixtures("diy")
def test_of_a_kecamatans_desa_only_those_a_row_could_name_are_read_on_postgresql():
    desa = Wilayah.objects.filter(level=4, parent_id="34.03.08")
    everyone = set(desa.values_list("name", flat=True))

    named = set(named_like(desa, {"candirejo", "ngeposari"}).values_list("name", flat=True))

    if connection.vendor == "postgresql":
        uncovered = {name for name in everyone if not re.fullmatch("[A-Za-z ]*", name) or "kep" in name.casefold()}
        assert named == {"Candirejo", "Ngeposari"} | uncovered
    else:
        assert named == everyone
