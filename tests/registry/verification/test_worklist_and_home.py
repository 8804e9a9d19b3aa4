"""The queue's worklist kinds ("Menunggu verifikasi" for those who verify, "Dikembalikan" for those whose entries
wait), their entries and links, their fixed number of queries, and the home page's "Verifikasi data" link."""

import pytest
from django.urls import reverse

from registry.enums import Role
from registry.models import PengurusRole, VerificationItem, Wilayah
from registry.scoping import area_codes
from registry.services import wksbm as services
from registry.verification import services as verification
from registry.verification.worklist import RETURNED, WAITING
from registry.worklist import kinds_for
from tests.registry.verification.conftest import SEMANU_CANDIREJO

pytestmark = pytest.mark.django_db


def sent(penyuluh, name):
    return services.wksbm_create(by=penyuluh, name=name, wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))


def item_of(record) -> VerificationItem:
    return VerificationItem.objects.of_record(record).get()


def test_each_kind_is_shown_to_whom_it_concerns(penyuluh, operator, pimpinan, admin_provinsi):
    shown = {user.username: [kind.key for kind in kinds_for(user)] for user in (penyuluh, operator, pimpinan)}

    assert "menunggu-verifikasi" in shown["operator_gk"] and "dikembalikan" not in shown["operator_gk"]
    assert "dikembalikan" in shown["penyuluh_semanu"] and "menunggu-verifikasi" not in shown["penyuluh_semanu"]
    assert not {"menunggu-verifikasi", "dikembalikan"} & set(shown["pimpinan_gk"])
    assert WAITING.applies(admin_provinsi)


def test_waiting_items_are_the_operators_entries_linking_to_the_queue(penyuluh, operator, outsider):
    wksbm = sent(penyuluh, "WKSBM Ngudi Rahayu")

    [row] = WAITING.rows(operator)
    entry = WAITING.describe(row, operator)

    assert entry.wksbm == wksbm
    assert entry.action_url == f"{reverse('verification_queue')}?wksbm={wksbm.pk}"
    assert entry.detail.startswith("WKSBM: WKSBM Ngudi Rahayu (data baru), dikirim ")
    assert list(WAITING.rows(outsider)) == []


def test_returned_items_are_the_penyuluhs_entries_linking_to_the_record(penyuluh, operator, make_user):
    neighbour = make_user("penyuluh_semin", Role.PENYULUH, "34.03.12")
    wksbm = sent(penyuluh, "WKSBM Ngudi Rahayu")
    item = item_of(wksbm)
    verification.send_back(by=operator, items=[item], reason="Nomor SK belum diisi.")

    [row] = RETURNED.rows(penyuluh)
    entry = RETURNED.describe(row, penyuluh)

    assert entry.action_url == reverse("wksbm_detail", args=[wksbm.pk]) + f"#verifikasi-{item.pk}"
    assert entry.detail.endswith(": Nomor SK belum diisi.")
    assert list(WAITING.rows(operator)) == []
    assert list(RETURNED.rows(neighbour)) == [], "a penyuluh of Semin sees nothing of Semanu"


def test_the_worklist_page_lists_both(client, penyuluh, operator):
    first = sent(penyuluh, "WKSBM Satu")
    sent(penyuluh, "WKSBM Dua")
    verification.send_back(by=operator, items=[item_of(first)], reason="Periksa nama.")

    client.force_login(operator)
    as_operator = client.get(reverse("attention"), {"jenis": "menunggu-verifikasi"}).content.decode()
    client.force_login(penyuluh)
    as_penyuluh = client.get(reverse("attention"), {"jenis": "dikembalikan"}).content.decode()

    assert "WKSBM Dua" in as_operator and "WKSBM Satu" not in as_operator
    assert "WKSBM Satu" in as_penyuluh and "Periksa nama." in as_penyuluh


@pytest.mark.parametrize("kind", [WAITING, RETURNED], ids=["menunggu", "dikembalikan"])
def test_a_page_of_entries_costs_one_query(penyuluh, operator, kind, django_assert_num_queries):
    role = PengurusRole.objects.order_by("pk").first()
    user = operator if kind is WAITING else penyuluh
    for count in (1, 6):
        VerificationItem.objects.all().delete()
        for number in range(count):
            wksbm = sent(penyuluh, f"WKSBM {count}-{number}")
            services.pengurus_add(by=penyuluh, wksbm=wksbm, name=f"Pengurus {number}", role=role)
        if kind is RETURNED:
            verification.send_back(by=operator, items=list(VerificationItem.objects.all()), reason="Periksa.")
        user.has_perm("registry.view_wksbm")
        area_codes(user)
        with django_assert_num_queries(1):
            entries = [kind.describe(row, user) for row in kind.rows(user)]
        assert len(entries) == 2 * count


def test_the_home_page_offers_verifikasi_data_to_those_who_verify(client, penyuluh, operator):
    client.force_login(operator)
    as_operator = client.get(reverse("home")).content.decode()
    client.force_login(penyuluh)
    as_penyuluh = client.get(reverse("home")).content.decode()

    link = f'href="{reverse("verification_queue")}">Verifikasi data<'
    assert link in as_operator and link not in as_penyuluh
