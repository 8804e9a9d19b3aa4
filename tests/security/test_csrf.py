"""CSRF: every form the site shows carries the token, and every POST without it is refused (403, in
Indonesian, nothing changed), on the field pages, the login pages and every admin page, import and export
included. The pages are the access matrix's (tests/test_access_matrix.py): every named URL and every admin model.
"""

import contextlib
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, reverse

from registry.models import VerificationItem
from tests.security.conftest import PASSWORD
from tests.test_access_matrix import FIELD_PAGES, admin_url, page_url, snapshot

POST_FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)
TOKEN_FIELD = 'name="csrfmiddlewaretoken"'
LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]
# Admin pages no one has, a superuser included: the queue's items are sent from the field and decided through the
# queue, never added or deleted by hand.
NO_PAGE = {VerificationItem: {"add", "delete"}}


def every_page(world) -> list[str]:
    """Every page with a form: the named field pages, and each admin model's list, add, change, delete,
    history, import and export pages, plus the admin's index and password page (the logins: LOGIN_PAGES)."""
    urls = [page_url(name, target, world) for name, (_perms, target) in FIELD_PAGES.items()]
    urls += ["/admin/", "/admin/password_change/"]
    for model in admin.site._registry:
        obj = world[model._meta.model_name]
        app, name = model._meta.app_label, model._meta.model_name
        missing = NO_PAGE.get(model, set())
        urls.append(reverse(f"admin:{app}_{name}_changelist"))
        if "add" not in missing:
            urls.append(reverse(f"admin:{app}_{name}_add"))
        urls += [admin_url(obj, suffix) for suffix in ("change", "delete", "history") if suffix not in missing]
        for action in ("import", "process_import", "export"):
            with contextlib.suppress(NoReverseMatch):  # lists without import or export
                urls.append(reverse(f"admin:{app}_{name}_{action}"))
    urls.append(reverse("admin:trainings_penyuluhan_attendance_import", args=[world["event"].pk]))
    return urls


@pytest.fixture
def superuser(world):
    return User.objects.create_superuser("admin", password=PASSWORD)


def post_forms(response) -> list[str]:
    return POST_FORM.findall(response.content.decode())


def test_the_login_forms_carry_the_csrf_token(client, db):
    forms = [form for url in LOGIN_PAGES for form in post_forms(client.get(url))]

    assert [TOKEN_FIELD in form for form in forms] == [True, True]


def test_every_post_form_carries_the_csrf_token(client, world, superuser):
    client.force_login(superuser)
    forms = 0
    for url in every_page(world):
        response = client.get(url)
        if response.status_code == 405:  # POST-only (process_import, logout): nothing to show
            continue
        assert response.status_code == 200, f"{url}: {response.status_code}"
        if response.streaming:  # a download (the rekap's files): no page, no form
            continue
        for form in post_forms(response):
            forms += 1
            assert TOKEN_FIELD in form, f"{url}: a POST form without the CSRF token"

    assert forms >= 150, forms  # 184 when written: one page may lose a form, the set may not vanish


def test_every_post_without_the_token_is_refused_and_changes_nothing(world, superuser):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(superuser)
    before = snapshot(world)
    urls = [*every_page(world), *LOGIN_PAGES, "/accounts/logout/", "/admin/logout/"]

    refused = {url: browser.post(url, {"name": "Palsu", "post": "yes"}) for url in urls}

    assert {url: r.status_code for url, r in refused.items()} == dict.fromkeys(urls, 403)
    # The API's schema answers as the API does (REST framework's refusal, tests/api); every page people use, with
    # the registry's Indonesian page.
    assert all("Formulir tidak dapat dikirim" in r.content.decode() for u, r in refused.items() if "/api/" not in u)
    assert snapshot(world) == before
    assert browser.get("/").wsgi_request.user == superuser  # logout without the token did not log out


def test_the_login_form_without_the_token_is_refused(diy):
    User.objects.create_superuser("admin", password=PASSWORD)
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/accounts/login/", {"username": "admin", "password": PASSWORD})

    assert (response.status_code, "_auth_user_id" in browser.session) == (403, False)


def test_the_same_post_with_the_token_is_accepted(world, superuser):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(superuser)
    token = browser.get("/accounts/password_change/").context["csrf_token"]
    new_password = "Semanu-Candirejo-2026"

    response = browser.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": new_password,
            "new_password2": new_password,
            "csrfmiddlewaretoken": str(token),
        },
    )

    assert response.status_code == 302
