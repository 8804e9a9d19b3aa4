"""The verification queue's core: what a penyuluh enters waits, what an operator enters is verified, an operator
of the area confirms or returns it with a reason, and a returned record fixed in the field is sent again."""

import pytest
from django.core.exceptions import ValidationError

from registry.enums import VerificationState, WksbmStatus
from registry.models import VerificationItem, Wilayah, Wksbm
from registry.services import wksbm as services
from registry.verification import services as verification
from registry.verification.querysets import queue_groups
from tests.registry.verification.conftest import SEMANU_CANDIREJO, unit

pytestmark = pytest.mark.django_db

WAITING, VERIFIED, RETURNED = (
    VerificationState.MENUNGGU,
    VerificationState.TERVERIFIKASI,
    VerificationState.DIKEMBALIKAN,
)


def candirejo():
    return Wilayah.objects.get(code=SEMANU_CANDIREJO)


def only_item(record) -> VerificationItem:
    items = list(VerificationItem.objects.of_record(record))
    assert len(items) == 1
    return items[0]


def test_a_wksbm_entered_by_a_penyuluh_waits_with_its_fields(penyuluh):
    wksbm = services.wksbm_create(by=penyuluh, name="WKSBM Ngudi Rahayu", wilayah=candirejo(), phone="081234567890")

    wksbm.refresh_from_db()
    item = only_item(wksbm)
    assert wksbm.verification == WAITING
    assert (item.state, item.change, item.kind, item.wksbm_id, item.wilayah_id) == (
        WAITING,
        "baru",
        "wksbm",
        wksbm.pk,
        SEMANU_CANDIREJO,
    )
    assert item.submitted_by == penyuluh
    changes = {label: (before, after) for label, before, after in item.changes}
    assert changes["nama WKSBM"] == ("", "WKSBM Ngudi Rahayu")
    assert "081234567890" not in str(item.changes), "a phone number is never stored in clear in an item"


def test_what_an_operator_enters_is_verified_on_entry(operator):
    wksbm = services.wksbm_create(by=operator, name="WKSBM Sido Makmur", wilayah=candirejo())

    assert Wksbm.objects.get(pk=wksbm.pk).verification == VERIFIED
    assert not VerificationItem.objects.exists()


def test_only_a_status_turned_vakum_or_bubar_waits_among_changes_to_a_verified_wksbm(penyuluh):
    wksbm = unit()
    services.wksbm_update(by=penyuluh, wksbm=wksbm, address="Jl. Baru 1")
    assert not VerificationItem.objects.exists()

    services.wksbm_update(by=penyuluh, wksbm=wksbm, status=WksbmStatus.VAKUM)

    item = only_item(wksbm)
    assert item.change == "perubahan"
    assert ["status", "Aktif", "Vakum"] in item.changes
    assert Wksbm.objects.get(pk=wksbm.pk).verification == WAITING


def test_a_further_change_joins_the_waiting_item_keeping_the_first_before(penyuluh):
    wksbm = unit()
    services.wksbm_update(by=penyuluh, wksbm=wksbm, status=WksbmStatus.VAKUM)
    services.wksbm_update(by=penyuluh, wksbm=wksbm, status=WksbmStatus.BUBAR)

    item = only_item(wksbm)
    assert ["status", "Aktif", "Bubar"] in item.changes


def test_a_change_undone_while_waiting_drops_out_of_the_item(penyuluh):
    wksbm = unit()
    services.wksbm_update(by=penyuluh, wksbm=wksbm, status=WksbmStatus.VAKUM, address="Jl. Lama")
    services.wksbm_update(by=penyuluh, wksbm=wksbm, address="")

    labels = [label for label, _, _ in only_item(wksbm).changes]
    assert "status" in labels and "alamat sekretariat" not in labels


def test_confirming_verifies_the_record_and_the_history_names_each_step(penyuluh, operator):
    wksbm = services.wksbm_create(by=penyuluh, name="WKSBM Ngudi Rahayu", wilayah=candirejo())
    item = only_item(wksbm)

    verification.confirm(by=operator, items=[item])

    item.refresh_from_db()
    assert (item.state, item.decided_by) == (VERIFIED, operator)
    assert Wksbm.objects.get(pk=wksbm.pk).verification == VERIFIED
    steps = list(item.history.order_by("history_date").values_list("state", "history_user_id"))
    assert steps == [(WAITING, penyuluh.pk), (VERIFIED, operator.pk)]
    latest = wksbm.history.first()
    assert (latest.verification, latest.history_user_id) == (VERIFIED, operator.pk)


