"""The network's admin: mitra, ties, forums and meetings listed with their filters and search, query counts that
do not grow with the rows, change and delete only where the user may change, phones masked as elsewhere, and every
save going through the services with its history."""

import datetime

import pytest
from django.contrib.auth.models import User

from registry.enums import MitraLevel, Role
from registry.models import (
    ActivityKind,
    ForumAttendance,
    ForumMember,
    Jejaring,
    JejaringKind,
    Mitra,
    MitraContact,
    MitraKind,
    Wilayah,
)
from tests.admin_forms import form_data
from tests.factories import ActivityReportFactory, WksbmFactory, desa
from tests.registry.network.factories import (
    ForumAttendanceFactory,
    ForumFactory,
    ForumMeetingFactory,
    ForumMemberFactory,
    ForumPengurusFactory,
    JejaringFactory,
    MitraContactFactory,
    MitraFactory,
)
from tests.registry.test_admin_import_export import petugas
from tests.registry.test_admin_registry import column, lookups, query_count

pytestmark = pytest.mark.usefixtures("diy")

MITRA_LIST = "/admin/registry/mitra/"
TIE_LIST = "/admin/registry/jejaring/"
FORUM_LIST = "/admin/registry/forumkomunikasi/"
MEETING_LIST = "/admin/registry/forummeeting/"
PHONE = "+6281234567890"


@pytest.fixture
def superuser_client(client):
    client.force_login(User.objects.create_superuser("dinsos", password=None))
    return client


def logged_in(client, role: Role, area: str):
    client.force_login(petugas(f"petugas-{role.value}", role, area))
    return client


def names(response) -> list[str]:
    return sorted(str(obj.name) for obj in response.context["cl"].result_list)


def kind(slug: str) -> MitraKind:
    return MitraKind.objects.get(slug=slug)


def wilayah(code: str) -> Wilayah:
    return Wilayah.objects.get(code=code)


# --- Lists, filters and search ------------------------------------------------------------------------------------


@pytest.fixture
def partners():
    """A Baznas of Gunungkidul with an active tie and its contact, a Puskesmas of Semanu without ties, a university
    of the province, and an LKS of Sleman."""
    baznas = MitraFactory(name="Baznas Gunungkidul", kind=kind("baznas-zakat"), wilayah=wilayah("34.03.01"))
    MitraContactFactory(mitra=baznas, name="Suparno")
    JejaringFactory(mitra=baznas, basis_number="045/MoU/2024")
    return {
        "baznas": baznas,
        "puskesmas": MitraFactory(
            name="Puskesmas Semanu", kind=kind("puskesmas"), level=MitraLevel.KECAMATAN, wilayah=desa()
        ),
        "ugm": MitraFactory(
            name="Universitas Gadjah Mada",
            kind=kind("perguruan-tinggi"),
            level=MitraLevel.PROVINSI,
            wilayah=wilayah("34"),
        ),
        "lks": MitraFactory(name="LKS Condongcatur", kind=kind("lks"), wilayah=desa("34.04.07.2003")),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Baznas Gunungkidul", "LKS Condongcatur", "Puskesmas Semanu", "Universitas Gadjah Mada"]),
        ({"kabupaten": "34.03"}, ["Baznas Gunungkidul", "Puskesmas Semanu"]),
        ({"kabupaten": "34.03", "kecamatan": "34.03.08"}, ["Puskesmas Semanu"]),
        ({"level__exact": "provinsi"}, ["Universitas Gadjah Mada"]),
        ({"jejaring_aktif": "ya"}, ["Baznas Gunungkidul"]),
        ({"jejaring_aktif": "tidak"}, ["LKS Condongcatur", "Puskesmas Semanu", "Universitas Gadjah Mada"]),
        ({"q": "suparno"}, ["Baznas Gunungkidul"]),
        ({"q": "045/MoU"}, ["Baznas Gunungkidul"]),
        ({"q": "34.04"}, ["LKS Condongcatur"]),
        ({"q": "gadjah"}, ["Universitas Gadjah Mada"]),
    ],
)
def test_mitra_filters_and_search(superuser_client, partners, params, expected):
    response = superuser_client.get(MITRA_LIST, params)

    assert names(response) == expected


