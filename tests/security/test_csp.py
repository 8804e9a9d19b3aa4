"""The Content-Security-Policy allows scripts and styles from the site's static files only, so no template may
hold an inline <script>, a <style> block, a style="" attribute or an on…="" handler; and the pages, the Django
admin's included, work under the policy in a real browser (chromium reports every blocked script or style)."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from tests.browser.conftest import browser  # noqa: F401 (a fixture)
from tests.security.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
# The project's template tree and any app's own (registry/templates/…, should one appear).
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style block": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_holds_inline_script_or_style():
    templates = sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html"))
    found = [
        f"{path.relative_to(ROOT)}: {kind}"
        for path in templates
        for kind, pattern in INLINE.items()
        if pattern.search(path.read_text())
    ]

    assert len(templates) >= 40
    assert found == []


# Admins with no add page for anyone: a verification item is made by the field's entries alone.
NO_ADD_PAGE = {"verificationitem"}


def admin_pages(world) -> list[str]:
    """The admin's index, every model's list and add page, and the change and history pages of each record."""
    pages = ["/admin/", "/admin/password_change/"]
    for model in admin.site._registry:
        app, name = model._meta.app_label, model._meta.model_name
        pages.append(reverse(f"admin:{app}_{name}_changelist"))
        if name not in NO_ADD_PAGE:
            pages.append(reverse(f"admin:{app}_{name}_add"))
        obj = world[name]
        pages += [
            reverse(f"admin:{app}_{name}_change", args=[obj.pk]),
            reverse(f"admin:{app}_{name}_history", args=[obj.pk]),
        ]
    pages += ["/admin/registry/wksbm/import/", "/admin/registry/wksbm/export/", "/admin/registry/kps/import/"]
    pages.append(reverse("admin:trainings_penyuluhan_attendance_import", args=[world["event"].pk]))
    pages.append(reverse("admin:auth_user_password_change", args=[world["user"].pk]))
    return pages


def field_pages(world) -> list[str]:
    wksbm, event, program = world["wksbm"], world["event"], world["program"]
    return [
        "/",
        reverse("wksbm_detail", args=[wksbm.pk]),
        reverse("wksbm_edit", args=[wksbm.pk]),
        reverse("pengurus_add", args=[wksbm.pk]),
        reverse("penyuluhan_create"),
        reverse("trainings:program_list"),
        reverse("trainings:program_report", args=[program.pk]),
        reverse("trainings:event_report", args=[event.pk]),
        reverse("trainings:attendance_sheet", args=[event.pk]),
    ]


@pytest.fixture
def signed_in_page(browser, live_server, settings):  # noqa: F811 (browser: the fixture imported above)
    """A desktop-sized chromium page, logged in as a superuser through the login form; `page.blocked` lists
    every Content-Security-Policy violation chromium reported."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_superuser("admin", password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.blocked = []
    page.on("console", lambda message: "Content Security Policy" in message.text and page.blocked.append(message.text))
    page.goto("/accounts/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    yield page
    context.close()


def test_the_admin_and_the_field_pages_work_under_the_policy(transactional_db, seeded, world, signed_in_page):
    page = signed_in_page
    opened, expected = {}, {}
    for url in [*admin_pages(world), *field_pages(world)]:
        response = page.goto(url)
        page.wait_for_load_state("load")
        opened[url] = (response.status, page.blocked[:])  # neither a script nor an inline style is refused
        expected[url] = (200, [])
        page.blocked.clear()

    assert len(opened) >= 70
    assert opened == expected


def test_the_admins_scripts_run_under_the_policy(transactional_db, seeded, world, signed_in_page):
    page = signed_in_page

    page.goto(reverse("admin:registry_wksbm_change", args=[world["wksbm"].pk]))

    # inlines.js adds the "add another" links; autocomplete.js turns the wilayah select into select2.
    assert page.locator(".add-row a").count() >= 1
    assert page.locator(".field-wilayah .select2-container").count() == 1
    assert page.blocked == []


def test_the_print_button_works_from_the_static_script(transactional_db, seeded, world, signed_in_page):
    page = signed_in_page
    page.goto(reverse("trainings:attendance_sheet", args=[world["event"].pk]))
    page.evaluate("window.print = () => { document.body.dataset.printed = 'ya'; }")

    page.click("[data-print]")

    assert (page.get_attribute("body", "data-printed"), page.blocked) == ("ya", [])
