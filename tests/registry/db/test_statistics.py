"""registry.db.statistics.analyze: PostgreSQL's statistics gathered at once; nothing asked of SQLite."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.db.statistics import analyze
from registry.models import PengurusRole

pytestmark = pytest.mark.django_db


def test_analyze_gathers_statistics_on_postgresql_and_runs_nothing_elsewhere():
    with CaptureQueriesContext(connection) as queries:
        analyze([PengurusRole])

    statements = [query["sql"] for query in queries]
    if connection.vendor == "postgresql":
        assert statements == ['ANALYZE "registry_pengurusrole"']
    else:
        assert statements == []
