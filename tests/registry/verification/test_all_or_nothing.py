"""A decision over several items is all or nothing: for any mix of items — waiting in the operator's area, in
another kabupaten, already confirmed, already returned — confirming or returning them either changes every one
(and its record) or, refused with an Indonesian message, changes none."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.enums import Role, VerificationState, WilayahLevel
from registry.models import VerificationItem, Wilayah
from registry.services import wksbm as services
from registry.verification import services as verification
from tests.registry.verification.conftest import SEMANU_CANDIREJO, SLEMAN
from tests.trainings.conftest import user_with_role

pytestmark = pytest.mark.django_db
DB_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
KINDS_OF_ITEM = ("waiting here", "waiting elsewhere", "confirmed", "returned")


@pytest.fixture
def sleman_penyuluh(diy):
    return user_with_role("penyuluh_sleman", Role.PENYULUH, SLEMAN)


def make_item(what: str, number: int, *, penyuluh, sleman_penyuluh, operator) -> VerificationItem:
    elsewhere = what == "waiting elsewhere"
    code = (
        Wilayah.objects.filter(code__startswith=f"{SLEMAN}.", level=WilayahLevel.DESA).order_by("code").first().code
        if elsewhere
        else SEMANU_CANDIREJO
    )
    wksbm = services.wksbm_create(
        by=sleman_penyuluh if elsewhere else penyuluh,
        name=f"WKSBM Uji {number}",
        wilayah=Wilayah.objects.get(code=code),
    )
    item = VerificationItem.objects.of_record(wksbm).get()
    if what == "confirmed":
        verification.confirm(by=operator, items=[item])
    elif what == "returned":
        verification.send_back(by=operator, items=[item], reason="Periksa lagi.")
    item.refresh_from_db()
    return item


def states(items) -> list[tuple[str, str]]:
    """Each item's state and its WKSBM's, as stored."""
    rows = VerificationItem.objects.filter(pk__in=[item.pk for item in items]).select_related("wksbm")
    return sorted((item.pk, item.state, item.wksbm.verification) for item in rows)


@DB_SETTINGS
@given(plan=st.lists(st.sampled_from(KINDS_OF_ITEM), min_size=1, max_size=5), returning=st.booleans())
def test_a_decision_over_several_items_is_all_or_nothing(penyuluh, sleman_penyuluh, operator, plan, returning):
    with transaction.atomic():
        people = {"penyuluh": penyuluh, "sleman_penyuluh": sleman_penyuluh, "operator": operator}
        items = [make_item(what, number, **people) for number, what in enumerate(plan)]
        before = states(items)
        decide = (
            (lambda: verification.send_back(by=operator, items=items, reason="Lengkapi data."))
            if returning
            else (lambda: verification.confirm(by=operator, items=items))
        )

        if all(what == "waiting here" for what in plan):
            decide()
            expected = VerificationState.DIKEMBALIKAN if returning else VerificationState.TERVERIFIKASI
            assert {state for _, state, _ in states(items)} == {expected}
            assert {record for _, _, record in states(items)} == {expected}
        else:
            with pytest.raises(ValidationError) as refused:
                decide()
            assert refused.value.messages and all(message.strip() for message in refused.value.messages)
            assert states(items) == before
        transaction.set_rollback(True)