def test_mitra_list_columns_name_the_seat_kabupaten_active_ties_and_contact(superuser_client, partners):
    response = superuser_client.get(MITRA_LIST, {"q": "baznas"})

    assert [column(response, name) for name in ("seat", "kabupaten", "active_ties", "first_contact")] == [
        ["Kapanewon Wonosari"],
        ["Kabupaten Gunungkidul"],
        ["1"],
        ["Suparno"],
    ]


def test_a_kabupaten_operator_lists_their_mitra_the_provincial_ones_and_those_tied_to_their_wksbm(client, partners):
    sleman_tie = JejaringFactory(wksbm=WksbmFactory(wilayah=desa("34.03.12.2006")), mitra=partners["lks"])
    logged_in(client, Role.KABUPATEN, "34.03")

    response = client.get(MITRA_LIST)

    assert sleman_tie.mitra.name in names(response)
    assert names(response) == ["Baznas Gunungkidul", "LKS Condongcatur", "Puskesmas Semanu", "Universitas Gadjah Mada"]
    assert lookups(response, "kabupaten") == ["34.03"]


@pytest.fixture
def ties():
    """Ties of Candirejo's WKSBM: with a Baznas (active), with an LKS (ended), and with a WKSBM of Semin."""
    ngudi = WksbmFactory(name="WKSBM Ngudi Rahayu")
    semin = WksbmFactory(name="WKSBM Sejahtera", wilayah=desa("34.03.12.2006"))
    baznas = MitraFactory(name="Baznas Gunungkidul", kind=kind("baznas-zakat"))
    lks = MitraFactory(name="LKS Harapan", kind=kind("lks"))
    return {
        "baznas": JejaringFactory(wksbm=ngudi, mitra=baznas, basis_number="045/MoU/2024"),
        "lks": JejaringFactory(
            wksbm=ngudi, mitra=lks, started_on=datetime.date(2022, 1, 1), ended_on=datetime.date(2023, 1, 1)
        ),
        "semin": JejaringFactory(
            wksbm=ngudi,
            mitra=None,
            partner_wksbm=semin,
            kind=JejaringKind.objects.get(slug="program-bersama"),
        ),
    }


def tie_ids(response) -> list[int]:
    return sorted(tie.pk for tie in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["baznas", "lks", "semin"]),
        ({"aktif": "ya"}, ["baznas", "semin"]),
        ({"aktif": "tidak"}, ["lks"]),
        ({"pihak": "wksbm"}, ["semin"]),
        ({"pihak": "mitra"}, ["baznas", "lks"]),
        ({"kecamatan": "34.03.12"}, ["semin"]),
        ({"kabupaten": "34.04"}, []),
        ({"q": "045/MoU"}, ["baznas"]),
        ({"q": "Sejahtera"}, ["semin"]),
        ({"q": "LKS"}, ["lks"]),
    ],
)
def test_tie_filters_and_search(superuser_client, ties, params, expected):
    response = superuser_client.get(TIE_LIST, params)

    assert tie_ids(response) == sorted(ties[key].pk for key in expected)


def test_tie_list_filters_by_mitra_kind(superuser_client, ties):
    response = superuser_client.get(TIE_LIST, {"mitra__kind__id__exact": kind("lks").pk})

    assert tie_ids(response) == [ties["lks"].pk]


def test_a_tie_with_a_wksbm_outside_the_area_names_it_as_outside(client, ties):
    logged_in(client, Role.KABUPATEN, "34.03.08")  # an operator of Semanu: the Semin WKSBM lies outside

    response = client.get(TIE_LIST, {"pihak": "wksbm"})

    assert (column(response, "wksbm_name"), column(response, "other_end")) == (
        ["WKSBM Ngudi Rahayu"],
        ["(di luar wilayah Anda)"],
    )
    assert "WKSBM Sejahtera" not in response.content.decode()


