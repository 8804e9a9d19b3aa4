"""The API's core: tokens, ETag/If-Match, idempotent creation, ?fields=, error messages."""

import datetime
import uuid

from django.urls import reverse
from rest_framework.test import APIClient

from registry.enums import Role
from registry.models import ApiScope, ApiToken, IdempotentRequest, Wksbm
from tests.api.conftest import make_user, token_client


def detail(name, pk):
    return reverse(f"api:{name}-detail", args=[pk])


def test_a_wksbm_reads_with_its_etag_and_nested_board(world, api_as):
    client = api_as(Role.KABUPATEN)
    wksbm = world["inside"]["wksbm"]

    response = client.get(detail("wksbm", wksbm.pk))

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    body = response.json()
    assert (body["name"], body["wilayah"], body["board_complete"]) == (wksbm.name, "34.03.08.2004", False)
    assert [p["name"] for p in body["pengurus"]] == ["Pengurus Candirejo"]
    assert [m["kps_name"] for m in body["members"]] == ["KPS Candirejo"]


def test_outside_the_area_is_404(world, api_as):
    client = api_as(Role.KABUPATEN)
    assert client.get(detail("wksbm", world["outside"]["wksbm"].pk)).status_code == 404


def test_an_update_needs_if_match_and_a_stale_one_is_refused(world, api_as):
    client = api_as(Role.KABUPATEN)
    wksbm = world["inside"]["wksbm"]
    url = detail("wksbm", wksbm.pk)
    etag = client.get(url)["ETag"]

    missing = client.patch(url, {"notes": "tanpa If-Match"}, format="json")
    first = client.patch(url, {"notes": "pertama"}, format="json", HTTP_IF_MATCH=etag)
    stale = client.patch(url, {"notes": "kedua"}, format="json", HTTP_IF_MATCH=etag)

    assert (missing.status_code, first.status_code, stale.status_code) == (428, 200, 412)
    assert first["ETag"] != etag
    assert Wksbm.objects.get(pk=wksbm.pk).notes == "pertama"


def test_a_create_retried_with_the_same_key_creates_once(world, api_as):
    client = api_as(Role.KABUPATEN)
    body = {"wilayah": "34.03.08.2004", "name": "WKSBM Baru", "formed_on": "2020-01-02"}
    key = str(uuid.uuid4())

    first = client.post(reverse("api:wksbm-list"), body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(reverse("api:wksbm-list"), body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    other = client.post(reverse("api:wksbm-list"), {**body, "name": "Lain"}, format="json", HTTP_IDEMPOTENCY_KEY=key)

    assert (first.status_code, again.status_code, other.status_code) == (201, 201, 422)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Wksbm.objects.filter(name="WKSBM Baru").count() == 1
    assert IdempotentRequest.objects.count() == 1


def test_a_refused_create_keeps_no_key_and_answers_per_field_in_indonesian(world, api_as):
    client = api_as(Role.KABUPATEN)
    key = "kunci-1"
    body = {"wilayah": "34.03.08.2004", "name": "WKSBM Candirejo"}  # the name is taken there

    refused = client.post(reverse("api:wksbm-list"), body, format="json", HTTP_IDEMPOTENCY_KEY=key)

    assert refused.status_code == 400
    assert refused.json() == {"name": ["Sudah ada WKSBM dengan nama ini di wilayah yang sama."]}
    assert not IdempotentRequest.objects.exists()


def test_a_wilayah_outside_the_area_is_refused_on_create(world, api_as):
    client = api_as(Role.KABUPATEN)
    refused = client.post(reverse("api:wksbm-list"), {"wilayah": "34.04.01.2001", "name": "X"}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["wilayah"]


def test_fields_trims_the_answer(world, api_as):
    client = api_as(Role.KABUPATEN)
    response = client.get(reverse("api:wksbm-list"), {"fields": "id,name"})
    assert response.json()["results"] == [{"id": world["inside"]["wksbm"].pk, "name": "WKSBM Candirejo"}]


def test_a_read_only_token_reads_but_never_writes(world, api_as):
    client = api_as(Role.KABUPATEN, scope=ApiScope.READ)
    wksbm = world["inside"]["wksbm"]
    etag = client.get(detail("wksbm", wksbm.pk))["ETag"]
    refused = client.patch(detail("wksbm", wksbm.pk), {"notes": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert refused.status_code == 403
    assert "hanya untuk membaca" in refused.json()["detail"]


def test_an_expired_or_revoked_token_is_refused(world):
    user = make_user(Role.KABUPATEN)
    client = token_client(user)
    assert client.get(reverse("api:wksbm-list")).status_code == 200

    ApiToken.objects.filter(user=user).update(expiry=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    expired = client.get(reverse("api:wksbm-list"))
    assert expired.status_code == 401
    assert "kedaluwarsa" in expired.json()["detail"]


def test_a_token_revoked_on_the_token_page_is_refused(world, client):
    user = make_user(Role.KABUPATEN)
    api = token_client(user)
    token = ApiToken.objects.get(user=user)
    client.force_login(user)

    revoked = client.post(reverse("api_tokens"), {"cabut": token.token_key})

    assert revoked.status_code == 302
    assert api.get(reverse("api:wksbm-list")).status_code == 401


def test_the_token_page_shows_a_new_token_once_and_revokes_only_ones_own(world, client):
    user, other = make_user(Role.PENYULUH), make_user(Role.PENYULUH, username="lain")
    token_client(other)
    client.force_login(user)

    made = client.post(reverse("api_tokens"), {"name": "Dasbor kantor", "scope": ApiScope.READ, "days": "90"})
    page = client.get(reverse("api_tokens"))
    foreign = client.post(reverse("api_tokens"), {"cabut": ApiToken.objects.get(user=other).token_key})

    assert made.status_code == 200
    shown = made.context["made"]
    assert shown in made.content.decode()
    assert shown not in page.content.decode()
    assert "Dasbor kantor" in page.content.decode()
    assert foreign.status_code == 404
    assert ApiToken.objects.filter(user=other).count() == 1
    assert APIClient(HTTP_AUTHORIZATION=f"Token {shown}").get(reverse("api:wksbm-list")).status_code == 200


def test_no_token_is_401(db):
    assert APIClient().get(reverse("api:wksbm-list")).status_code == 401
