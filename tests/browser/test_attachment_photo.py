""" "Tambah foto" on a phone, in a real browser at 360×740: with JavaScript a camera's 3–4 MB photo is shrunk in the
browser before it is sent (static/js/photo_shrink.js), so the request is a few hundred KB; without JavaScript the
same photo is sent whole (Playwright does not report a body that large) and the server shrinks it all the same."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.signals import request_started
from PIL import Image

from registry.enums import Role
from registry.models import Attachment, AttachmentKind, UserArea
from registry.roles import role_group
from tests.factories import WksbmFactory

expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

PASSWORD = "sandi-uji-lapangan"
SEMANU, SEMANU_CANDIREJO = "34.03.08", "34.03.08.2004"
SMALL = 600 * 1024


def camera_photo(tmp_path) -> tuple:
    """A 4000×3000 JPEG of 3–4 MB, as a phone's camera writes it (a gradient with soft grain), saved in `tmp_path`."""
    width, height = 4000, 3000
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    grain = Image.effect_noise((width // 8, height // 8), 80).resize((width, height)).convert("RGB")
    out = io.BytesIO()
    Image.blend(gradient, grain, 0.5).save(out, "JPEG", quality=97)
    path = tmp_path / "IMG_20250617_101500.jpg"
    path.write_bytes(out.getvalue())
    return path, len(out.getvalue())


def signed_in_phone(phone, live_server, *, javascript: bool):
    user = User.objects.create_user("penyuluh", password=PASSWORD)
    user.groups.add(role_group(Role.PENYULUH))
    UserArea.objects.create(user=user, wilayah_id=SEMANU)
    page = phone() if javascript else no_script_phone(page_context=phone(), live_server=live_server)
    page.goto("/accounts/login/")
    page.fill("#id_username", "penyuluh")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    return page


def no_script_phone(*, page_context, live_server):
    """A phone page with JavaScript switched off, in the browser of `page_context` (a phone page)."""
    browser = page_context.context.browser
    context = browser.new_context(
        viewport=page_context.viewport_size, base_url=live_server.url, locale="id-ID", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def add_photo(page, wksbm, photo_path) -> int:
    """Opens the WKSBM's page, taps "Tambah foto", types a title, chooses the photo and saves; returns the size of
    the request body that carried it."""
    bodies = []

    def note_body(sender, environ, **kwargs):
        if environ.get("REQUEST_METHOD") == "POST" and "/lampiran/tambah/" in environ.get("PATH_INFO", ""):
            bodies.append(int(environ.get("CONTENT_LENGTH") or 0))

    # The size the live server received, as the browser sent it.
    request_started.connect(note_body, weak=False, dispatch_uid="attachment-photo-body")
    page.goto(f"/wksbm/{wksbm.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Tambah foto").first.click()
    expect(page.locator("#id_kind")).to_have_value(str(AttachmentKind.objects.get(slug="foto-kegiatan").pk))
    page.fill("#id_title", "Rapat pengurus Juni")
    page.set_input_files("#id_file", str(photo_path))
    expect(page.locator("form.stacked[data-shrinking]")).to_have_count(0)
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan foto").click()
    expect(page.locator("#lampiran")).to_contain_text("Rapat pengurus Juni")
    request_started.disconnect(dispatch_uid="attachment-photo-body")
    return bodies[-1]


def test_a_camera_photo_is_shrunk_on_the_phone_before_it_is_sent(phone, live_server, tmp_path):
    wksbm = WksbmFactory(name="WKSBM Foto", wilayah_id=SEMANU_CANDIREJO)
    photo_path, sent_size = camera_photo(tmp_path)
    page = signed_in_phone(phone, live_server, javascript=True)

    body = add_photo(page, wksbm, photo_path)

    stored = Attachment.objects.get()
    assert 3 * 1024 * 1024 <= sent_size <= 5 * 1024 * 1024
    assert 100 * 1024 < body < SMALL, f"{body} bytes sent"
    assert (stored.size < SMALL, stored.original_name) == (True, "IMG_20250617_101500.jpg")
    expect(page.locator(f'img[src="/lampiran/{stored.pk}/kecil/"]').first).to_be_visible()


def test_without_javascript_the_photo_is_sent_whole_and_stored_small(phone, live_server, tmp_path):
    wksbm = WksbmFactory(name="WKSBM Foto", wilayah_id=SEMANU_CANDIREJO)
    photo_path, sent_size = camera_photo(tmp_path)
    page = signed_in_phone(phone, live_server, javascript=False)

    body = add_photo(page, wksbm, photo_path)

    stored = Attachment.objects.get()
    assert body > sent_size
    assert (stored.size < SMALL, stored.original_name) == (True, "IMG_20250617_101500.jpg")
