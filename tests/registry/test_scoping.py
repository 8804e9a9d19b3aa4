"""Area scoping at the queryset level: every scoped model keeps a user's area and nothing else."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.management import CommandError, call_command

from registry.enums import Role
from registry.models import (
    ActivityReport,
    AidDistribution,
    AidPurpose,
    FundCollection,
    FundSource,
    Kps,
    KpsMembership,
    Pengurus,
    UserArea,
    Wilayah,
    Wksbm,
)
from registry.roles import role_group, role_of
from registry.scoping import area_codes, in_area
from tests.factories import ActivityReportFactory, KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory

pytestmark = pytest.mark.usefixtures("diy")

SEMANU_CANDIREJO = "34.03.08.2004"
SEMIN_CANDIREJO = "34.03.12.2006"
SEMANU = "34.03.08"
SLEMAN_DESA = "34.04.01.2001"


def user_with_areas(username, *codes, **extra):
    user = User.objects.create_user(username, **extra)
    for code in codes:
        UserArea.objects.create(user=user, wilayah_id=code)
    return user


@pytest.fixture
def records():
    """One WKSBM with everything hanging off it in each of: Semanu's Candirejo, Semanu (kecamatan-level), Sleman."""
    made = {}
    for code in (SEMANU_CANDIREJO, SEMANU, SLEMAN_DESA):
        wilayah = Wilayah.objects.get(code=code)
        wksbm = WksbmFactory(wilayah=wilayah, name=f"WKSBM {code}")
        PengurusFactory(wksbm=wksbm)
        MembershipFactory(wksbm=wksbm, kps=KpsFactory(wilayah=wilayah))
        report = ActivityReportFactory(wksbm=wksbm)
        FundCollection.objects.create(report=report, source=FundSource.objects.first(), amount=1000)
        AidDistribution.objects.create(report=report, purpose=AidPurpose.objects.first(), amount=500, beneficiaries=2)
        made[code] = wksbm
    return made


def visible_areas(user) -> dict[str, set[str]]:
    """For each scoped model, the wilayah codes of the rows `user` can see."""
    return {
        "wksbm": set(Wksbm.objects.for_user(user).values_list("wilayah_id", flat=True)),
        "pengurus": set(Pengurus.objects.for_user(user).values_list("wksbm__wilayah_id", flat=True)),
        "kps": set(Kps.objects.for_user(user).values_list("wilayah_id", flat=True)),
        "membership": set(KpsMembership.objects.for_user(user).values_list("wksbm__wilayah_id", flat=True)),
        "report": set(ActivityReport.objects.for_user(user).values_list("wksbm__wilayah_id", flat=True)),
        "collection": set(FundCollection.objects.for_user(user).values_list("report__wksbm__wilayah_id", flat=True)),
        "distribution": set(AidDistribution.objects.for_user(user).values_list("report__wksbm__wilayah_id", flat=True)),
    }


def everywhere(*codes) -> dict[str, set[str]]:
    return {model: set(codes) for model in visible_areas(AnonymousUser())}


def test_a_kabupaten_operator_sees_the_kabupaten_and_never_sleman(records):
    operator = user_with_areas("gk", "34.03")

    assert visible_areas(operator) == everywhere(SEMANU_CANDIREJO, SEMANU)


def test_a_desa_penyuluh_sees_the_desa_but_not_the_kecamatan_level_forum(records):
    penyuluh = user_with_areas("desa", SEMANU_CANDIREJO)

    assert visible_areas(penyuluh) == everywhere(SEMANU_CANDIREJO)


def test_a_kecamatan_penyuluh_sees_the_kecamatan_forum_and_its_desa(records):
    penyuluh = user_with_areas("kec", SEMANU)

    assert visible_areas(penyuluh) == everywhere(SEMANU_CANDIREJO, SEMANU)


def test_the_other_candirejo_is_another_area(records):
    penyuluh = user_with_areas("semin", SEMIN_CANDIREJO)

    assert visible_areas(penyuluh) == everywhere()


def test_several_areas_add_up(records):
    user = user_with_areas("two", SEMANU_CANDIREJO, SLEMAN_DESA)

    assert visible_areas(user) == everywhere(SEMANU_CANDIREJO, SLEMAN_DESA)