def test_the_pages_of_a_tie_with_a_wksbm_outside_the_area_do_not_name_it(client, ties):
    logged_in(client, Role.KABUPATEN, "34.03.08")
    url = f"{TIE_LIST}{ties['semin'].pk}"

    data = form_data(client.get(f"{url}/change/"))
    pages = [
        client.get(f"{url}/change/"),
        client.get(f"{url}/history/"),
        client.get(f"{url}/delete/"),
        client.post(f"{url}/change/", {**data, "description": "Program bersama lansia"}, follow=True),
    ]

    assert [page.status_code for page in pages] == [200] * 4
    assert ["WKSBM Sejahtera" in page.content.decode() for page in pages] == [False] * 4
    assert ["(di luar wilayah Anda)" in page.content.decode() for page in pages] == [True] * 4
    assert Jejaring.objects.get(pk=ties["semin"].pk).description == "Program bersama lansia"


def test_forum_filters_by_level_and_kabupaten_and_counts_current_members(superuser_client):
    kabupaten = ForumFactory(name="Forum Gunungkidul")
    semanu = ForumFactory(name="Forum Semanu", wilayah=wilayah("34.03.08"))
    ForumFactory(name="Forum Sleman", wilayah=wilayah("34.04"))
    ForumMemberFactory(forum=kabupaten)
    ForumMemberFactory(forum=kabupaten, left_on=datetime.date(2024, 1, 1))
    ForumMeetingFactory(forum=semanu)

    by_level = superuser_client.get(FORUM_LIST, {"tingkat": "3"})
    by_kabupaten = superuser_client.get(FORUM_LIST, {"kabupaten": "34.03"})
    searched = superuser_client.get(FORUM_LIST, {"q": "gunungkidul"})

    assert names(by_level) == ["Forum Semanu"]
    assert names(by_kabupaten) == ["Forum Gunungkidul", "Forum Semanu"]
    assert (names(searched), column(searched, "member_count"), column(searched, "level")) == (
        ["Forum Gunungkidul"],
        ["1"],
        ["Kabupaten/Kota"],
    )
    assert column(superuser_client.get(FORUM_LIST, {"q": "semanu"}), "last_meeting") == ["17 Juni 2025"]


# --- Query counts ---------------------------------------------------------------------------------------------------


def populate(count: int, start: int = 0) -> None:
    """`count` mitra, each with a contact and a tie of a WKSBM of its own desa; as many forums of kecamatan, each
    with a member and a meeting it attended."""
    villages = Wilayah.objects.filter(level=4, code__startswith="34.03.")[start : start + count]
    kecamatan = Wilayah.objects.filter(level=3, code__startswith="34.")[start : start + count]
    for village, place in zip(villages, kecamatan, strict=True):
        mitra = MitraFactory(wilayah=village)
        MitraContactFactory(mitra=mitra)
        JejaringFactory(wksbm=WksbmFactory(wilayah=village), mitra=mitra)
        forum = ForumFactory(wilayah=place)
        member = ForumMemberFactory(forum=forum, wksbm=WksbmFactory(wilayah=place))
        ForumAttendanceFactory(meeting=ForumMeetingFactory(forum=forum), wksbm=member.wksbm)


LIST_PAGES = {
    "mitra": (MITRA_LIST, {}),
    "mitra filtered and searched": (MITRA_LIST, {"kabupaten": "34.03", "jejaring_aktif": "ya", "q": "Mitra"}),
    "jejaring": (TIE_LIST, {}),
    "jejaring filtered and searched": (TIE_LIST, {"aktif": "ya", "kabupaten": "34.03", "q": "Mitra"}),
    "forum": (FORUM_LIST, {}),
    "forum filtered": (FORUM_LIST, {"tingkat": "3", "q": "Forum"}),
    "pertemuan": (MEETING_LIST, {}),
}


