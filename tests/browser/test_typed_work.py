"""Never losing typed work on a phone (issue 17), in a real browser at 360×740: a form sent after the session
ended or with a changed CSRF token comes back filled; the browser keeps a draft, offers it again, and forgets it
once saved; without a connection the form is not sent and says so, its values kept; a connection lost while
sending leaves the draft to send again; signing out forgets every draft."""

import re

import pytest
from django.contrib.sessions.models import Session

from registry.enums import Role
from registry.models import Pengurus, Wilayah
from tests.browser.test_field_pages import PASSWORD, SEMANU, SEMANU_CANDIREJO, log_in, petugas, submit
from tests.factories import WksbmFactory

# Skipped, with the reason in the summary, where Playwright is not installed.
expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

RESTORED = "Isian Anda dipulihkan; periksa lalu kirim."
OFFLINE = "Tidak ada sambungan. Isian Anda tetap tersimpan di perangkat ini; kirim lagi saat sinyal kembali."
DRAFT = re.compile(r"Ada isian yang belum terkirim dari .+\.")


@pytest.fixture
def pengurus_form(phone):
    """A penyuluh of Semanu, logged in on a phone, on the page adding a pengurus to a WKSBM of theirs, having
    typed a role, a name and a phone number (not sent yet). Returns the page and the form's address."""
    petugas("penyuluh", Role.PENYULUH, SEMANU)
    wksbm = WksbmFactory(name="WKSBM Candirejo Guyub", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    page = phone()
    log_in(page, "penyuluh")
    path = f"/wksbm/{wksbm.pk}/pengurus/tambah/"
    page.goto(path)
    page.select_option("#id_role", label="Bendahara")
    page.fill("#id_name", "Sri Lestari")
    page.fill("#id_phone", "0812-3456-7890")
    return page, path


def assert_typed_values_shown(page) -> None:
    assert (page.input_value("#id_name"), page.input_value("#id_phone")) == ("Sri Lestari", "0812-3456-7890")
    assert page.locator("#id_role option:checked").inner_text() == "Bendahara"


def drafts(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('wksbm-draft:'))")


def test_a_form_sent_after_the_session_ended_comes_back_filled_after_logging_in(pengurus_form):
    page, path = pengurus_form
    Session.objects.all().delete()  # the session expired while the form was being filled

    submit(page, "Simpan pengurus")
    expect(page.get_by_text("isian formulir Anda disimpan")).to_be_visible()
    assert "Sri Lestari" not in page.url
    page.fill("#id_username", "penyuluh")
    page.fill("#id_password", PASSWORD)
    submit(page, "Masuk")

    assert page.url.endswith(path)
    expect(page.get_by_text(RESTORED)).to_be_visible()
    assert_typed_values_shown(page)
    expect(page.get_by_text(DRAFT)).to_have_count(0)  # the server showed the values: nothing to offer
    submit(page, "Simpan pengurus")
    assert list(Pengurus.objects.values_list("name", "phone")) == [("Sri Lestari", "+6281234567890")]


def test_a_form_whose_csrf_token_changed_comes_back_filled(pengurus_form):
    page, path = pengurus_form
    page.context.add_cookies([{"name": "csrftoken", "value": "x" * 32, "domain": "127.0.0.1", "path": "/"}])

    submit(page, "Simpan pengurus")

    assert page.url.endswith(path)
    expect(page.get_by_text(RESTORED)).to_be_visible()
    assert_typed_values_shown(page)
    assert Pengurus.objects.count() == 0
    submit(page, "Simpan pengurus")
    assert Pengurus.objects.get().name == "Sri Lestari"


def test_a_draft_is_offered_again_after_a_reload_and_restored(pengurus_form):
    page, _path = pengurus_form

    page.reload()
    expect(page.get_by_text(DRAFT)).to_be_visible()
    assert page.input_value("#id_name") == ""
    page.get_by_role("button", name="Pulihkan").click()

    assert_typed_values_shown(page)
    expect(page.get_by_text(DRAFT)).to_have_count(0)
    submit(page, "Simpan pengurus")
    assert Pengurus.objects.get().name == "Sri Lestari"


def test_a_draft_thrown_away_is_not_offered_again(pengurus_form):
    page, _path = pengurus_form

    page.reload()
    page.get_by_role("button", name="Buang").click()
    page.reload()

    expect(page.get_by_text(DRAFT)).to_have_count(0)
    assert (page.input_value("#id_name"), drafts(page)) == ("", [])


def test_a_draft_is_cleared_once_the_form_is_saved(pengurus_form):
    page, path = pengurus_form
    assert len(drafts(page)) == 1

    submit(page, "Simpan pengurus")
    expect(page.get_by_text("Sri Lestari tercatat sebagai Bendahara.")).to_be_visible()
    page.goto(path)

    assert drafts(page) == []
    expect(page.get_by_text(DRAFT)).to_have_count(0)


def test_a_form_sent_back_with_errors_keeps_its_draft_without_offering_it(pengurus_form):
    page, path = pengurus_form
    page.fill("#id_nik", "1234")

    submit(page, "Simpan pengurus")
    expect(page.get_by_text("NIK harus 16 angka")).to_be_visible()
    expect(page.get_by_text(DRAFT)).to_have_count(0)
    page.goto(path)

    expect(page.get_by_text(DRAFT)).to_be_visible()


def test_without_a_connection_the_form_says_so_and_keeps_the_values(pengurus_form):
    page, path = pengurus_form
    page.context.set_offline(True)

    page.get_by_role("button", name="Simpan pengurus").click()

    expect(page.get_by_role("alert")).to_have_text(OFFLINE)
    assert page.url.endswith(path)
    assert_typed_values_shown(page)
    assert Pengurus.objects.count() == 0
    page.context.set_offline(False)
    submit(page, "Simpan pengurus")
    expect(page.get_by_text("Sri Lestari tercatat sebagai Bendahara.")).to_be_visible()
    assert drafts(page) == []


def test_a_connection_lost_while_sending_leaves_the_draft_to_send_again(pengurus_form):
    page, path = pengurus_form

    def lose_the_connection(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route(f"**{path}", lose_the_connection)
    with page.expect_event("requestfailed"):
        page.get_by_role("button", name="Simpan pengurus").click()
    page.unroute(f"**{path}")
    assert Pengurus.objects.count() == 0
    page.goto(path)

    expect(page.get_by_text(DRAFT)).to_be_visible()
    page.get_by_role("button", name="Pulihkan").click()
    assert_typed_values_shown(page)
    submit(page, "Simpan pengurus")
    assert Pengurus.objects.get().name == "Sri Lestari"


def test_signing_out_forgets_the_drafts_on_the_device(pengurus_form):
    page, path = pengurus_form
    assert len(drafts(page)) == 1

    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_label("Kata sandi")).to_be_visible()

    assert drafts(page) == []


def test_the_logout_button_itself_clears_the_drafts_where_the_header_is_ignored(pengurus_form):
    page, path = pengurus_form
    assert len(drafts(page)) == 1

    # The logout form's submit event, without the request: only static/js/drafts.js acts.
    page.evaluate(
        """() => {
            const form = document.querySelector("form[data-forget-drafts]");
            form.addEventListener("submit", (event) => event.preventDefault());
            form.requestSubmit();
        }"""
    )

    assert drafts(page) == []
