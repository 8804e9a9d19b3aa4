"""NIK and phone numbers in lists and exports: no list page (every admin list, every field list) and no export
shows a NIK; the NIK appears masked (3403••••••••••01) where a list names it, and never whole on any page, history
included. Phone numbers appear only where the role works with them: a record's own page and form, and the list
downloads of the roles that change records (an operator imports them back); a read-only role (pimpinan) gets
them masked."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.enums import Role
from registry.models import Kps, Pengurus, Wksbm
from registry.validators import display_phone, mask_phone, shown_phone
from tests.security.conftest import PASSWORD
from tests.test_access_matrix import admin_url, page_url

NIK = "3403081203850001"
PHONE = "081234567890"
STORED_PHONE = "+6281234567890"
NATIONAL_PHONE = "0812-3456-7890"  # as the list downloads write it
LIST_PAGES = ["home", "penyuluhan_list", "trainings:program_list", "trainings:program_detail"]
FIELD_TARGETS = {"trainings:program_detail": "program"}


@pytest.fixture
def personal(world):
    """The world's pengurus and WKSBM with a NIK and phone numbers."""
    Pengurus.objects.filter(pk=world["pengurus"].pk).update(nik=NIK, phone=STORED_PHONE)
    Wksbm.objects.filter(pk=world["wksbm"].pk).update(phone=STORED_PHONE)
    return world


def shown(response) -> str:
    return response.content.decode()


@pytest.fixture
def superuser_client(client, personal):
    client.force_login(User.objects.create_superuser("admin", password=PASSWORD))
    return client


def every_list(world) -> list[str]:
    urls = [reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist") for m in admin.site._registry]
    return urls + [page_url(name, FIELD_TARGETS.get(name), world) for name in LIST_PAGES]


def test_no_list_shows_a_nik_or_a_phone_number(superuser_client, personal):
    pages = {url: shown(superuser_client.get(url)) for url in every_list(personal)}

    assert len(pages) >= 20
    assert [url for url, body in pages.items() if NIK in body or PHONE in body or STORED_PHONE in body] == []


def test_the_pengurus_list_shows_the_nik_masked(superuser_client, personal):
    body = shown(superuser_client.get("/admin/registry/pengurus/"))

    assert ("3403••••••••••01" in body, NIK in body) == (True, False)


def test_no_page_shows_the_whole_nik_not_even_the_form_or_the_history(superuser_client, personal):
    pengurus, wksbm = personal["pengurus"], personal["wksbm"]
    pages = [
        admin_url(pengurus, "change"),
        admin_url(pengurus, "history"),
        admin_url(wksbm, "change"),
        reverse("wksbm_detail", args=[wksbm.pk]),
    ]

    assert [url for url in pages if NIK in shown(superuser_client.get(url))] == []


def test_the_record_page_shows_the_phone_to_those_who_work_with_it(superuser_client, personal):
    body = shown(superuser_client.get(reverse("wksbm_detail", args=[personal["wksbm"].pk])))

    assert f'href="tel:{STORED_PHONE}"' in body


@pytest.mark.parametrize("url", ["/admin/registry/wksbm/export/", "/admin/registry/kps/export/"])
def test_no_export_carries_a_nik(superuser_client, personal, url):
    response = superuser_client.post(url, {"format": "0"})

    assert NIK not in b"".join(response.streaming_content).decode("utf-8-sig")


# Each role with an area holding the world's records (Candirejo, Semanu): whether it works with phone numbers.
PHONE_ROLES = [(Role.KABUPATEN, "34.03", True), (Role.PENYULUH, "34.03.08", True), (Role.PIMPINAN, "34.03", False)]
MASKED_PHONE = "08******890"


def download_text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize(("role", "area", "whole"), PHONE_ROLES)
@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("post", "/admin/registry/wksbm/export/", {"format": "0"}),
        ("post", "/admin/registry/kps/export/", {"format": "0"}),
        ("get", "/rekap/unduh/daftar/", {"daftar": "wksbm", "format": "csv"}),
        ("get", "/rekap/unduh/daftar/", {"daftar": "kps", "format": "csv"}),
    ],
)
def test_a_list_download_has_phone_numbers_whole_only_for_roles_that_work_with_them(
    client, personal, petugas, role, area, whole, method, url, data
):
    Kps.objects.filter(pk=personal["kps"].pk).update(phone=STORED_PHONE)
    client.force_login(petugas("petugas", role, area))

    response = getattr(client, method)(url, data)

    if role == Role.PENYULUH and url.startswith("/admin/"):
        assert response.status_code == 403  # the penyuluh does not use the admin
        return
    text = download_text(response)

    assert (NATIONAL_PHONE in text, MASKED_PHONE in text) == (whole, not whole)


@pytest.mark.parametrize(("role", "area", "whole"), PHONE_ROLES)
def test_the_dormant_follow_up_list_links_phone_numbers_only_for_roles_that_work_with_them(
    client, personal, petugas, role, area, whole
):
    Wksbm.objects.filter(pk=personal["wksbm"].pk).update(formed_on=datetime.date(2015, 1, 1), status="aktif")
    client.force_login(petugas("petugas", role, area))

    body = shown(client.get("/rekap/mungkin-vakum/", {"wilayah": area}))

    assert ("WKSBM Matriks" in body, STORED_PHONE in body) == (True, whole)


def test_a_phone_number_is_masked_to_its_last_three_digits():
    assert [mask_phone(p) for p in ["+6281234567890", "0812-3456-7890", ""]] == [MASKED_PHONE, MASKED_PHONE, ""]


@pytest.mark.django_db
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    operator_code=st.sampled_from(["812", "813", "821", "852", "857", "877", "896"]),
    rest=st.text(alphabet="0123456789", min_size=7, max_size=8),
    spelling=st.sampled_from(["+62{}", "0{}", "62{}"]),
)
def test_a_phone_number_is_shown_whole_only_to_roles_that_change_records(petugas, operator_code, rest, spelling):
    stored = spelling.format(operator_code + rest)
    # One user per role for every example (the examples share the test's database).
    users = {
        role: User.objects.filter(username=f"petugas-{role.value}").first()
        or petugas(f"petugas-{role.value}", role, area)
        for role, area, _ in PHONE_ROLES
    }

    shown = {role: shown_phone(stored, user) for role, user in users.items()}

    assert shown == {
        role: display_phone(stored) if whole else "08******" + stored[-3:] for role, _, whole in PHONE_ROLES
    }
