"""The record's verification box on the WKSBM page: the WKSBM's own state, a badge on each waiting or returned row
with the reason, the penyuluh's "Kirim ulang", the operator's link to the queue; and a returned record fixed through
the field pages, end to end."""

import pytest
from django.urls import reverse

from registry.enums import VerificationState, WksbmStatus
from registry.forms import WksbmEditForm
from registry.models import PengurusRole, VerificationItem, Wilayah, Wksbm
from registry.services import wksbm as services
from registry.verification import services as verification
from tests.registry.verification.conftest import SEMANU_CANDIREJO, unit

pytestmark = pytest.mark.django_db

WAITING, VERIFIED, RETURNED = (
    VerificationState.MENUNGGU,
    VerificationState.TERVERIFIKASI,
    VerificationState.DIKEMBALIKAN,
)


def page(client, wksbm) -> str:
    response = client.get(reverse("wksbm_detail", args=[wksbm.pk]))
    assert response.status_code == 200
    return response.content.decode()


def new_wksbm(penyuluh) -> Wksbm:
    return services.wksbm_create(
        by=penyuluh, name="WKSBM Ngudi Rahayu", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO)
    )


def item_of(record) -> VerificationItem:
    return VerificationItem.objects.of_record(record).get()


def test_a_waiting_wksbm_says_so_and_the_operator_is_led_to_the_queue(client, penyuluh, operator):
    wksbm = new_wksbm(penyuluh)
    queue_link = f"{reverse('verification_queue')}?wksbm={wksbm.pk}"

    client.force_login(penyuluh)
    as_penyuluh = page(client, wksbm)
    client.force_login(operator)
    as_operator = page(client, wksbm)

    assert "Menunggu verifikasi" in as_penyuluh and queue_link not in as_penyuluh
    assert queue_link in as_operator and "(1 menunggu)" in as_operator


def test_a_verified_wksbm_shows_no_box(client, operator):
    wksbm = unit()
    client.force_login(operator)

    body = page(client, wksbm)

    assert 'id="verifikasi-wksbm"' not in body and "Menunggu verifikasi" not in body


def test_a_returned_wksbm_shows_the_reason_who_and_when_and_the_penyuluh_sends_it_again(client, penyuluh, operator):
    wksbm = new_wksbm(penyuluh)
    item = item_of(wksbm)
    verification.send_back(by=operator, items=[item], reason="Nomor SK belum diisi.")
    client.force_login(penyuluh)

    body = page(client, wksbm)

    assert "Dikembalikan:</strong> Nomor SK belum diisi. oleh operator_gk" in body
    send_again = reverse("verification_send_again", args=[item.pk])
    assert f'action="{send_again}"' in body
    response = client.post(send_again)
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + f"#verifikasi-{item.pk}"
    item.refresh_from_db()
    assert item.state == WAITING
    assert Wksbm.objects.get(pk=wksbm.pk).verification == WAITING
    assert "dikirim ulang untuk verifikasi" in client.get(response["Location"]).content.decode()


def test_sending_again_is_for_whoever_entries_wait(client, penyuluh, operator, pimpinan, outsider):
    wksbm = new_wksbm(penyuluh)
    item = item_of(wksbm)
    verification.send_back(by=operator, items=[item], reason="Periksa nama.")
    url = reverse("verification_send_again", args=[item.pk])

    client.force_login(operator)
    assert "Kirim ulang" not in page(client, wksbm)
    assert client.get(url).status_code == 200
    refused = client.post(url, follow=True)
    assert "langsung terverifikasi" in refused.content.decode()
    client.force_login(pimpinan)
    assert client.post(url).status_code == 403
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    item.refresh_from_db()
    assert item.state == RETURNED


def test_sending_again_what_is_not_returned_is_refused_with_the_reason(client, penyuluh):
    item = item_of(new_wksbm(penyuluh))
    client.force_login(penyuluh)

    response = client.post(reverse("verification_send_again", args=[item.pk]), follow=True)

    assert "tidak sedang dikembalikan" in response.content.decode()


def test_board_member_and_report_rows_carry_their_badges(client, penyuluh, operator, references):
    wksbm = unit()
    role = PengurusRole.objects.order_by("pk").first()
    pengurus = services.pengurus_add(by=penyuluh, wksbm=wksbm, name="Sri Lestari", role=role)
    report = services.report_create(by=penyuluh, wksbm=wksbm, date=wksbm.created_at.date(), kind=references["activity"])
    kept = services.pengurus_add(by=operator, wksbm=wksbm, name="Budi Santoso", role=role)
    verification.send_back(by=operator, items=[item_of(report)], reason="Tanggal kegiatan salah.")
    client.force_login(penyuluh)

    response = client.get(reverse("wksbm_detail", args=[wksbm.pk]))

    rows = {p.pk: p.verification_item for p in response.context["current_pengurus"]}
    assert rows[pengurus.pk].state == WAITING and rows[kept.pk] is None
    assert response.context["reports"][0].verification_item.reason == "Tanggal kegiatan salah."
    body = response.content.decode()
    assert "Alasan: Tanggal kegiatan salah." in body


def test_a_new_kps_entered_with_its_membership_marks_the_membership_row(client, penyuluh, operator, references):
    wksbm = unit()
    kps = services.kps_create(by=penyuluh, name="Karang Taruna Tunas", kind=references["kps"], wilayah=wksbm.wilayah)
    membership = services.membership_add(by=penyuluh, wksbm=wksbm, kps=kps)
    verification.confirm(by=operator, items=[item_of(membership)])
    client.force_login(penyuluh)

    response = client.get(reverse("wksbm_detail", args=[wksbm.pk]))

    [row] = response.context["current_members"]
    assert row.pk == membership.pk
    assert (row.verification_item.kind, row.verification_item.state) == ("kps", WAITING), "the KPS's own item"


def test_a_returned_wksbm_fixed_on_its_edit_page_waits_again_and_is_confirmed(client, penyuluh, operator):
    wksbm = unit()
    client.force_login(penyuluh)
    edit = reverse("wksbm_edit", args=[wksbm.pk])
    data = {key: "" if value is None else value for key, value in WksbmEditForm.initial_for(wksbm).items()}
    client.post(edit, {**data, "status": WksbmStatus.VAKUM})
    item = item_of(wksbm)
    client.force_login(operator)
    client.post(reverse("verification_queue"), {"aksi": f"kembalikan-{item.pk}", f"alasan-{item.pk}": "Tulis alamat."})
    assert Wksbm.objects.get(pk=wksbm.pk).verification == RETURNED

    client.force_login(penyuluh)
    assert "Tulis alamat." in page(client, wksbm)
    wksbm.refresh_from_db()
    data = {key: "" if value is None else value for key, value in WksbmEditForm.initial_for(wksbm).items()}
    client.post(edit, {**data, "address": "Jl. Wonosari 5"})

    item.refresh_from_db()
    assert (item.state, Wksbm.objects.get(pk=wksbm.pk).verification) == (WAITING, WAITING)
    assert ["status", "Aktif", "Vakum"] in item.changes
    client.force_login(operator)
    confirmed = client.post(reverse("verification_queue"), {"aksi": "verifikasi", "pilih": [item.pk]}, follow=True)
    assert "1 data diverifikasi." in confirmed.content.decode()
    assert Wksbm.objects.get(pk=wksbm.pk).verification == VERIFIED
    client.force_login(penyuluh)
    assert 'id="verifikasi-wksbm"' not in page(client, wksbm)
