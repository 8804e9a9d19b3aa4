"""Admin provinsi manages petugas of their own province on one page: profile (full name, NIP, jabatan, phone),
one of the four roles and areas, no escalation, no raw permission list and no English."""

import pytest
from django.contrib.auth.models import Group, User

from registry.enums import Role
from registry.models import PetugasProfile, UserArea, display_name
from registry.roles import role_of
from registry.services.petugas import petugas_save
from tests.admin_forms import form_data

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
    response = provinsi_client.post(
        f"{USERS}add/",
        {
            "username": "sri",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": "Sri Lestari, S.Sos.",
            "nip": "19850317 201001 2 004",
            "jabatan": "Penyuluh Sosial Ahli Pertama",
            "phone": "0812-3456-7890",
            "role": Role.PENYULUH.value,
            "is_active": "on",
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
        False,  # the penyuluh works on the field pages only
    )
    profile = sri.petugas_profile
    assert (profile.full_name, profile.nip, profile.jabatan, profile.phone) == (
        "Sri Lestari, S.Sos.",
        "198503172010012004",
        "Penyuluh Sosial Ahli Pertama",
        "+6281234567890",
    )
    assert display_name(sri) == "Sri Lestari, S.Sos."


def test_an_area_outside_the_editors_own_is_refused(provinsi_client):
    response = provinsi_client.post(
        f"{USERS}add/",
        {
            "username": "luar",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": Role.PENYULUH.value,
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
    choices = {str(label) for value, label in form.context["adminform"].form.fields["role"].choices if value}
    assert fields & {"is_superuser", "user_permissions", "groups", "is_staff"} == set()
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


ENGLISH = ("Permissions", "Groups", "Staff status", "Superuser", "Personal info", "Important dates", "First name")


def test_one_page_holds_the_profile_the_role_the_areas_and_active_in_indonesian(provinsi_client):
    target = petugas("gk", Role.KABUPATEN, "34.03")

    page = provinsi_client.get(f"{USERS}{target.pk}/change/")

    html = page.content.decode()
    fields = list(page.context["adminform"].form.fields)
    assert [f for f in fields if f not in ("password", "version_stamp")] == [
        "username",
        "full_name",
        "nip",
        "jabatan",
        "phone",
        "email",
        "role",
        "is_active",
    ]
    assert page.context["adminform"].form.initial["role"] == Role.KABUPATEN
    assert 'name="areas-0-wilayah"' in html
    assert [word for word in ENGLISH if word in html] == []


def test_the_profile_and_the_role_are_changed_on_the_users_page(provinsi_client):
    target = petugas("gk", Role.KABUPATEN, "34.03")
    url = f"{USERS}{target.pk}/change/"
    data = form_data(provinsi_client.get(url))
    data.update(full_name="Budi  Santoso", nip="197001011995031001", jabatan="Kepala Seksi", phone="0274 391234")
    data["role"] = Role.PIMPINAN.value

    response = provinsi_client.post(url, data)

    assert response.status_code == 302
    profile = PetugasProfile.objects.get(user=target)
    assert (profile.full_name, profile.nip, profile.jabatan, profile.phone) == (
        "Budi Santoso",
        "197001011995031001",
        "Kepala Seksi",
        "+62274391234",
    )
    assert role_of(target) == Role.PIMPINAN
    assert target.groups.count() == 1
    again = provinsi_client.get(url)
    assert again.context["adminform"].form.initial["phone"] == "(0274) 391234"


def test_saving_the_users_page_unchanged_writes_no_profile_history(provinsi_client):
    target = petugas("gk", Role.KABUPATEN, "34.03")
    url = f"{USERS}{target.pk}/change/"
    data = {**form_data(provinsi_client.get(url)), "full_name": "Budi Santoso", "phone": "0274 391234"}
    provinsi_client.post(url, data)
    written = PetugasProfile.history.count()

    again = provinsi_client.post(url, {**form_data(provinsi_client.get(url)), "phone": "+62 274 391234"})

    assert (again.status_code, written, PetugasProfile.history.count()) == (302, 1, 1)


@pytest.mark.parametrize("nip", ["12345", "19701301199503100X", "197001011995033001", "197001011960031001"])
def test_an_impossible_nip_is_refused_on_its_field(provinsi_client, nip):
    target = petugas("gk", Role.KABUPATEN, "34.03")
    url = f"{USERS}{target.pk}/change/"
    data = {**form_data(provinsi_client.get(url)), "nip": nip}

    response = provinsi_client.post(url, data)

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["nip"]
    assert not PetugasProfile.objects.filter(user=target).exists()


def test_the_list_shows_full_names_roles_and_area_names(provinsi_client):
    gk = petugas("gk", Role.KABUPATEN, "34.03", "34.03.08")
    PetugasProfile.objects.create(user=gk, full_name="Budi Santoso")

    response = provinsi_client.get(USERS, {"peran": Role.KABUPATEN.value})

    html = response.content.decode()
    assert [u.username for u in response.context["cl"].result_list] == ["gk"]
    for shown in ("Budi Santoso", str(Role.KABUPATEN.label), "Kabupaten Gunungkidul, Kapanewon Semanu"):
        assert shown in html, shown
