"""NIK and phone numbers in lists and exports: no list page (every admin list, every field list) and no export
shows a NIK; the NIK appears masked (3403••••••••••01) where a list names it, and never whole on any page, history
included. Phone numbers appear only where the role works with them: a record's own page and form, and the list
exports an operator imports back."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from registry.models import Pengurus, Wksbm
from tests.security.conftest import PASSWORD
from tests.test_access_matrix import admin_url, page_url

NIK = "3403081203850001"
PHONE = "081234567890"
STORED_PHONE = "+6281234567890"
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
