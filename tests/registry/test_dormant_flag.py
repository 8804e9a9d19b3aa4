"""`WksbmQuerySet.with_dormant_flag`, the "mungkin vakum" flag as a column read from the latest report, flags
exactly the WKSBM that `possibly_dormant` (the rule's NOT EXISTS) keeps: generated statuses, formation dates and
reports around the cutoff's day."""

import datetime

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import dates
from registry.enums import WksbmStatus
from registry.models import Wksbm
from tests.factories import ActivityReportFactory, WksbmFactory

ON = datetime.date(2025, 6, 17)
CUTOFF = dates.dormant_cutoff(ON)
AROUND = st.sampled_from([-400, -1, 0, 1, 30])  # days from the cutoff
WKSBM = st.tuples(
    st.sampled_from(list(WksbmStatus)),
    st.one_of(st.none(), AROUND),  # formed on (None: undated)
    st.lists(AROUND, max_size=3),  # its reports
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forums=st.lists(WKSBM, min_size=1, max_size=6))
def test_the_flag_is_the_rule(diy, forums):
    with transaction.atomic():
        for status, formed, reports in forums:
            formed_on = None if formed is None else CUTOFF + datetime.timedelta(days=formed)
            wksbm = WksbmFactory(status=status, formed_on=formed_on)
            for offset in reports:
                ActivityReportFactory(wksbm=wksbm, date=CUTOFF + datetime.timedelta(days=offset))

        dormant = set(Wksbm.objects.possibly_dormant(ON).values_list("pk", flat=True))
        flagged = {w.pk: w.possibly_dormant for w in Wksbm.objects.with_dormant_flag(ON)}
        summarised = {w.pk: w.possibly_dormant for w in Wksbm.objects.with_summary(ON).with_dormant_flag(ON)}

        assert flagged == summarised == {pk: pk in dormant for pk in flagged}
        transaction.set_rollback(True)