@pytest.mark.parametrize("role", [None, Role.KABUPATEN])
def test_lists_run_the_same_queries_for_one_row_as_for_thirty(client, role):
    if role is None:
        client.force_login(User.objects.create_superuser("dinsos", password=None))
    else:
        logged_in(client, role, "34")
    populate(1)
    with_one = {page: query_count(client, url, params) for page, (url, params) in LIST_PAGES.items()}
    populate(29, start=1)

    with_thirty = {page: query_count(client, url, params) for page, (url, params) in LIST_PAGES.items()}

    assert len(client.get(MITRA_LIST).context["cl"].result_list) == 30
    assert with_thirty == with_one
    # Session, user, the savepoint pair, one per filter's choices (kinds, kabupaten, kecamatan…), and the rows; a
    # role's user also reads its role, permissions and areas.
    assert with_thirty == PINNED[role]


PINNED = {
    None: {
        "mitra": 9,
        "mitra filtered and searched": 9,
        "jejaring": 10,
        "jejaring filtered and searched": 10,
        "forum": 7,
        "forum filtered": 7,
        "pertemuan": 10,
    },
    Role.KABUPATEN: {
        "mitra": 14,
        "mitra filtered and searched": 14,
        "jejaring": 15,
        "jejaring filtered and searched": 15,
        "forum": 11,
        "forum filtered": 11,
        "pertemuan": 14,
    },
}


def test_change_pages_run_the_same_queries_for_one_row_per_inline_as_for_thirty(superuser_client):
    pages = []
    for rows in (1, 30):
        mitra = MitraFactory()
        forum = ForumFactory()
        meeting = ForumMeetingFactory(forum=forum)
        for _ in range(rows):
            MitraContactFactory(mitra=mitra, phone=PHONE)
            ForumPengurusFactory(forum=forum, nik="3403081708850001")
            member = ForumMemberFactory(forum=forum)
            ForumMeetingFactory(forum=forum)
            ForumAttendanceFactory(meeting=meeting, wksbm=member.wksbm)
        pages.append(
            [
                f"{MITRA_LIST}{mitra.pk}/change/",
                f"{FORUM_LIST}{forum.pk}/change/",
                f"{MEETING_LIST}{meeting.pk}/change/",
            ]
        )
    for url in pages[0]:
        superuser_client.get(url)  # fills Django's content type cache, as any earlier page would

    with_one, with_thirty = ([query_count(superuser_client, url) for url in urls] for urls in pages)

    assert with_one == with_thirty


# --- Who may change what ---------------------------------------------------------------------------------------


def test_a_provincial_mitra_is_read_only_for_a_kabupaten_operator_and_their_own_is_editable(client, partners):
    logged_in(client, Role.KABUPATEN, "34.03")
    MitraContactFactory(mitra=partners["ugm"], name="Humas", phone=PHONE)
    provincial = f"{MITRA_LIST}{partners['ugm'].pk}/change/"
    own = f"{MITRA_LIST}{partners['baznas'].pk}/change/"

    shown = client.get(provincial)
    refused = client.post(provincial, {**form_data(client.get(own)), "name": "UGM"})
    deleted = client.post(f"{MITRA_LIST}{partners['ugm'].pk}/delete/", {"post": "yes"})
    editable = client.get(own)

    assert (shown.status_code, shown.context["has_change_permission"]) == (200, False)
    assert "0812-3456-7890" in shown.content.decode()  # an operator works with phone numbers
    assert (refused.status_code, deleted.status_code) == (403, 403)
    assert Mitra.objects.get(pk=partners["ugm"].pk).name == "Universitas Gadjah Mada"
    assert (editable.status_code, editable.context["has_change_permission"]) == (200, True)


