"""A creating form sent twice — a retry on a weak signal, a double tap, back and send again — creates one record."""

import uuid

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse

from registry.forms import PengurusAddForm
from registry.models import (
    ActivityKind,
    ActivityReport,
    FormSubmission,
    Kps,
    KpsKind,
    KpsMembership,
    Pengurus,
    PengurusRole,
    Wksbm,
)
from registry.views.once import create_once
from tests.factories import KpsFactory
from tests.registry.field.conftest import SEMANU_CANDIREJO

pytestmark = pytest.mark.usefixtures("diy")


def token() -> str:
    return str(uuid.uuid4())


def forms(wksbm):
    """(URL name, address, POST data without token, what to count) for every creating field form."""
    free = KpsFactory(name="Posyandu Mawar", wilayah=wksbm.wilayah)
    report = {"date": "01/07/2025", "kind": ActivityKind.objects.get(slug="aksi-sosial").pk}
    report |= {
        "dana-TOTAL_FORMS": "3",
        "dana-INITIAL_FORMS": "0",
        "bantuan-TOTAL_FORMS": "3",
        "bantuan-INITIAL_FORMS": "0",
    }
    ketua = PengurusRole.objects.get(slug="wakil-ketua").pk
    return [
        ("wksbm_create", reverse("wksbm_create"), {"wilayah": SEMANU_CANDIREJO, "name": "WKSBM Baru"}, Wksbm),
        ("pengurus_add", reverse("pengurus_add", args=[wksbm.pk]), {"name": "Budi", "role": ketua}, Pengurus),
        (
            "kps_create",
            reverse("kps_create", args=[wksbm.pk]),
            {"name": "PKK Melati", "kind": KpsKind.objects.get(slug="pkk").pk},
            Kps,
        ),
        ("kps_link", reverse("kps_link", args=[wksbm.pk]), {"kps": free.pk}, KpsMembership),
        ("report_create", reverse("report_create", args=[wksbm.pk]), report, ActivityReport),
    ]


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("name", ["wksbm_create", "pengurus_add", "kps_create", "kps_link", "report_create"])
def test_the_same_form_sent_twice_creates_one_record(as_penyuluh, wksbm, name):
    _, address, data, model = next(form for form in forms(wksbm) if form[0] == name)
    data = {**data, "form_token": token()}
    before = model.objects.count()

    first = as_penyuluh.post(address, data)
    second = as_penyuluh.post(address, data)

    assert first.status_code == 302, first.context["form"].errors if first.context else first
    assert second["Location"] == first["Location"]
    assert messages_of(second)[-1] == "Formulir ini sudah terkirim sebelumnya; datanya tidak dicatat dua kali."
    assert model.objects.count() == before + 1
    assert FormSubmission.objects.get(token=data["form_token"]).url == first["Location"]


def test_the_same_values_from_a_fresh_form_make_a_new_record(as_penyuluh, wksbm):
    """Only the form's own token says "sent again": equal values are not a repeat."""
    address = reverse("pengurus_add", args=[wksbm.pk])
    data = {"name": "Budi", "role": PengurusRole.objects.get(slug="bendahara").pk}

    first = as_penyuluh.post(address, {**data, "form_token": token()})
    second = as_penyuluh.post(address, {**data, "form_token": token()})

    assert (first.status_code, second.status_code) == (302, 302)
    assert Pengurus.objects.filter(name="Budi").count() == 2


def test_a_kps_removed_by_mistake_is_linked_again_at_once(as_penyuluh, wksbm):
    free = KpsFactory(name="Posyandu Mawar", wilayah=wksbm.wilayah)
    link = reverse("kps_link", args=[wksbm.pk])
    as_penyuluh.post(link, {"kps": free.pk, "form_token": token()})
    membership = KpsMembership.objects.get(kps=free, left_on__isnull=True)
    as_penyuluh.post(reverse("membership_end", args=[wksbm.pk, membership.pk]), {"on": "01/07/2025"})

    again = as_penyuluh.post(link, {"kps": free.pk, "form_token": token()})

    assert again.status_code == 302
    assert messages_of(again)[-1] == "KPS Posyandu Mawar ditautkan sebagai anggota."
    assert KpsMembership.objects.filter(kps=free).count() == 2
    assert KpsMembership.objects.filter(kps=free, left_on__isnull=True).count() == 1


def test_other_values_with_a_fresh_token_make_a_new_record(as_penyuluh, wksbm):
    address = reverse("pengurus_add", args=[wksbm.pk])
    role = PengurusRole.objects.get(slug="seksi").pk

    as_penyuluh.post(address, {"name": "Budi", "role": role, "form_token": token()})
    as_penyuluh.post(address, {"name": "Sari", "role": role, "form_token": token()})

    assert set(Pengurus.objects.filter(role_id=role).values_list("name", flat=True)) == {"Budi", "Sari"}


def test_a_form_shown_again_with_errors_keeps_its_token(as_penyuluh, wksbm):
    sent = token()

    response = as_penyuluh.post(reverse("pengurus_add", args=[wksbm.pk]), {"name": "", "form_token": sent})

    assert response.context["form"]["form_token"].value() == sent
    assert not FormSubmission.objects.exists()


def test_a_missing_token_is_explained_and_replaced(as_penyuluh, wksbm):
    data = {"name": "Budi", "role": PengurusRole.objects.get(slug="seksi").pk}

    response = as_penyuluh.post(reverse("pengurus_add", args=[wksbm.pk]), data)

    body = response.content.decode()
    assert "Formulir ini tidak lengkap. Periksa isiannya lalu kirim sekali lagi." in body
    assert uuid.UUID(response.context["form"]["form_token"].value())
    assert not Pengurus.objects.filter(name="Budi").exists()


def bound_request(user, data):
    request = RequestFactory().post("/wksbm/1/pengurus/tambah/", data)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_concurrent_second_sending_waits_for_the_first_and_leads_to_its_result(penyuluh, wksbm):
    """The second request passed the early check before the first one committed: the unique token stops it."""
    sent = token()
    FormSubmission.objects.create(token=sent, user=penyuluh, url="/wksbm/1/#pengurus")
    data = {"name": "Budi", "role": PengurusRole.objects.get(slug="seksi").pk, "form_token": sent}
    request = bound_request(penyuluh, data)
    form = PengurusAddForm(data)
    assert form.is_valid()
    created = []

    response = create_once(request, form, lambda: created.append(1) or "/elsewhere/", success="ok")

    assert response["Location"] == "/wksbm/1/#pengurus"
    assert created == []
    assert FormSubmission.objects.count() == 1


def test_a_token_used_by_someone_else_creates_nothing_and_asks_to_send_again(make_user, penyuluh, wksbm):
    sent = token()
    FormSubmission.objects.create(token=sent, user=make_user("lain"), url="/rahasia/")
    data = {"name": "Budi", "role": PengurusRole.objects.get(slug="seksi").pk, "form_token": sent}
    form = PengurusAddForm(data)
    assert form.is_valid()

    response = create_once(bound_request(penyuluh, data), form, lambda: "/elsewhere/", success="ok")

    assert response is None
    assert form.non_field_errors() == [
        "Formulir ini tidak dapat disimpan sekarang. Periksa isiannya lalu kirim sekali lagi."
    ]
    assert form.data["form_token"] != sent
