"""A field form whose sending cannot be accepted comes back filled, to its owner only (registry/typed_work.py):
sent after the session ended it is shown after logging in again; sent with a changed CSRF token it is shown at
once. Never in an address, never to another person, never after `KEEP_FOR`."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from registry import typed_work
from registry.models import KeptForm, Pengurus
from registry.services.housekeeping import housekeeping_run

TOKEN = "3c2b1a00-0000-4000-8000-000000000001"
MARKER = re.compile(r'<input type="hidden" name="form_owner" value="([^"]+)"')


def opened_form(client: Client, path: str) -> dict:
    """Opens the form at `path` as `client`'s user; the hidden fields it was served with (marker, token)."""
    html = client.get(path).content.decode()
    return {"form_owner": MARKER.search(html).group(1), "form_token": TOKEN}


def session_ends(client: Client) -> None:
    """The session row disappears (expired, or removed by housekeeping); the browser keeps its cookies."""
    client.session.delete()


def test_every_field_form_carries_its_owner_marker_the_same_on_every_opening(client, penyuluh, form_path):
    client.force_login(penyuluh)

    first, second = opened_form(client, form_path), opened_form(client, form_path)

    assert first["form_owner"] == second["form_owner"] == typed_work.owner_marker(penyuluh, form_path)


def test_a_form_sent_after_the_session_ended_comes_back_filled_after_logging_in(client, penyuluh, form_path, typed):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)

    sent = client.post(form_path, typed | hidden)
    client.force_login(penyuluh)
    page = client.get(form_path)
    again = client.get(form_path)

    assert sent.status_code == 302
    assert sent["Location"] == f"/accounts/login/?next={form_path}"
    assert page.context["form"].data.dict() == typed | {"form_token": TOKEN}
    assert 'value="Sri Lestari"' in page.content.decode()
    assert "Isian Anda dipulihkan; periksa lalu kirim." in page.content.decode()
    assert not again.context["form"].is_bound  # given back once
    assert KeptForm.objects.count() == 0


def test_the_login_page_says_the_typing_is_kept(client, penyuluh, form_path, typed):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)

    login_page = client.post(form_path, typed | hidden, follow=True)

    assert "isian formulir Anda disimpan dan ditampilkan kembali" in login_page.content.decode()


def test_the_restored_form_creates_the_record_once_when_sent(client, penyuluh, form_path, typed):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)
    client.post(form_path, typed | hidden)
    client.force_login(penyuluh)
    restored = client.get(form_path).context["form"].data

    client.post(form_path, restored)
    client.post(form_path, restored)

    assert list(Pengurus.objects.values_list("name", flat=True)) == ["Sri Lestari"]


def test_the_values_and_their_key_are_never_in_an_address(client, penyuluh, form_path, typed):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)

    sent = client.post(form_path, typed | hidden, follow=True)
    addresses = [url for url, _status in sent.redirect_chain]
    kept = KeptForm.objects.get()

    assert addresses == [f"/accounts/login/?next={form_path}"]
    assert not any(value in address for value in [*typed.values(), kept.key] for address in addresses)


def test_another_person_logging_in_on_the_same_browser_never_gets_the_values(
    client, penyuluh, colleague, form_path, typed
):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)
    client.post(form_path, typed | hidden)

    client.force_login(colleague)
    page = client.get(form_path)

    assert not page.context["form"].is_bound
    assert "Sri Lestari" not in page.content.decode()
    assert KeptForm.objects.get().user == penyuluh  # still the owner's, until it expires


def test_a_kept_form_is_given_back_only_on_its_own_page(client, penyuluh, wksbm, form_path, typed):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)
    client.post(form_path, typed | hidden)
    client.force_login(penyuluh)

    other_page = client.get(f"/wksbm/{wksbm.pk}/kps/baru/")

    assert not other_page.context["form"].is_bound
    assert KeptForm.objects.count() == 1


@pytest.mark.parametrize(
    "marker",
    [
        None,
        "made-up",
        "owner of another page",
    ],
)
def test_a_form_without_its_own_valid_marker_is_not_kept(client, penyuluh, wksbm, form_path, typed, marker):
    if marker == "owner of another page":
        marker = typed_work.owner_marker(penyuluh, f"/wksbm/{wksbm.pk}/ubah/")
    data = typed | ({"form_owner": marker} if marker else {})

    sent = client.post(form_path, data)

    assert sent.status_code == 302
    assert KeptForm.objects.count() == 0


def test_passwords_tokens_and_files_are_never_kept(client, penyuluh, form_path, typed, tmp_path):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)
    upload = tmp_path / "foto.jpg"
    upload.write_bytes(b"\xff\xd8")
    secrets = {"password": "rahasia", "kata_sandi": "rahasia", "api_token": "abc", "csrfmiddlewaretoken": "x" * 32}

    with upload.open("rb") as file:
        client.post(form_path, typed | hidden | secrets | {"foto": file})

    assert set(KeptForm.objects.get().values) == {*typed, "form_token"}


def test_a_kept_form_is_not_given_back_after_it_expired_and_housekeeping_removes_it(client, penyuluh, form_path, typed):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)
    client.post(form_path, typed | hidden)
    late = timezone.now() - typed_work.KEEP_FOR - datetime.timedelta(minutes=1)
    KeptForm.objects.update(created_at=late)
    client.force_login(penyuluh)

    page = client.get(form_path)
    report = housekeeping_run()

    assert not page.context["form"].is_bound
    assert (report.kept_forms, KeptForm.objects.count()) == (1, 0)


def test_housekeeping_keeps_a_form_that_may_still_be_given_back(client, penyuluh, form_path, typed):
    client.force_login(penyuluh)
    hidden = opened_form(client, form_path)
    session_ends(client)
    client.post(form_path, typed | hidden)

    report = housekeeping_run()

    assert (report.kept_forms, KeptForm.objects.count()) == (0, 1)


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_a_form_sent_with_a_changed_csrf_token_comes_back_filled_at_once(csrf_client, penyuluh, form_path, typed):
    csrf_client.force_login(penyuluh)
    hidden = opened_form(csrf_client, form_path)

    sent = csrf_client.post(form_path, typed | hidden | {"csrfmiddlewaretoken": "x" * 32})
    page = csrf_client.get(form_path)

    assert (sent.status_code, sent["Location"]) == (302, form_path)
    assert page.context["form"].data.dict() == typed | {"form_token": TOKEN}
    assert "Isian Anda dipulihkan; periksa lalu kirim." in page.content.decode()
    assert Pengurus.objects.count() == 0


def test_a_form_of_another_person_refused_for_its_csrf_token_is_not_kept(
    csrf_client, penyuluh, colleague, form_path, typed
):
    csrf_client.force_login(colleague)
    data = typed | {"form_owner": typed_work.owner_marker(penyuluh, form_path), "form_token": TOKEN}

    refused = csrf_client.post(form_path, data)

    assert refused.status_code == 403
    assert "Formulir tidak dapat dikirim" in refused.content.decode()
    assert KeptForm.objects.count() == 0


def test_any_other_post_refused_for_its_csrf_token_gets_the_usual_refusal(csrf_client, penyuluh, form_path, typed):
    csrf_client.force_login(penyuluh)

    refused = csrf_client.post(form_path, typed)

    assert refused.status_code == 403
    assert "Formulir tidak dapat dikirim" in refused.content.decode()
    assert KeptForm.objects.count() == 0
