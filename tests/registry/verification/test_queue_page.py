"""The operator's queue page: who may open it, what it shows of each change, confirming and returning one or several
items, the refusals it passes on, its pages and filters, and its fixed number of queries."""

import pytest
from django.urls import reverse

from registry.enums import VerificationState, WksbmStatus
from registry.models import PengurusRole, VerificationItem, Wilayah, Wksbm
from registry.services import wksbm as services
from registry.views import verification as queue_views
from tests.registry.verification.conftest import SEMANU_CANDIREJO, unit

pytestmark = pytest.mark.django_db

QUEUE = reverse("verification_queue")
WAITING, VERIFIED, RETURNED = (
    VerificationState.MENUNGGU,
    VerificationState.TERVERIFIKASI,
    VerificationState.DIKEMBALIKAN,
)


def candirejo():
    return Wilayah.objects.get(code=SEMANU_CANDIREJO)


def sent(penyuluh, name: str) -> Wksbm:
    """A new WKSBM entered by the penyuluh: it waits."""
    return services.wksbm_create(by=penyuluh, name=name, wilayah=candirejo())


def item_of(record) -> VerificationItem:
    return VerificationItem.objects.of_record(record).get()


def states() -> set[str]:
    return set(VerificationItem.objects.values_list("state", flat=True))


def test_the_operator_sees_each_waiting_change_grouped_under_its_wksbm(client, penyuluh, operator):
    wksbm = sent(penyuluh, "WKSBM Ngudi Rahayu")
    changed = unit(name="WKSBM Sido Mulyo")
    services.wksbm_update(by=penyuluh, wksbm=changed, status=WksbmStatus.VAKUM)
    client.force_login(operator)

    response = client.get(QUEUE)

    body = response.content.decode()
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [group_wksbm for group_wksbm, _ in groups] == [wksbm, changed]
    assert f'href="{reverse("wksbm_detail", args=[wksbm.pk])}"' in body
    assert "<th>Data</th><th>Sebelum</th><th>Sesudah</th>" in body
    assert "<td>status</td><td>Aktif</td><td>Vakum</td>" in body
    assert "Data baru" in body and "Perubahan" in body
    assert "penyuluh_semanu" in body, "the sender is named"
    assert f'value="verifikasi-{item_of(wksbm).pk}"' in body and f'value="kembalikan-{item_of(wksbm).pk}"' in body


@pytest.mark.parametrize("who", ["outsider", "penyuluh", "pimpinan"])
def test_others_see_nothing_of_the_area(client, request, penyuluh, who):
    sent(penyuluh, "WKSBM Ngudi Rahayu")
    user = request.getfixturevalue(who)
    client.force_login(user)

    response = client.get(QUEUE)

    if who == "outsider":  # an operator of Sleman: their own (empty) queue
        assert (response.status_code, response.context["groups"]) == (200, [])
        assert "WKSBM Ngudi Rahayu" not in response.content.decode()
    else:  # those who do not verify
        assert response.status_code == 403
        assert client.post(QUEUE, {"aksi": "verifikasi", "pilih": [item_of(Wksbm.objects.get()).pk]}).status_code == 403
    assert states() == {WAITING}


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(QUEUE)
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))


def test_several_checked_items_are_confirmed_at_once(client, penyuluh, operator):
    first, second, third = (sent(penyuluh, f"WKSBM {n}") for n in ("Satu", "Dua", "Tiga"))
    client.force_login(operator)

    response = client.post(QUEUE, {"aksi": "verifikasi", "pilih": [item_of(first).pk, item_of(second).pk]}, follow=True)

    assert "2 data diverifikasi." in response.content.decode()
    assert [w.verification for w in Wksbm.objects.order_by("pk")] == [VERIFIED, VERIFIED, WAITING]
    assert item_of(first).decided_by == operator
    assert [group_wksbm for group_wksbm, _ in response.context["groups"]] == [third]


def test_one_item_is_confirmed_by_its_own_button(client, penyuluh, operator):
    first, second = sent(penyuluh, "WKSBM Satu"), sent(penyuluh, "WKSBM Dua")
    client.force_login(operator)

    response = client.post(QUEUE, {"aksi": f"verifikasi-{item_of(second).pk}", "pilih": [item_of(first).pk]})

    assert response.status_code == 302
    assert (Wksbm.objects.get(pk=first.pk).verification, Wksbm.objects.get(pk=second.pk).verification) == (
        WAITING,
        VERIFIED,
    )