def test_a_superuser_sees_everything(records):
    admin = User.objects.create_superuser("root")

    assert visible_areas(admin) == everywhere(SEMANU_CANDIREJO, SEMANU, SLEMAN_DESA)


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: AnonymousUser(),
        lambda: User.objects.create_user("no-area", is_staff=True),
        lambda: user_with_areas("inactive", "34", is_active=False),
    ],
    ids=["anonymous", "no area", "inactive"],
)
def test_users_without_a_working_area_see_nothing(records, make_user):
    user = make_user()

    assert (area_codes(user), visible_areas(user)) == ([], everywhere())


def test_wilayah_for_user_keeps_the_area_and_below():
    penyuluh = user_with_areas("kec", SEMANU)

    codes = set(Wilayah.objects.for_user(penyuluh).values_list("code", flat=True))

    assert SEMANU in codes and SEMANU_CANDIREJO in codes
    assert (SEMIN_CANDIREJO in codes, "34.03" in codes, len(codes)) == (False, False, 1 + 5)


def test_in_area_checks_a_single_code_by_prefix():
    user = user_with_areas("kec", SEMANU)

    assert [in_area(user, c) for c in (SEMANU, SEMANU_CANDIREJO, "34.03", SEMIN_CANDIREJO, "34.03.081")] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_scoping_a_list_costs_one_query_for_the_areas(records, django_assert_num_queries):
    operator = user_with_areas("gk", "34.03")

    with django_assert_num_queries(3):
        list(Wksbm.objects.for_user(operator))
        list(Kps.objects.for_user(operator))


def create_petugas(*args, password="Gunungkidul-2025!", monkeypatch=None):
    out = io.StringIO()
    monkeypatch.setenv("WKSBM_PASSWORD", password)
    call_command("create_petugas", *args, stdout=out)
    return out.getvalue()


def test_create_petugas_makes_a_user_with_role_and_areas(monkeypatch):
    output = create_petugas(
        "sri", "--role", "penyuluh", "--wilayah", SEMANU, "--wilayah", SEMIN_CANDIREJO, monkeypatch=monkeypatch
    )

    user = User.objects.get(username="sri")
    assert output == f"Petugas sri dibuat: Penyuluh, wilayah {SEMANU}, {SEMIN_CANDIREJO}.\n"
    assert (role_of(user), sorted(area_codes(user)), user.check_password("Gunungkidul-2025!")) == (
        Role.PENYULUH,
        [SEMANU, SEMIN_CANDIREJO],
        True,
    )


def test_create_petugas_again_sets_the_new_role_and_areas(monkeypatch):
    create_petugas("sri", "--role", "penyuluh", "--wilayah", SEMANU, monkeypatch=monkeypatch)

    create_petugas("sri", "--role", "kabupaten", "--wilayah", "34.03", monkeypatch=monkeypatch)

    user = User.objects.get(username="sri")
    assert (role_of(user), area_codes(user), user.groups.count()) == (Role.KABUPATEN, ["34.03"], 1)


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--role", "penyuluh", "--wilayah", "99.99"], "Gunungkidul-2025!", "Wilayah tidak dikenal: 99.99."),
        (["--role", "penyuluh", "--wilayah", SEMANU], "12345678", "Kata sandi ini terlalu umum."),
        (["--role", "penyuluh", "--wilayah", SEMANU], "", "Petugas baru membutuhkan kata sandi."),
    ],
)
def test_create_petugas_refuses_bad_input_and_creates_nothing(monkeypatch, args, password, message):
    with pytest.raises(CommandError) as refused:
        create_petugas("sri", *args, password=password, monkeypatch=monkeypatch)

    assert message in str(refused.value)
    assert User.objects.filter(username="sri").exists() is False


def test_role_groups_hold_what_each_role_may_do():
    def codenames(role):
        return set(role_group(role).permissions.values_list("codename", flat=True))

    penyuluh, pimpinan = codenames(Role.PENYULUH), codenames(Role.PIMPINAN)
    kabupaten, provinsi = codenames(Role.KABUPATEN), codenames(Role.PROVINSI)
    assert {"add_wksbm", "change_wksbm", "delete_pengurus"} <= penyuluh
    assert {"delete_wksbm", "delete_kps", "add_user"} & penyuluh == set()
    assert {p.split("_", 1)[0] for p in pimpinan} == {"view"}
    assert ("delete_wksbm" in kabupaten, "add_user" in kabupaten, "change_kpskind" in kabupaten) == (True, False, False)
    assert {"add_user", "change_userarea", "view_kpskind", "delete_wksbm"} <= provinsi
    # The national reference lists are changed by superusers alone.
    assert {"add_kpskind", "change_kpskind", "delete_pengurusrole"} & provinsi == set()