def test_a_returned_record_fixed_in_the_field_is_sent_again_and_then_confirmed(penyuluh, operator):
    wksbm = services.wksbm_create(by=penyuluh, name="WKSBM Ngudi Rahayu", wilayah=candirejo())
    item = only_item(wksbm)

    with pytest.raises(ValidationError) as refused:
        verification.send_back(by=operator, items=[item], reason="  ")
    assert "alasan" in str(refused.value)
    verification.send_back(by=operator, items=[item], reason="Nomor SK belum diisi.")
    wksbm.refresh_from_db()
    assert wksbm.verification == RETURNED
    item.refresh_from_db()
    assert (item.state, item.reason) == (RETURNED, "Nomor SK belum diisi.")

    services.wksbm_update(by=penyuluh, wksbm=wksbm, sk_number="460/12/2025")

    item.refresh_from_db()
    assert (item.state, item.reason) == (WAITING, "")
    assert ["nomor SK", "", "460/12/2025"] in item.changes
    assert Wksbm.objects.get(pk=wksbm.pk).verification == WAITING
    verification.confirm(by=operator, items=[item])
    assert Wksbm.objects.get(pk=wksbm.pk).verification == VERIFIED
    reasons = list(item.history.order_by("history_date").values_list("state", "reason"))
    assert (RETURNED, "Nomor SK belum diisi.") in reasons


def test_a_returned_item_is_sent_again_unchanged(penyuluh, operator):
    wksbm = services.wksbm_create(by=penyuluh, name="WKSBM Ngudi Rahayu", wilayah=candirejo())
    item = only_item(wksbm)
    verification.send_back(by=operator, items=[item], reason="Periksa lagi nama.")

    verification.send_again(by=penyuluh, item=item)

    item.refresh_from_db()
    assert item.state == WAITING
    assert Wksbm.objects.get(pk=wksbm.pk).verification == WAITING
    with pytest.raises(ValidationError):
        verification.send_again(by=penyuluh, item=item)


def test_only_an_operator_of_the_area_verifies_and_a_refusal_changes_nothing(penyuluh, operator, outsider):
    mine = services.wksbm_create(by=penyuluh, name="WKSBM Satu", wilayah=candirejo())
    other = services.wksbm_create(by=penyuluh, name="WKSBM Dua", wilayah=candirejo())
    items = [only_item(mine), only_item(other)]

    for user in (penyuluh, outsider):
        with pytest.raises(ValidationError) as refused:
            verification.confirm(by=user, items=items)
        assert "Hanya operator" in str(refused.value)
    assert set(VerificationItem.objects.values_list("state", flat=True)) == {WAITING}

    verification.confirm(by=operator, items=items)
    assert set(Wksbm.objects.values_list("verification", flat=True)) == {VERIFIED}
    with pytest.raises(ValidationError):
        verification.confirm(by=operator, items=items[:1])


def test_a_report_and_its_lines_wait_as_one_item(penyuluh, operator, references):
    wksbm = unit()
    report = services.report_create(
        by=penyuluh,
        wksbm=wksbm,
        date=wksbm.created_at.date(),
        kind=references["activity"],
        collected=[(references["fund"], 500000)],
    )

    item = only_item(report)
    labels = [label for label, _, _ in item.changes]
    assert any(label.startswith("Dana ") for label in labels)
    verification.confirm(by=operator, items=[item])
    services.report_update(by=penyuluh, report=report, collected=[])

    item = VerificationItem.objects.of_record(report).open().get()
    assert item.change == "perubahan"
    assert [row for row in item.changes if row[0].startswith("Dana ")][0][2] == ""
    report.refresh_from_db()
    assert report.verification == WAITING


def test_deleting_a_waiting_record_takes_its_item_away(penyuluh, references):
    wksbm = unit()
    report = services.report_create(by=penyuluh, wksbm=wksbm, date=wksbm.created_at.date(), kind=references["activity"])
    assert VerificationItem.objects.open().count() == 1

    services.report_delete(by=penyuluh, report=report)

    assert not VerificationItem.objects.exists()


def test_the_queue_groups_waiting_items_by_wksbm_oldest_first_within_the_area(penyuluh, operator, outsider):
    older = services.wksbm_create(by=penyuluh, name="WKSBM Satu", wilayah=candirejo())
    newer = services.wksbm_create(by=penyuluh, name="WKSBM Dua", wilayah=candirejo())
    services.pengurus_add(by=penyuluh, wksbm=older, name="Sri Lestari", role=first_role())

    groups, has_next = queue_groups(VerificationItem.objects.for_user(operator), page_size=1)
    assert has_next
    assert [(wksbm, [item.kind for item in items]) for wksbm, items in groups] == [(older, ["wksbm", "pengurus"])]
    groups, has_next = queue_groups(VerificationItem.objects.for_user(operator), page_size=1, page=2)
    assert ([wksbm for wksbm, _ in groups], has_next) == ([newer], False)
    assert queue_groups(VerificationItem.objects.for_user(outsider)) == ([], False)


def first_role():
    from registry.models import PengurusRole

    return PengurusRole.objects.order_by("pk").first()


def test_saving_a_verified_record_unchanged_sends_nothing(penyuluh, references):
    wksbm = unit()
    report = services.report_create(by=None, wksbm=wksbm, date=wksbm.created_at.date(), kind=references["activity"])

    services.report_update(by=penyuluh, report=report, description=report.description)

    assert not VerificationItem.objects.exists()
    assert Wksbm.objects.get(pk=wksbm.pk).verification == VERIFIED