def test_returning_without_a_reason_keeps_what_was_typed_and_checked(client, penyuluh, operator):
    first, second = sent(penyuluh, "WKSBM Satu"), sent(penyuluh, "WKSBM Dua")
    one, two = item_of(first), item_of(second)
    client.force_login(operator)

    response = client.post(
        QUEUE, {"aksi": "kembalikan", "pilih": [two.pk], "alasan": "   ", f"alasan-{one.pk}": "Catatan saya"}
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Tulis alasan data ini dikembalikan" in body
    assert f'name="pilih" value="{two.pk}" checked' in body
    assert f'name="pilih" value="{one.pk}">' in body
    assert "Catatan saya</textarea>" in body
    assert states() == {WAITING}


def test_one_item_is_returned_with_its_own_reason(client, penyuluh, operator):
    first, second = sent(penyuluh, "WKSBM Satu"), sent(penyuluh, "WKSBM Dua")
    one = item_of(first)
    client.force_login(operator)

    response = client.post(
        QUEUE, {"aksi": f"kembalikan-{one.pk}", f"alasan-{one.pk}": "Nomor SK belum diisi.", "alasan": ""}, follow=True
    )

    assert "1 data dikembalikan." in response.content.decode()
    one.refresh_from_db()
    assert (one.state, one.reason, one.decided_by) == (RETURNED, "Nomor SK belum diisi.", operator)
    assert Wksbm.objects.get(pk=first.pk).verification == RETURNED
    assert Wksbm.objects.get(pk=second.pk).verification == WAITING


def test_one_items_return_without_its_reason_is_refused_next_to_it(client, penyuluh, operator):
    one = item_of(sent(penyuluh, "WKSBM Satu"))
    client.force_login(operator)

    response = client.post(QUEUE, {"aksi": f"kembalikan-{one.pk}", f"alasan-{one.pk}": ""})

    assert response.status_code == 400
    assert response.context["error_item"] == str(one.pk)
    assert states() == {WAITING}


def test_checked_items_are_returned_with_the_common_reason(client, penyuluh, operator):
    items = [item_of(sent(penyuluh, f"WKSBM {n}")) for n in ("Satu", "Dua")]
    client.force_login(operator)

    response = client.post(
        QUEUE, {"aksi": "kembalikan", "pilih": [i.pk for i in items], "alasan": "Lengkapi alamat."}, follow=True
    )

    assert "2 data dikembalikan." in response.content.decode()
    assert set(VerificationItem.objects.values_list("state", "reason")) == {(RETURNED, "Lengkapi alamat.")}


def test_the_services_refusals_are_shown_and_change_nothing(client, penyuluh, operator, outsider):
    item = item_of(sent(penyuluh, "WKSBM Satu"))
    client.force_login(outsider)

    refused = client.post(QUEUE, {"aksi": "verifikasi", "pilih": [item.pk]})

    assert refused.status_code == 400
    assert "Hanya operator kabupaten/kota wilayah data ini" in refused.content.decode()
    assert states() == {WAITING}

    client.force_login(operator)
    client.post(QUEUE, {"aksi": "verifikasi", "pilih": [item.pk]})
    again = client.post(QUEUE, {"aksi": "kembalikan", "pilih": [item.pk], "alasan": "Terlambat"})
    assert "tidak sedang menunggu verifikasi" in again.content.decode()
    assert states() == {VERIFIED}


def test_nothing_chosen_or_an_unknown_action_is_explained(client, penyuluh, operator):
    sent(penyuluh, "WKSBM Satu")
    client.force_login(operator)

    for data in ({"aksi": "verifikasi"}, {"aksi": "hapus", "pilih": ["1"]}):
        response = client.post(QUEUE, data)
        assert response.status_code == 400
        assert "Pilih sedikitnya satu data." in response.content.decode()
    assert states() == {WAITING}


def test_the_queue_is_paged_by_wksbm_and_filtered_by_kind_and_wksbm(client, penyuluh, operator, monkeypatch):
    monkeypatch.setattr(queue_views, "PAGE_SIZE", 1)
    older, newer = sent(penyuluh, "WKSBM Satu"), sent(penyuluh, "WKSBM Dua")
    services.pengurus_add(by=penyuluh, wksbm=newer, name="Sri Lestari", role=PengurusRole.objects.first())
    client.force_login(operator)

    first_page = client.get(QUEUE)
    second_page = client.get(QUEUE, {"halaman": 2})
    board_only = client.get(QUEUE, {"jenis": "pengurus"})
    one_wksbm = client.get(QUEUE, {"wksbm": newer.pk})
    kecamatan = client.get(QUEUE, {"wilayah": "34.03.08"})
    elsewhere = client.get(QUEUE, {"wilayah": "34.03.12"})

    assert [w for w, _ in first_page.context["groups"]] == [older]
    assert "halaman=2" in first_page.content.decode()
    assert [(w, [i.kind for i in items]) for w, items in second_page.context["groups"]] == [
        (newer, ["wksbm", "pengurus"])
    ]
    assert [(w, [i.kind for i in items]) for w, items in board_only.context["groups"]] == [(newer, ["pengurus"])]
    assert [w for w, _ in one_wksbm.context["groups"]] == [newer]
    assert [w for w, _ in kecamatan.context["groups"]] == [older]
    assert elsewhere.context["groups"] == []


def test_a_decision_comes_back_to_the_same_filtered_page(client, penyuluh, operator):
    wksbm = sent(penyuluh, "WKSBM Satu")
    client.force_login(operator)

    response = client.post(f"{QUEUE}?jenis=wksbm", {"aksi": "verifikasi", "pilih": [item_of(wksbm).pk]})

    assert response["Location"] == f"{QUEUE}?jenis=wksbm"


@pytest.mark.parametrize("count", [1, 8])
def test_the_page_costs_the_same_queries_however_many_items(
    client, penyuluh, operator, count, django_assert_num_queries
):
    role = PengurusRole.objects.first()
    for number in range(count):
        wksbm = sent(penyuluh, f"WKSBM {number}")
        services.pengurus_add(by=penyuluh, wksbm=wksbm, name=f"Pengurus {number}", role=role)
    client.force_login(operator)

    # Savepoint and release (ATOMIC_REQUESTS), session, user, permissions (the user's, their groups'), areas; the
    # page's groups and their items with their WKSBM, wilayah and sender; the header's count of unread notifications.
    with django_assert_num_queries(10):
        response = client.get(QUEUE)

    assert sum(len(items) for _, items in response.context["groups"]) == 2 * count
