"""The API's access matrix, generated from its router: every endpoint × role × inside/outside the records' area ×
method (list, detail, create, change, delete, each extra action: a change by POST, a download by GET). A new
endpoint joins by being registered; its record for the world must be named in `record_of` (the test fails naming
it otherwise).

Each cell is the web's rule: 404 outside the area (for a scoped list), 403 without the permission, and otherwise
the request passes the checks: a write without body is refused for its content (400) or without If-Match (428),
so nothing is ever written. The world is unchanged at the end.
"""

import pytest
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from registry.api.routes import router
from registry.enums import Role
from registry.services.wilayah_load import load_wilayah
from tests.api.conftest import OTHER_AREA, RECORDS_AREA, make_user, records_in, token_client
from tests.conftest import diy_source_rows
from tests.test_access_matrix import CELLS

ROLES = [(role, where) for role in Role for where in ("inside", "outside")]


@pytest.fixture(scope="module")
def matrix_media(tmp_path_factory):
    """The folder of the module's world's files (its attachment's photo), for all the module's tests."""
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture
def media_root(settings, matrix_media):
    """Every test of the module reads the files its world stored once (instead of a folder of its own)."""
    settings.MEDIA_ROOT = matrix_media
    return matrix_media


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, matrix_media) -> dict:
    """The API tests' world (`tests.api.conftest.world`) and a user of every role inside and outside with a token
    client, made once for the module in a transaction rolled back after its last test: each test runs in a
    savepoint inside it (Django's `setUpTestData`), so the DIY wilayah, the records and the users (their password
    hashed at the test hasher's cost) are paid once, not once per role."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(MEDIA_ROOT=matrix_media):
        load_wilayah(source=diy_source_rows(), scope=["34"])
        world = {"inside": records_in(RECORDS_AREA, "Candirejo"), "outside": records_in(OTHER_AREA, "Sleman")}
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            users = {(role, where): make_user(role, where) for role, where in ROLES}
        clients = {key: token_client(user) for key, user in users.items()}
        yield {"world": world, "users": users, "clients": clients}
        transaction.set_rollback(True)


def record_of(basename: str, records: dict):
    """The world's record an endpoint is checked with: the registry's records by name, a reference list's first
    entry, or an extension's (`tests.api.conftest.records_in` holds them)."""
    if basename in records:
        return records[basename]
    viewset = {b: v for _p, v, b in router.registry}[basename]
    if not viewset.scoped_by_area:
        return viewset.queryset.model.objects.first()
    raise LookupError(f"the API matrix has no record for the endpoint {basename!r}: add it to records_in")


def perms_of(viewset, action: str) -> tuple[str, ...]:
    named = viewset.permissions_by_action.get(action)
    if named:
        return tuple(named)
    verb = {"create": "add", "partial_update": "change", "destroy": "delete", "list": "view"}[action]
    meta = viewset.queryset.model._meta
    return (f"{meta.app_label}.{verb}_{meta.model_name}",)


def supports(viewset, method: str, action: str) -> bool:
    return method in viewset.http_method_names and callable(getattr(viewset, action, None))


def check(response, expected: int, cell: str) -> None:
    CELLS["count"] += 1
    assert response.status_code == expected, f"{cell}: {response.status_code} instead of {expected}: {response.content}"


def listed_keys(client, first_page, key: str) -> set:
    """Every record key of the list whose `first_page` was answered, following its pages."""
    keys, page = set(), first_page
    while True:
        body = page.json()
        keys |= {row[key] for row in body["results"]}
        if not body.get("next"):
            return keys
        page = client.get(body["next"])


def world_state(world) -> dict:
    state = {}
    for where, records in world.items():
        for name, obj in records.items():
            fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
            state[f"{where}-{name}"] = model_to_dict(fresh) if fresh else None
            state[f"count-{name}"] = type(obj)._default_manager.count()
    return state


@pytest.mark.parametrize(("role", "where"), ROLES, ids=[f"{r.value}-{w}" for r, w in ROLES])
def test_every_endpoint_respects_role_and_area(matrix, db, role, where):
    world, user, client = matrix["world"], matrix["users"][role, where], matrix["clients"][role, where]
    inside = where == "inside"
    before = world_state(world)

    for _prefix, viewset, basename in router.registry:
        obj = record_of(basename, world["inside"])
        in_reach = inside or not viewset.scoped_by_area
        can = {action: user.has_perms(perms_of(viewset, action)) for action in ("list", "create", "partial_update")}
        list_url = reverse(f"api:{basename}-list")
        url = reverse(f"api:{basename}-detail", args=[obj.pk])
        cell = f"{basename} {role.value}-{where}"

        listed = client.get(list_url, {"page_size": 500})
        check(listed, 200 if can["list"] else 403, f"{cell} list")
        if can["list"]:
            key = obj._meta.pk.name
            CELLS["count"] += 1
            assert (obj.pk in listed_keys(client, listed, key)) is in_reach, f"{cell} listed"
        refused = 404 if not in_reach else 403
        check(client.get(url), 200 if in_reach and can["list"] else refused, f"{cell} detail")

        if supports(viewset, "post", "create"):
            check(client.post(list_url, {}, format="json"), 400 if can["create"] else 403, f"{cell} create")
        else:
            check(client.post(list_url, {}, format="json"), 405, f"{cell} create")
        if supports(viewset, "patch", "partial_update"):
            allowed = in_reach and can["partial_update"]
            check(client.patch(url, {}, format="json"), 428 if allowed else refused, f"{cell} change")
        else:
            check(client.patch(url, {}, format="json"), 405, f"{cell} change")
        if supports(viewset, "delete", "destroy"):
            allowed = in_reach and user.has_perms(perms_of(viewset, "destroy"))
            check(client.delete(url), 428 if allowed else refused, f"{cell} delete")
        else:
            check(client.delete(url), 405, f"{cell} delete")
        for extra in viewset.get_extra_actions():
            action_url = reverse(f"api:{basename}-{extra.url_name}", args=[obj.pk])
            allowed = in_reach and user.has_perms(extra.kwargs["required_permissions"])
            if "get" in extra.mapping:  # a read (a file download): answered whole
                check(client.get(action_url), 200 if allowed else refused, f"{cell} {extra.url_name}")
                continue
            check(client.post(action_url, {}, format="json"), 428 if allowed else refused, f"{cell} {extra.url_name}")

    assert world_state(world) == before


def test_every_endpoint_asks_the_anonymous_for_a_token(matrix, db):
    world, client = matrix["world"], APIClient()
    for _prefix, _viewset, basename in router.registry:
        check(client.get(reverse(f"api:{basename}-list")), 401, f"{basename} anonim")
        obj = record_of(basename, world["inside"])
        check(client.get(reverse(f"api:{basename}-detail", args=[obj.pk])), 401, f"{basename} anonim detail")
