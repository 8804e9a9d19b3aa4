"""Admin provinsi manages petugas of their own province: role and areas, no escalation."""

import pytest
from django.contrib.auth.models import Group, User

from registry.enums import Role
from registry.models import UserArea
from registry.roles import role_of
from registry.services.petugas import petugas_save

pytestmark = pytest.mark.usefixtures("diy")
PASSWORD = "Gunungkidul-2025!"
USERS = "/admin/auth/user/"


def petugas(username, role, *areas):
    return petugas_save(by=None, username=username, role=role, area_codes=list(areas), password=PASSWORD)[0]


@pytest.fixture
def provinsi_client(client):
    client.force_login(petugas("prov", Role.PROVINSI, "34.03"))
    return client


def test_admin_provinsi_lists_only_users_of_their_area(provinsi_client):
    petugas("gk", Role.KABUPATEN, "34.03")
    petugas("sleman", Role.KABUPATEN, "34.04")
    User.objects.create_superuser("root")

    response = provinsi_client.get(USERS)

    assert sorted(u.username for u in response.context["cl"].result_list) == ["gk", "prov"]


def test_admin_provinsi_creates_a_penyuluh_with_a_desa_area(provinsi_client):
    penyuluh_group = Group.objects.get(name=str(Role.PENYULUH.label))

    response = provinsi_client.post(
        f"{USERS}add/",
        {
            "username": "sri",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "groups": [penyuluh_group.pk],
            "areas-TOTAL_FORMS": "1",
            "areas-INITIAL_FORMS": "0",
            "areas-0-wilayah": "34.03.08.2004",
        },
    )

    sri = User.objects.get(username="sri")
    assert response.status_code == 302
    assert (role_of(sri), list(sri.areas.values_list("wilayah_id", flat=True)), sri.is_staff) == (
        Role.PENYULUH,
        ["34.03.08.2004"],
        True,
    )


def test_an_area_outside_the_editors_own_is_refused(provinsi_client):
    response = provinsi_client.post(
        f"{USERS}add/",
        {
            "username": "luar",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "areas-TOTAL_FORMS": "1",
            "areas-INITIAL_FORMS": "0",
            "areas-0-wilayah": "34.04.07.2003",
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(username="luar").exists() is False


def test_no_escalation_to_superuser_or_other_groups(provinsi_client):
    other = Group.objects.create(name="Lain")
    target = petugas("gk", Role.KABUPATEN, "34.03")
    form = provinsi_client.get(f"{USERS}{target.pk}/change/")

    fields = set(form.context["adminform"].form.fields)
    choices = {name for _pk, name in form.context["adminform"].form.fields["groups"].choices}
    assert ("is_superuser" in fields, "user_permissions" in fields) == (False, False)
    assert other.name not in choices
    assert choices == {str(role.label) for role in Role}


def test_users_outside_the_area_and_superusers_answer_404(provinsi_client):
    sleman = petugas("sleman", Role.KABUPATEN, "34.04")
    root = User.objects.create_superuser("root")

    responses = [provinsi_client.get(f"{USERS}{user.pk}/change/").status_code for user in (sleman, root)]

    assert responses == [404, 404]


def test_a_kabupaten_operator_cannot_manage_users(client):
    client.force_login(petugas("gk", Role.KABUPATEN, "34.03"))

    assert client.get(USERS).status_code == 403


def test_area_autocomplete_offers_only_the_editors_areas(provinsi_client):
    response = provinsi_client.get(
        "/admin/autocomplete/",
        {"app_label": "registry", "model_name": "userarea", "field_name": "wilayah", "term": "Candirejo"},
    )

    assert [item["id"] for item in response.json()["results"]] == ["34.03.08.2004", "34.03.12.2006"]
    assert UserArea.objects.filter(wilayah__code__startswith="34.04").count() == 0
