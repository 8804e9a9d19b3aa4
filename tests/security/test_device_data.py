"""Signing out leaves nothing of the registry on the device: the logout answer tells the browser to empty the
site's storage (the drafts of field forms), from the field pages and from the admin alike
(wksbm/device_data.py; the browser's side is in tests/browser/test_typed_work.py)."""

import pytest
from django.urls import reverse

from registry.enums import Role
from registry.roles import works_in_admin

# Every role signs out on the field pages; those who work in the admin also there.
LOGOUTS = [(role, "logout") for role in Role] + [(role, "admin:logout") for role in Role if works_in_admin(role)]


@pytest.mark.parametrize(("role", "logout"), LOGOUTS, ids=[f"{role.value}-{logout}" for role, logout in LOGOUTS])
def test_signing_out_clears_the_sites_storage(client, petugas, role, logout):
    user = petugas("pengguna", role, "34.03")
    client.force_login(user)

    response = client.post(reverse(logout))

    assert response["Clear-Site-Data"] == '"storage"'
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/password_change/", "/admin/"])
def test_no_other_answer_clears_anything(client, petugas, path):
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03"))

    assert "Clear-Site-Data" not in client.get(path)


def test_an_anonymous_logout_clears_nothing(client, db):
    """Nobody signed out: no one's data to forget, and no header telling otherwise."""
    response = client.post(reverse("logout"))

    assert "Clear-Site-Data" not in response