def test_a_pimpinan_reads_a_mitra_with_its_contacts_phones_masked(client, partners):
    MitraContactFactory(mitra=partners["baznas"], name="Wartini", phone=PHONE)
    logged_in(client, Role.PIMPINAN, "34.03")

    page = client.get(f"{MITRA_LIST}{partners['baznas'].pk}/change/").content.decode()

    assert ("0812-3456-7890" in page, "08******890" in page) == (False, True)


def test_a_provincial_forum_is_read_only_for_the_operator_of_a_member_wksbm(client):
    province = ForumFactory(name="Forum DIY", wilayah=wilayah("34"))
    ForumMemberFactory(forum=province)
    own = ForumFactory(name="Forum Gunungkidul")
    logged_in(client, Role.KABUPATEN, "34.03")

    listed = client.get(FORUM_LIST)
    provincial = client.get(f"{FORUM_LIST}{province.pk}/change/")
    refused = client.post(f"{FORUM_LIST}{province.pk}/change/", form_data(client.get(f"{FORUM_LIST}{own.pk}/change/")))

    assert names(listed) == ["Forum DIY", "Forum Gunungkidul"]
    assert (provincial.status_code, provincial.context["has_change_permission"]) == (200, False)
    assert refused.status_code == 403
    assert client.get(f"{FORUM_LIST}{own.pk}/change/").context["has_change_permission"] is True


# --- Saves through the services --------------------------------------------------------------------------------


def test_adding_a_mitra_with_a_contact_saves_both_with_history_naming_the_user(superuser_client):
    data = form_data(superuser_client.get(f"{MITRA_LIST}add/"))
    data.update(
        {
            "name": "  Baznas   Gunungkidul ",
            "kind": str(kind("baznas-zakat").pk),
            "level": "kabupaten",
            "wilayah": "34.03.01",
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-name": "Suparno",
            "contacts-0-position": "Ketua",
            "contacts-0-phone": "0812 3456 7890",
        }
    )

    response = superuser_client.post(f"{MITRA_LIST}add/", data)

    mitra = Mitra.objects.get()
    assert response.status_code == 302
    assert (mitra.name, mitra.reach, mitra.contacts.get().phone) == ("Baznas Gunungkidul", "34.03", PHONE)
    assert mitra.history.get().history_user.username == "dinsos"
    assert MitraContact.history.get().history_user.username == "dinsos"


def test_a_mitra_seated_above_its_level_is_refused_with_the_models_message(superuser_client):
    data = form_data(superuser_client.get(f"{MITRA_LIST}add/"))
    data.update({"name": "Baznas", "kind": str(kind("baznas-zakat").pk), "level": "kabupaten", "wilayah": "34"})

    response = superuser_client.post(f"{MITRA_LIST}add/", data)

    assert response.status_code == 200
    assert (
        "Mitra tingkat kabupaten/kota berkedudukan di kabupaten/kota itu atau di bawahnya." in response.content.decode()
    )
    assert Mitra.objects.count() == 0


def test_an_overlapping_tie_is_refused_and_ending_one_is_recorded(superuser_client, ties):
    tie = ties["baznas"]
    data = form_data(superuser_client.get(f"{TIE_LIST}add/"))
    data.update(
        {
            "wksbm": str(tie.wksbm_id),
            "mitra": str(tie.mitra_id),
            "kind": str(tie.kind_id),
            "started_on": "01/06/2025",
        }
    )
    refused = superuser_client.post(f"{TIE_LIST}add/", data)
    change = form_data(superuser_client.get(f"{TIE_LIST}{tie.pk}/change/"))
    change["ended_on"] = "30/06/2025"
    ended = superuser_client.post(f"{TIE_LIST}{tie.pk}/change/", change)

    assert "Sudah ada jejaring Kemitraan dana yang aktif antara keduanya sejak 15/01/2024." in refused.content.decode()
    assert Jejaring.objects.count() == 3
    assert ended.status_code == 302
    tie.refresh_from_db()
    assert (tie.ended_on, tie.history.first().history_user.username) == (datetime.date(2025, 6, 30), "dinsos")


