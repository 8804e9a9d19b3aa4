"""The WKSBM's nested board and members, built from plain rows for a whole page (`current_boards`,
`current_members`), are what their serializers (the schema's description of them) answer for the same records:
generated boards and memberships (current, ended, not yet begun; ties in name; NIK and phone or none), read as a
role seeing phones whole and as the pimpinan, in the list and the detail; and a page's queries do not grow
with its rows."""

import datetime
import types

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry import dates
from registry.api.endpoints.wksbm import BoardMemberSerializer, MemberSerializer
from registry.enums import Role
from registry.models import KpsKind, KpsMembership, Pengurus, PengurusRole, Wilayah
from tests.api.conftest import RECORDS_AREA, make_user, token_client
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory

DAY = datetime.timedelta(days=1)
# (period_from, period_to) relative to today: undated, current, ended, not yet begun, ending later.
TERMS = st.sampled_from([(None, None), (-400, None), (-800, -10), (30, None), (-400, 300), (-400, 0)])
PERSON = st.tuples(
    st.integers(min_value=0, max_value=5),  # the role, by position
    st.sampled_from(["Sri", "Budi", "Ayu"]),  # few names: ties in the order
    st.sampled_from(["", "+6281234567890", "+62274512345"]),
    st.sampled_from(["", "3403081708900001"]),
    TERMS,
)
MEMBER = st.tuples(
    st.sampled_from(["KPS Melati", "KPS Anggrek"]),  # ties in the order (each KPS in a desa of its own)
    st.integers(min_value=0, max_value=3),  # the kind, by position
    st.booleans(),  # ended
)
BOARDS = st.lists(st.lists(PERSON, max_size=5), min_size=1, max_size=3)
MEMBERS = st.lists(st.lists(MEMBER, max_size=4), min_size=1, max_size=3)


def on(offset: int | None) -> datetime.date | None:
    return None if offset is None else dates.today() + offset * DAY


def expected(wksbm, user) -> tuple[list, list]:
    """The WKSBM's current board and members as their serializers answer them, in the list's order."""
    context = {"request": types.SimpleNamespace(user=user)}
    board = Pengurus.objects.current().filter(wksbm=wksbm).select_related("role")
    members = KpsMembership.objects.current().filter(wksbm=wksbm).select_related("kps__kind")
    return (
        [BoardMemberSerializer(p, context=context).data for p in board.order_by("role__sort_order", "name", "pk")],
        [MemberSerializer(m, context=context).data for m in members.order_by("kps__name", "pk")],
    )


@pytest.fixture
def readers(diy) -> list[tuple]:
    """(user, token client) of a role seeing phones whole and of the pimpinan, who sees them masked."""
    return [(user, token_client(user)) for user in (make_user(Role.KABUPATEN), make_user(Role.PIMPINAN))]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(boards=BOARDS, memberships=MEMBERS)
def test_the_built_rows_are_the_serializers_answer(readers, boards, memberships):
    roles, kinds = list(PengurusRole.objects.order_by("pk")), list(KpsKind.objects.order_by("pk"))
    wilayah = Wilayah.objects.get(code=RECORDS_AREA)
    desa = iter(Wilayah.objects.filter(code__startswith="34.03.", level=wilayah.level).order_by("code"))
    with transaction.atomic():
        made = []
        for n, (board, members) in enumerate(zip(boards, memberships + [[]] * len(boards), strict=False)):
            wksbm = WksbmFactory(name=f"WKSBM {n}", wilayah=wilayah)
            for role, name, phone, nik, (start, end) in board:
                PengurusFactory(
                    wksbm=wksbm,
                    role=roles[role % len(roles)],
                    name=name,
                    phone=phone,
                    nik=nik,
                    period_from=on(start),
                    period_to=on(end),
                )
            for name, kind, ended in members:
                kps = KpsFactory(name=name, kind=kinds[kind % len(kinds)], wilayah=next(desa))
                MembershipFactory(wksbm=wksbm, kps=kps, left_on=dates.today() if ended else None)
            made.append(wksbm)

        for user, client in readers:
            listed = client.get(reverse("api:wksbm-list"), {"fields": "id,pengurus,members"}).json()["results"]
            by_id = {row["id"]: (row["pengurus"], row["members"]) for row in listed}
            for wksbm in made:
                detail = client.get(reverse("api:wksbm-detail", args=[wksbm.pk])).json()
                assert by_id[wksbm.pk] == (detail["pengurus"], detail["members"]) == expected(wksbm, user)
        transaction.set_rollback(True)


def test_a_page_costs_the_same_queries_at_one_and_at_a_hundred_wksbm(readers):
    _user, client = readers[0]
    wilayah = Wilayah.objects.get(code=RECORDS_AREA)
    url = reverse("api:wksbm-list")

    def queries(**params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert len(client.get(url, params).json()["results"]) == len(made)
        return len(captured)

    made = [WksbmFactory(wilayah=wilayah)]
    one = (queries(), queries(fields="id,name"))
    for _ in range(99):
        wksbm = WksbmFactory(wilayah=wilayah)
        PengurusFactory(wksbm=wksbm, phone="+6281234567890", nik="3403081708900001")
        MembershipFactory(wksbm=wksbm, kps=KpsFactory(wilayah=wilayah))
        made.append(wksbm)

    # The token, its owner's other tokens, permissions and areas, the page, its board and its members.
    assert (queries(), queries(fields="id,name")) == one == (10, 8)
