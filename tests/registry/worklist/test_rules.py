"""The rule of "masa bakti atau SK berakhir" on generated boards: a term is listed when it ends within
`TERM_ENDING_DAYS` days, or ended with no later term of the same role (the same rule stated here in Python)."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import dates
from registry.models import Pengurus, PengurusRole, Wilayah
from registry.worklist import TERM_ENDING_DAYS, term_ending_rows
from tests.factories import PengurusFactory, WksbmFactory

ROLES = ("ketua", "sekretaris", "bendahara", "anggota")
# A term: its role and its end in days from today (None: open-ended).
terms = st.lists(
    st.tuples(st.sampled_from(ROLES), st.none() | st.integers(min_value=-400, max_value=200)), min_size=1, max_size=8
)


def listed_by_rule(board: list[tuple[str, int | None]]) -> set[int]:
    """The positions of `board` the rule lists."""
    listed = set()
    for position, (role, end) in enumerate(board):
        if end is None:
            continue
        later = any(r == role and (e is None or e > end) for i, (r, e) in enumerate(board) if i != position)
        if 0 < end <= TERM_ENDING_DAYS or (end <= 0 and not later):
            listed.add(position)
    return listed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(board=terms)
def test_the_listed_terms_follow_the_rule(diy, board):
    from django.contrib.auth.models import User

    today = dates.today()
    unit = WksbmFactory(name="WKSBM Uji Masa Bakti", wilayah=Wilayah.objects.get(code="34.03.08.2004"))
    roles = {slug: PengurusRole.objects.get(slug=slug) for slug in ROLES}
    rows = [
        PengurusFactory(
            wksbm=unit,
            role=roles[role],
            period_from=datetime.date(2015, 1, 1),
            period_to=None if end is None else today + datetime.timedelta(days=end),
        )
        for role, end in board
    ]
    admin = User(is_superuser=True, is_active=True)
    try:
        listed = set(term_ending_rows(admin).values_list("pk", flat=True))
        assert listed == {rows[position].pk for position in listed_by_rule(board)}
    finally:
        Pengurus.objects.filter(wksbm=unit).delete()
        unit.delete()