def test_a_forum_member_outside_the_forums_wilayah_is_refused(superuser_client):
    forum = ForumFactory(wilayah=wilayah("34.03.08"))
    outside = WksbmFactory(wilayah=desa("34.03.12.2006"))
    data = form_data(superuser_client.get(f"{FORUM_LIST}{forum.pk}/change/"))
    data.update({"members-TOTAL_FORMS": "1", "members-0-wksbm": str(outside.pk), "members-0-joined_on": "01/01/2024"})

    response = superuser_client.post(f"{FORUM_LIST}{forum.pk}/change/", data)

    assert response.status_code == 200
    assert f"WKSBM ini berada di luar wilayah forum {forum.name}." in response.content.decode()
    assert ForumMember.objects.count() == 0


def test_attendance_is_recorded_on_a_meeting_for_members_only(superuser_client):
    member = ForumMemberFactory()
    stranger = WksbmFactory()
    meeting = ForumMeetingFactory(forum=member.forum, kind=ActivityKind.objects.get(slug="rapat"))
    url = f"{MEETING_LIST}{meeting.pk}/change/"

    def attend(wksbm):
        data = form_data(superuser_client.get(url))
        data.update({"attendance-TOTAL_FORMS": "1", "attendance-0-wksbm": str(wksbm.pk), "attendance-0-persons": "4"})
        return superuser_client.post(url, data)

    refused = attend(stranger)
    recorded = attend(member.wksbm)

    assert "WKSBM ini bukan anggota forum pada tanggal pertemuan (17/06/2025)." in refused.content.decode()
    assert recorded.status_code == 302
    attendance = ForumAttendance.objects.get()
    assert (attendance.wksbm, attendance.persons, attendance.history.get().history_user.username) == (
        member.wksbm,
        4,
        "dinsos",
    )


def test_fund_and_aid_lines_name_their_mitra_and_referral(superuser_client):
    report = ActivityReportFactory()
    mitra = MitraFactory(name="Puskesmas Semanu")
    page = superuser_client.get(f"/admin/registry/activityreport/{report.pk}/change/").content.decode()

    assert all(name in page for name in ("collections-__prefix__-mitra", "distributions-__prefix__-referred_to"))
    assert "distributions-__prefix__-referred_count" in page
    assert mitra.name not in page  # offered by search, not listed


def test_the_delete_action_deletes_only_mitra_seated_in_the_operators_area(client, partners):
    logged_in(client, Role.KABUPATEN, "34.03")
    chosen = [partners["ugm"].pk, partners["puskesmas"].pk]

    refused = client.post(MITRA_LIST, {"action": "delete_selected", "_selected_action": chosen, "post": "yes"})
    deleted = client.post(
        MITRA_LIST, {"action": "delete_selected", "_selected_action": [partners["puskesmas"].pk], "post": "yes"}
    )

    assert refused.status_code == 403  # one of them is not the user's to delete: none is deleted
    assert deleted.status_code == 302
    assert sorted(Mitra.objects.values_list("name", flat=True)) == [
        "Baznas Gunungkidul",
        "LKS Condongcatur",
        "Universitas Gadjah Mada",
    ]
    assert Mitra.history.filter(history_type="-").get().history_user.username == "petugas-kabupaten"


def test_a_forum_board_members_nik_is_never_sent_back_and_an_empty_box_keeps_it(superuser_client):
    board_member = ForumPengurusFactory(nik="3403081708850001")
    url = f"{FORUM_LIST}{board_member.forum_id}/change/"

    page = superuser_client.get(url)
    saved = superuser_client.post(url, {**form_data(page), "address": "Balai Kabupaten"})

    board_member.refresh_from_db()
    assert ("3403081708850001" in page.content.decode(), "3403••••••••••01" in page.content.decode()) == (False, True)
    assert (saved.status_code, board_member.nik) == (302, "3403081708850001")
    assert board_member.forum.address == "Balai Kabupaten"
