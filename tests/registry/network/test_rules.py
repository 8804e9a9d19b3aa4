"""Every rule of the network, with its Indonesian message, and who sees which mitra, tie and forum."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.enums import Role
from registry.models import (
    AidDistribution,
    AidPurpose,
    ForumAttendance,
    ForumKomunikasi,
    ForumMember,
    Jejaring,
    JejaringKind,
    Mitra,
    MitraKind,
    Wilayah,
)
from registry.network import services
from registry.network.rules import periods_overlap
from tests.factories import ActivityReportFactory, WksbmFactory
from tests.registry.network.conftest import DIY, GUNUNGKIDUL, SEMANU, SEMANU_CANDIREJO, SEMIN, SEMIN_CANDIREJO, SLEMAN
from tests.registry.network.factories import (
    ForumFactory,
    ForumMeetingFactory,
    ForumMemberFactory,
    JejaringFactory,
    MitraFactory,
)

pytestmark = pytest.mark.usefixtures("diy")

SLEMAN_DESA = "34.04.01.2001"
START = datetime.date(2020, 1, 1)


def messages(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


def place(code):
    return Wilayah.objects.get(code=code)


def kind(slug="kemitraan-dana"):
    return JejaringKind.objects.get(slug=slug)


# --- Ties ---------------------------------------------------------------------------------------------------------


def test_a_tie_ends_after_it_starts(operator):
    with pytest.raises(ValidationError) as refused:
        services.tie_create(
            by=operator,
            wksbm=WksbmFactory(),
            mitra=MitraFactory(),
            kind=kind(),
            started_on=datetime.date(2024, 3, 1),
            ended_on=datetime.date(2024, 3, 1),
        )

    assert messages(refused.value) == ["Tanggal berakhir harus sesudah tanggal mulai."]


def test_no_tie_of_a_wksbm_with_itself(operator):
    wksbm = WksbmFactory()

    with pytest.raises(ValidationError) as refused:
        services.tie_create(by=operator, wksbm=wksbm, partner_wksbm=wksbm, kind=kind(), started_on=START)

    assert "WKSBM tidak dapat berjejaring dengan dirinya sendiri." in messages(refused.value)
    assert Jejaring.objects.count() == 0


@pytest.mark.parametrize("both", [True, False])
def test_a_tie_has_exactly_one_other_end(operator, both):
    ends = {"mitra": MitraFactory(), "partner_wksbm": WksbmFactory()} if both else {}

    with pytest.raises(ValidationError) as refused:
        services.tie_create(by=operator, wksbm=WksbmFactory(), kind=kind(), started_on=START, **ends)

    assert messages(refused.value) == ["Pilih satu mitra atau satu WKSBM lain sebagai pihak jejaring."]


days = st.integers(min_value=0, max_value=60)
lengths = st.one_of(st.none(), st.integers(min_value=1, max_value=60))


def period(offset, length):
    start = START + datetime.timedelta(days=offset)
    return start, None if length is None else start + datetime.timedelta(days=length)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.tuples(days, lengths),
    second=st.tuples(days, lengths),
    with_wksbm=st.booleans(),
    reverse=st.booleans(),
)
def test_one_active_tie_of_a_kind_between_the_same_two_ends(operator, first, second, with_wksbm, reverse):
    wksbm, other = WksbmFactory(), WksbmFactory() if with_wksbm else MitraFactory()
    (start_a, end_a), (start_b, end_b) = period(*first), period(*second)
    ends = {"partner_wksbm": other} if with_wksbm else {"mitra": other}
    services.tie_create(by=operator, wksbm=wksbm, kind=kind(), started_on=start_a, ended_on=end_a, **ends)
    second_ends = {"wksbm": other, "partner_wksbm": wksbm} if with_wksbm and reverse else {"wksbm": wksbm, **ends}

    try:
        services.tie_create(by=operator, kind=kind(), started_on=start_b, ended_on=end_b, **second_ends)
        accepted, said = True, []
    except ValidationError as error:
        accepted, said = False, messages(error)

    assert accepted == (not periods_overlap(start_a, end_a, start_b, end_b))
    if not accepted:
        assert said == [f"Sudah ada jejaring Kemitraan dana yang aktif antara keduanya sejak {start_a:%d/%m/%Y}."]
    Jejaring.objects.all().delete()


def test_another_kind_between_the_same_ends_is_allowed(operator):
    tie = JejaringFactory()

    services.tie_create(by=operator, wksbm=tie.wksbm, mitra=tie.mitra, kind=kind("layanan-rujukan"), started_on=START)

    assert Jejaring.objects.of_wksbm(tie.wksbm).count() == 2


def test_a_tie_between_two_wksbm_shows_on_both():
    first, second = WksbmFactory(), WksbmFactory()
    tie = JejaringFactory(wksbm=second, mitra=None, partner_wksbm=first)

    assert (list(Jejaring.objects.of_wksbm(first)), list(Jejaring.objects.of_wksbm(second))) == ([tie], [tie])
    assert (tie.other_end(first), tie.other_end(second)) == (second, first)


# --- Mitra --------------------------------------------------------------------------------------------------------


def test_a_mitra_is_seated_at_or_below_its_level(operator):
    with pytest.raises(ValidationError) as refused:
        services.mitra_create(
            by=operator,
            name="Baznas",
            kind=MitraKind.objects.get(slug="baznas-zakat"),
            level="kecamatan",
            wilayah=place(GUNUNGKIDUL),
        )

    assert messages(refused.value) == ["Mitra tingkat kecamatan berkedudukan di kecamatan itu atau di bawahnya."]


@pytest.mark.parametrize("typed", ["baznas gunungkidul", "  BAZNAS   Gunungkidul", "Baznas Gunung kidul"])
def test_a_mitra_name_is_unique_per_wilayah_ignoring_case_and_spaces(operator, typed):
    MitraFactory(name="Baznas Gunungkidul", wilayah=place(SEMANU_CANDIREJO))

    with pytest.raises(ValidationError) as refused:
        services.mitra_create(
            by=operator,
            name=typed,
            kind=MitraKind.objects.get(slug="baznas-zakat"),
            level="kabupaten",
            wilayah=place(SEMANU_CANDIREJO),
        )

    assert messages(refused.value) == ["Sudah ada mitra dengan nama ini di wilayah yang sama."]


def test_the_same_mitra_name_is_allowed_in_another_wilayah():
    MitraFactory(name="Puskesmas Candirejo", wilayah=place(SEMANU_CANDIREJO))
    MitraFactory(name="Puskesmas Candirejo", wilayah=place(SEMIN_CANDIREJO))

    assert Mitra.objects.filter(name="Puskesmas Candirejo").count() == 2


def test_a_referral_count_needs_a_mitra():
    line = AidDistribution(
        report=ActivityReportFactory(),
        purpose=AidPurpose.objects.get(slug="pendidikan"),
        amount=0,
        referred_count=3,
    )

    with pytest.raises(ValidationError) as refused:
        line.full_clean()

    assert messages(refused.value) == ["Jumlah orang dirujuk diisi bersama mitra tujuan rujukan."]


# --- Forums -------------------------------------------------------------------------------------------------------


def test_a_forum_member_lies_within_the_forums_wilayah():
    forum = ForumFactory(name="Forum WKSBM Gunungkidul", wilayah=place(GUNUNGKIDUL))
    member = ForumMember(forum=forum, wksbm=WksbmFactory(wilayah=place(SLEMAN_DESA)), joined_on=START)

    with pytest.raises(ValidationError) as refused:
        member.full_clean()

    assert messages(refused.value) == ["WKSBM ini berada di luar wilayah forum Forum WKSBM Gunungkidul."]


def test_a_forum_sits_at_a_kecamatan_kabupaten_or_provinsi():
    forum = ForumKomunikasi(name="Forum Desa", wilayah=place(SEMANU_CANDIREJO))

    with pytest.raises(ValidationError) as refused:
        forum.full_clean()

    assert messages(refused.value) == [
        "Forum komunikasi berada di kecamatan, kabupaten/kota, atau provinsi, bukan di desa/kelurahan."
    ]


@pytest.mark.parametrize(
    ("joined_on", "left_on", "attends"),
    [
        (datetime.date(2025, 1, 1), None, True),
        (datetime.date(2025, 6, 17), None, True),
        (datetime.date(2025, 6, 18), None, False),
        (datetime.date(2025, 1, 1), datetime.date(2025, 6, 17), False),
        (datetime.date(2025, 1, 1), datetime.date(2025, 6, 18), True),
    ],
)
def test_attendance_only_by_members_on_the_day(joined_on, left_on, attends):
    meeting = ForumMeetingFactory(date=datetime.date(2025, 6, 17))
    member = ForumMemberFactory(forum=meeting.forum, joined_on=joined_on, left_on=left_on)
    attendance = ForumAttendance(meeting=meeting, wksbm=member.wksbm, persons=2)

    try:
        attendance.full_clean()
        said = []
    except ValidationError as error:
        said = messages(error)

    assert said == ([] if attends else ["WKSBM ini bukan anggota forum pada tanggal pertemuan (17/06/2025)."])


# --- Who sees what ------------------------------------------------------------------------------------------------


@pytest.fixture
def world(make_user):
    """Mitra at each level and seat, a tie reaching across, and users of each role and area."""
    return {
        "desa_semanu": MitraFactory(name="BUMDes Candirejo", level="desa", wilayah=place(SEMANU_CANDIREJO)),
        "desa_semin": MitraFactory(name="BUMDes Candirejo Semin", level="desa", wilayah=place(SEMIN_CANDIREJO)),
        "kabupaten_gk": MitraFactory(name="Baznas Gunungkidul", level="kabupaten", wilayah=place(SEMIN_CANDIREJO)),
        "kabupaten_sleman": MitraFactory(name="Baznas Sleman", level="kabupaten", wilayah=place(SLEMAN_DESA)),
        "provinsi": MitraFactory(name="Universitas DIY", level="provinsi", wilayah=place(SLEMAN_DESA)),
        "nasional": MitraFactory(name="CSR Nasional", level="nasional", wilayah=place(SLEMAN_DESA)),
    }


@pytest.mark.parametrize(
    ("role", "codes", "seen"),
    [
        (Role.PENYULUH, [SEMANU], {"desa_semanu", "kabupaten_gk", "provinsi", "nasional"}),
        (Role.PENYULUH, [SEMIN], {"desa_semin", "kabupaten_gk", "provinsi", "nasional"}),
        (Role.KABUPATEN, [SLEMAN], {"kabupaten_sleman", "provinsi", "nasional"}),
        (Role.PIMPINAN, [GUNUNGKIDUL], {"desa_semanu", "desa_semin", "kabupaten_gk", "provinsi", "nasional"}),
        (
            Role.PROVINSI,
            [DIY],
            {"desa_semanu", "desa_semin", "kabupaten_gk", "kabupaten_sleman", "provinsi", "nasional"},
        ),
        (Role.PENYULUH, [], set()),
    ],
)
def test_mitra_for_user_by_role_and_area(world, make_user, role, codes, seen):
    user = make_user("pengguna", role, *codes)

    assert set(Mitra.objects.for_user(user)) == {world[name] for name in seen}


def test_a_mitra_is_seen_through_a_tie_of_a_wksbm_in_the_area(world, make_user):
    penyuluh = make_user("penyuluh_semanu", Role.PENYULUH, SEMANU)
    JejaringFactory(wksbm=WksbmFactory(wilayah=place(SEMANU_CANDIREJO)), mitra=world["kabupaten_sleman"])

    assert world["kabupaten_sleman"] in Mitra.objects.for_user(penyuluh)
    assert world["desa_semin"] not in Mitra.objects.for_user(penyuluh)


def test_mitra_seated_in_area_are_only_those_whose_seat_lies_there(world, make_user):
    penyuluh = make_user("penyuluh_semanu", Role.PENYULUH, SEMANU)

    assert set(Mitra.objects.seated_in_area(penyuluh)) == {world["desa_semanu"]}


def test_a_tie_is_seen_from_either_wksbm_area(make_user):
    semanu, sleman = WksbmFactory(wilayah=place(SEMANU_CANDIREJO)), WksbmFactory(wilayah=place(SLEMAN_DESA))
    across = JejaringFactory(wksbm=semanu, mitra=None, partner_wksbm=sleman)
    semin_only = JejaringFactory(wksbm=WksbmFactory(wilayah=place(SEMIN_CANDIREJO)))

    seen = {
        name: set(Jejaring.objects.for_user(make_user(name, role, *codes)))
        for name, role, codes in [
            ("semanu", Role.PENYULUH, [SEMANU]),
            ("sleman", Role.KABUPATEN, [SLEMAN]),
            ("semin", Role.PENYULUH, [SEMIN]),
            ("provinsi", Role.PROVINSI, [DIY]),
            ("nowhere", Role.PENYULUH, []),
        ]
    }

    assert seen == {
        "semanu": {across},
        "sleman": {across},
        "semin": {semin_only},
        "provinsi": {across, semin_only},
        "nowhere": set(),
    }


def test_a_forum_is_seen_in_its_wilayah_and_by_the_area_of_a_member(make_user):
    gunungkidul = ForumFactory(wilayah=place(GUNUNGKIDUL))
    semin = ForumFactory(wilayah=place(SEMIN))
    sleman = ForumFactory(wilayah=place(SLEMAN))
    ForumMemberFactory(forum=gunungkidul, wksbm=WksbmFactory(wilayah=place(SEMANU_CANDIREJO)))

    seen = {
        name: set(ForumKomunikasi.objects.for_user(make_user(name, role, *codes)))
        for name, role, codes in [
            ("semanu", Role.PENYULUH, [SEMANU]),
            ("semin", Role.PENYULUH, [SEMIN]),
            ("operator", Role.KABUPATEN, [GUNUNGKIDUL]),
            ("sleman", Role.KABUPATEN, [SLEMAN]),
            ("provinsi", Role.PROVINSI, [DIY]),
        ]
    }

    assert seen == {
        "semanu": {gunungkidul},
        "semin": {semin},
        "operator": {gunungkidul, semin},
        "sleman": {sleman},
        "provinsi": {gunungkidul, semin, sleman},
    }
