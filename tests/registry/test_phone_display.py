"""One format for phone numbers: stored as E.164, shown as Indonesians write them (`display_phone`) on the field
pages, printouts and the admin, masked for the pimpinan; the admin reads any form back, so saving a number typed
in another form of the stored one changes nothing and writes no history."""

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from registry.enums import Role
from registry.forms.base import PhoneField
from registry.models import Pengurus, Wksbm
from registry.services.petugas import petugas_save
from registry.validators import display_phone, normalize_phone_number
from tests.admin_forms import form_data
from tests.factories import PengurusFactory, WksbmFactory

pytestmark = pytest.mark.usefixtures("diy")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+6281234567890", "0812-3456-7890"),
        ("+628123456789", "0812-3456-789"),
        ("+62274391234", "(0274) 391234"),
        ("+62215551234", "(021) 5551234"),
        ("12345", "12345"),  # not a valid number (stored before numbers were checked): shown as stored
        ("", ""),
    ],
)
def test_a_stored_number_is_shown_in_the_one_indonesian_form(stored, shown):
    assert display_phone(stored) == shown


@pytest.mark.parametrize("stored", ["+6281234567890", "+62274391234", "+62215551234"])
def test_the_display_form_reads_back_to_the_stored_one(stored):
    assert normalize_phone_number(display_phone(stored)) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0812-3456-7890", "+6281234567890"), ("(0274) 391234", "+62274391234"), ("+62 812 3456 7890", "+6281234567890")],
)
def test_the_parser_accepts_the_display_form_and_other_forms(typed, stored):
    assert normalize_phone_number(typed) == stored


def render(template: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load personal %}" + template).render(Context({"request": request, **context}))


def petugas(role: Role) -> User:
    return petugas_save(by=None, username=f"u_{role.value}", role=role, area_codes=["34.03"], password="Petugas-2025!")[
        0
    ]


def test_pages_show_the_display_form_with_a_tel_link_or_masked_for_the_pimpinan(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    operator, pimpinan = petugas(Role.KABUPATEN), petugas(Role.PIMPINAN)

    assert render("{% phone p %}", operator, p="+6281234567890") == ('<a href="tel:+6281234567890">0812-3456-7890</a>')
    assert render("{% phone p link=False %}", operator, p="+62274391234") == "(0274) 391234"
    assert render("{{ p|phone_for:request.user }}", operator, p="+62274391234") == "(0274) 391234"
    assert render("{% phone p %}", pimpinan, p="+6281234567890") == "08******890"
    assert render("{{ p|phone_for:request.user }}", pimpinan, p="+6281234567890") == "08******890"


def test_the_wksbm_page_shows_its_numbers_in_the_display_form(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    unit = WksbmFactory(phone="+62274391234")
    PengurusFactory(wksbm=unit, phone="+6281234567890")
    client.force_login(petugas(Role.KABUPATEN))

    page = client.get(reverse("wksbm_detail", args=[unit.pk])).content.decode()

    assert "(0274) 391234" in page
    assert "0812-3456-7890" in page
    assert "+6281234567890</a>" not in page


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("dinsos"))
    return client


def test_the_admin_form_shows_the_display_form(admin_client):
    unit = WksbmFactory(phone="+6281234567890")

    page = admin_client.get(reverse("admin:registry_wksbm_change", args=[unit.pk])).content.decode()

    assert 'value="0812-3456-7890"' in page
    assert 'value="+6281234567890"' not in page


@pytest.mark.parametrize("typed", ["0812-3456-7890", "081234567890", "+62 812 3456 7890"])
def test_saving_an_unchanged_number_typed_in_another_form_writes_nothing(admin_client, typed):
    unit = WksbmFactory(phone="+6281234567890")
    PengurusFactory(wksbm=unit, phone="+6285712345678")
    url = reverse("admin:registry_wksbm_change", args=[unit.pk])
    data = form_data(admin_client.get(url))
    data["phone"] = typed
    rows = next(key for key in data if key.endswith("-0-phone") and key.startswith("pengurus"))
    data[rows] = "0857 1234 5678"
    before = (Wksbm.history.count(), Pengurus.history.count())

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert (Wksbm.history.count(), Pengurus.history.count()) == before
    assert Wksbm.objects.get(pk=unit.pk).phone == "+6281234567890"


def test_a_changed_number_is_stored_in_its_normal_form_with_one_history_row(admin_client):
    unit = WksbmFactory(phone="+6281234567890")
    url = reverse("admin:registry_wksbm_change", args=[unit.pk])
    data = form_data(admin_client.get(url))
    data["phone"] = "(0274) 391234"
    before = Wksbm.history.filter(id=unit.pk).count()

    assert admin_client.post(url, data).status_code == 302
    assert Wksbm.objects.get(pk=unit.pk).phone == "+62274391234"
    assert Wksbm.history.filter(id=unit.pk).count() == before + 1


def test_the_phone_field_sees_no_change_in_another_form_of_the_same_number():
    field = PhoneField()

    assert field.has_changed("+6281234567890", "0812-3456-7890") is False
    assert field.has_changed("+6281234567890", "0812-3456-7891") is True
    assert field.has_changed("+6281234567890", "bukan nomor") is True
    assert field.prepare_value("+6281234567890") == "0812-3456-7890"
