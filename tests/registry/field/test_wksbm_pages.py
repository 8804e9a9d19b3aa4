"""A WKSBM's page, creating one in the user's area, and editing its profile without overwriting others."""

import datetime

import pytest
from django.urls import reverse

from registry import dates, extensions
from registry.enums import Role, WksbmStatus
from registry.forms import WksbmEditForm
from registry.models import AidPurpose, FundSource, PengurusRole, Wilayah, Wksbm
from registry.services import wksbm as services
from tests.factories import ActivityReportFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.registry.field.conftest import SEMANU, SEMANU_CANDIREJO, SEMIN_CANDIREJO
from tests.registry.network.factories import ForumMemberFactory, JejaringFactory

pytestmark = pytest.mark.usefixtures("diy")

CREATE = reverse("wksbm_create")
TOKEN = "0b8a4a4e-5a47-4f1c-9f55-1a2b3c4d5e6f"


def errors(response, field):
    return response.context["form"].errors.get(field, [])


# ---- the WKSBM's page


def test_the_page_shows_the_board_members_and_reports(as_penyuluh, wksbm):
    PengurusFactory(wksbm=wksbm, name="Mantan Ketua", period_to=datetime.date(2020, 1, 1))
    PengurusFactory(wksbm=wksbm, name="Bendahara Baru", nik="3403080101900001")

    response = as_penyuluh.get(reverse("wksbm_detail", args=[wksbm.pk]))

    body = response.content.decode()
    assert [p.name for p in response.context["current_pengurus"]] == ["Sutrisno", "Wahyuni", "Bendahara Baru"]
    assert [p.name for p in response.context["past_pengurus"]] == ["Mantan Ketua"]
    assert "3403••••••••••01" in body
    assert "3403080101900001" not in body
    assert "Karang Taruna Tunas Muda" in body
    assert "Dana terhimpun — Perantau: Rp125.000" in body
    assert "Bantuan — Pendidikan: Rp100.000, 4 penerima" in body
    assert "Kalurahan Candirejo, Kapanewon Semanu, Kabupaten Gunungkidul" in body


def test_the_page_names_the_missing_board_roles(as_penyuluh):
    unit = WksbmFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    PengurusFactory(wksbm=unit, role=PengurusRole.objects.get(slug="ketua"))

    response = as_penyuluh.get(reverse("wksbm_detail", args=[unit.pk]))

    assert "Kepengurusan belum lengkap" in response.content.decode()
    assert [role.slug for role in response.context["missing_roles"]] == ["sekretaris"]


@pytest.mark.parametrize("count", [1, 12])
def test_the_page_costs_the_same_queries_for_few_or_many_rows(as_penyuluh, django_assert_num_queries, count):
    unit = WksbmFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    PengurusFactory.create_batch(count, wksbm=unit)
    MembershipFactory.create_batch(count, wksbm=unit, kps__wilayah=unit.wilayah)
    for day in range(count):
        services.report_create(
            by=None,
            wksbm=unit,
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
            kind=ActivityReportFactory.kind.function(),
            collected=[(source, 1000) for source in FundSource.objects.all()[:2]],
            distributed=[(purpose, 500, 1) for purpose in AidPurpose.objects.all()[:2]],
        )
    # Ties with mitra and with other WKSBM (inside and outside the area), and forum memberships.
    JejaringFactory.create_batch(count, wksbm=unit)
    for place in [SEMANU_CANDIREJO, SEMIN_CANDIREJO] * count:
        JejaringFactory(wksbm=unit, mitra=None, partner_wksbm=WksbmFactory(wilayah=Wilayah.objects.get(code=place)))
    ForumMemberFactory.create_batch(count, wksbm=unit)

    # Savepoint and release (ATOMIC_REQUESTS), session, user, areas, the WKSBM with its summary, pengurus,
    # required roles, members, reports, their funds and their help, permissions (the user's, their groups'), and
    # for the reports' "Hapus" links the user's role and when the reports were entered; the sections other apps
    # add (`registry.extensions.wksbm_sections`: the visits and their open follow-ups, the evaluations); one per
    # extension's links beside the pengurus (`registry.extensions.pengurus_links`); the "Jejaring" section: the
    # ties with both ends and the forum memberships; the "Pemutakhiran data" section: the open period, the latest
    # check and the last cycle missed; the open verification items grouped under the WKSBM (one query, whatever
    # the rows waiting or returned); the header's count of unread notifications; the attachments: the latest photos
    # of the WKSBM and its reports, visits and events (one query), its own attachments and whether the user may
    # add to them (two: `{% attachment_section %}`).
    with django_assert_num_queries(26 + 3 + len(extensions.pengurus_links)):
        response = as_penyuluh.get(reverse("wksbm_detail", args=[unit.pk]))

    assert len(response.context["current_pengurus"]) == count
    assert len(response.context["reports"]) == min(count, 10)


# ---- creating a WKSBM


def test_the_wilayah_list_holds_the_users_kecamatan_and_desa_only(as_penyuluh):
    response = as_penyuluh.get(CREATE)

    choices = response.context["form"].fields["wilayah"].widget.choices
    assert choices[0] == ("", "— pilih wilayah —")
    label, options = choices[1]
    assert label == "Kapanewon Semanu"
    assert [code for code, _ in options] == [SEMANU] + [f"{SEMANU}.200{n}" for n in range(1, 6)]
    assert options[0][1] == "Kapanewon Semanu (tingkat kecamatan)"
    assert SEMIN_CANDIREJO not in response.content.decode()


def test_a_new_wksbm_is_created_and_its_page_shown(as_penyuluh, penyuluh):
    data = {
        "form_token": TOKEN,
        "wilayah": SEMANU_CANDIREJO,
        "name": "  WKSBM   Candirejo Guyub ",
        "formed_on": "08/08/2025",
        "sk_number": "12/KPTS/2025",
        "sk_date": "2025-08-10",
        "phone": "0812-3456-7890",
    }

    response = as_penyuluh.post(CREATE, data)

    created = Wksbm.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wksbm_detail", args=[created.pk])
    assert (created.name, created.wilayah_id, created.formed_on, created.sk_date, created.phone) == (
        "WKSBM Candirejo Guyub",
        SEMANU_CANDIREJO,
        datetime.date(2025, 8, 8),
        datetime.date(2025, 8, 10),
        "+6281234567890",
    )
    assert created.history.get().history_user == penyuluh


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "Isi nama WKSBM."),
        ({"wilayah": ""}, "wilayah", "Pilih wilayahnya."),
        ({"formed_on": "31/02/2025"}, "formed_on", "Tulis tanggal seperti 17/06/2025."),
        ({"formed_on": "01/01/2999"}, "formed_on", "Tanggal tidak boleh di masa depan."),
        ({"sk_date": "01/01/2019"}, "sk_date", "Tanggal SK tidak boleh sebelum tanggal pembentukan."),
        (
            {"phone": "12345"},
            "phone",
            "Nomor telepon 12345 tidak sah: tulis seperti 0812-3456-7890 atau (0274) 391234.",
        ),
        ({"name": "wksbm candirejo SEJAHTERA"}, "name", "Sudah ada WKSBM dengan nama ini di wilayah yang sama."),
        (
            {"name": "x" * 201},
            "name",
            "Pastikan nilai ini mengandung paling banyak 200 karakter (sekarang 201 karakter).",
        ),
    ],
)
def test_each_create_error_is_in_indonesian_next_to_its_field(as_penyuluh, wksbm, change, field, message):
    data = {"form_token": TOKEN, "wilayah": SEMANU_CANDIREJO, "name": "WKSBM Baru", "formed_on": "08/08/2019"}

    response = as_penyuluh.post(CREATE, {**data, **change})

    assert response.status_code == 200
    assert errors(response, field) == [message]
    assert f'<p class="error" id="id_{field}_error">{message}</p>' in response.content.decode()
    assert Wksbm.objects.count() == 1


@pytest.mark.parametrize(
    "forged",
    [
        "34.04.01.2001",  # a desa of Sleman
        SEMIN_CANDIREJO,  # the other Candirejo
        "34.03",  # the kabupaten itself: not a place for a WKSBM
        "99.99.99.9999",  # no such wilayah
    ],
)
def test_a_forged_wilayah_is_refused_and_nothing_is_created(as_penyuluh, forged):
    response = as_penyuluh.post(CREATE, {"form_token": TOKEN, "wilayah": forged, "name": "WKSBM Palsu"})

    assert errors(response, "wilayah") == ["Pilih kecamatan atau desa/kelurahan di wilayah kerja Anda."]
    assert not Wksbm.objects.exists()


def test_a_kabupaten_operator_chooses_from_one_list_of_its_kecamatan_and_desa(client, make_user):
    client.force_login(make_user("operator_gk", Role.KABUPATEN, "34.03"))

    response = client.get(CREATE)

    choices = response.context["form"].fields["wilayah"].widget.choices
    groups = [label for label, _ in choices[1:]]
    options = sum(len(items) for _, items in choices[1:])
    assert (len(groups), options) == (18, 18 + 144)


def test_a_provincial_admin_first_chooses_the_kecamatan(client, make_user):
    client.force_login(make_user("admin_diy", Role.PROVINSI, "34"))

    step = client.get(CREATE)
    form = client.get(CREATE, {"dalam": SEMANU})
    sent = client.post(
        f"{CREATE}?dalam={SEMANU}", {"form_token": TOKEN, "wilayah": "34.04.01.2001", "name": "Di Sleman"}
    )

    assert step.templates[0].name == "registry/wilayah_step.html"
    kecamatan = [code for _, items in step.context["form"].fields["dalam"].choices[1:] for code, _ in items]
    assert len(kecamatan) == 78
    assert form.templates[0].name == "registry/wksbm_form.html"
    assert [code for code, _ in form.context["form"].fields["wilayah"].widget.choices[1][1]][:2] == [
        SEMANU,
        f"{SEMANU}.2001",
    ]
    assert f'action="?dalam={SEMANU}"' in form.content.decode()
    # The list shows Semanu; the whole area is valid.
    assert sent.status_code == 302
    assert Wksbm.objects.get().wilayah_id == "34.04.01.2001"


def test_a_link_for_one_desa_skips_the_kecamatan_step(client, make_user):
    client.force_login(make_user("admin_diy", Role.PROVINSI, "34"))

    response = client.get(CREATE, {"wilayah": SEMANU_CANDIREJO})

    assert response.context["form"]["wilayah"].value() == SEMANU_CANDIREJO
    assert response.context["step"].within.code == SEMANU


def test_a_kecamatan_outside_the_area_is_not_offered_as_a_step(client, make_user):
    client.force_login(make_user("admin_diy", Role.PROVINSI, "34"))

    response = client.get(CREATE, {"dalam": "35.01.01"})

    assert response.templates[0].name == "registry/wilayah_step.html"
    assert response.context["form"].errors["dalam"] == [
        "Wilayah itu tidak ada di wilayah kerja Anda; pilih dari daftar."
    ]


# ---- editing the profile


def edit_data(wksbm, **changes):
    data = {key: "" if value is None else value for key, value in WksbmEditForm.initial_for(wksbm).items()}
    return {**data, **changes}


def test_the_profile_is_saved_through_the_service(as_penyuluh, penyuluh, wksbm):
    url = reverse("wksbm_edit", args=[wksbm.pk])

    response = as_penyuluh.post(url, edit_data(wksbm, name="WKSBM Candirejo Makmur", status=WksbmStatus.VAKUM))

    wksbm.refresh_from_db()
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk])
    assert (wksbm.name, wksbm.status, wksbm.status_changed_on) == ("WKSBM Candirejo Makmur", "vakum", dates.today())
    assert wksbm.history.first().history_user == penyuluh


def test_the_wilayah_cannot_be_moved_from_the_edit_form(as_penyuluh, wksbm):
    as_penyuluh.post(reverse("wksbm_edit", args=[wksbm.pk]), edit_data(wksbm, wilayah="34.04.01.2001"))

    wksbm.refresh_from_db()
    assert wksbm.wilayah_id == SEMANU_CANDIREJO


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "Isi nama WKSBM."),
        ({"status": "hilang"}, "status", "Pilih status dari daftar."),
        (
            {"status_changed_on": "01/01/2010"},
            "status_changed_on",
            "Tanggal perubahan status tidak boleh sebelum tanggal pembentukan.",
        ),
        ({"sk_date": "2999-01-01"}, "sk_date", "Tanggal tidak boleh di masa depan."),
        ({"phone": "abc"}, "phone", "Nomor telepon abc tidak sah: tulis seperti 0812-3456-7890 atau (0274) 391234."),
    ],
)
def test_each_edit_error_is_in_indonesian_next_to_its_field(as_penyuluh, wksbm, change, field, message):
    before = wksbm.history.count()

    response = as_penyuluh.post(reverse("wksbm_edit", args=[wksbm.pk]), edit_data(wksbm, **change))

    assert response.status_code == 200
    assert errors(response, field) == [message]
    assert f'<p class="error" id="id_{field}_error">' in response.content.decode()
    assert wksbm.history.count() == before


def test_an_edit_without_its_version_is_refused(as_penyuluh, wksbm):
    response = as_penyuluh.post(reverse("wksbm_edit", args=[wksbm.pk]), edit_data(wksbm, version=""))

    assert "Formulir ini tidak lengkap; buka lagi halaman ubah dan isi ulang." in response.content.decode()


def someone_else_saves(wksbm, **changes):
    """Another person's save, after the form was opened."""
    services.wksbm_update(by=None, wksbm=Wksbm.objects.get(pk=wksbm.pk), **changes)


def test_a_save_over_someone_elses_change_shows_both_and_writes_nothing(as_penyuluh, wksbm):
    opened = edit_data(wksbm)
    someone_else_saves(wksbm, name="WKSBM Candirejo Rukun", phone="+62274391234")

    response = as_penyuluh.post(reverse("wksbm_edit", args=[wksbm.pk]), {**opened, "name": "WKSBM Candirejo Makmur"})

    wksbm.refresh_from_db()
    assert response.status_code == 409
    conflict = response.context["conflict"]
    assert [(c.label, c.mine, c.theirs, c.touched) for c in conflict.changes] == [
        ("Nama WKSBM", "WKSBM Candirejo Makmur", "WKSBM Candirejo Rukun", True),
        ("Telepon sekretariat", "(kosong)", "+62274391234", False),
    ]
    assert "Data ini sudah diubah orang lain" in response.content.decode()
    assert (wksbm.name, wksbm.phone) == ("WKSBM Candirejo Rukun", "+62274391234")
    # The form offered again: the user's name, the other person's phone, the current version.
    offered = response.context["form"]
    assert (offered["name"].value(), offered["phone"].value()) == ("WKSBM Candirejo Makmur", "(0274) 391234")
    assert offered["version"].value() == WksbmEditForm.version_of(wksbm)


def test_keeping_my_values_after_a_conflict_saves_them(as_penyuluh, wksbm):
    opened = edit_data(wksbm)
    someone_else_saves(wksbm, name="WKSBM Candirejo Rukun", phone="+62274391234")
    url = reverse("wksbm_edit", args=[wksbm.pk])
    offered = as_penyuluh.post(url, {**opened, "name": "WKSBM Candirejo Makmur"}).context["form"]

    again = {name: "" if offered[name].value() is None else offered[name].value() for name in offered.fields}
    response = as_penyuluh.post(url, again)

    wksbm.refresh_from_db()
    assert response.status_code == 302
    assert (wksbm.name, wksbm.phone) == ("WKSBM Candirejo Makmur", "+62274391234")


def test_taking_the_current_values_leaves_the_record_as_the_other_person_saved_it(as_penyuluh, wksbm):
    opened = edit_data(wksbm)
    someone_else_saves(wksbm, name="WKSBM Candirejo Rukun")

    conflict = as_penyuluh.post(reverse("wksbm_edit", args=[wksbm.pk]), {**opened, "name": "WKSBM Makmur"})
    page = as_penyuluh.get(reverse("wksbm_detail", args=[wksbm.pk]))

    assert f'href="{reverse("wksbm_detail", args=[wksbm.pk])}">Pakai data terbaru</a>' in conflict.content.decode()
    assert page.context["wksbm"].name == "WKSBM Candirejo Rukun"


def test_a_save_that_agrees_with_the_other_change_goes_through(as_penyuluh, wksbm):
    opened = edit_data(wksbm)
    someone_else_saves(wksbm, name="WKSBM Candirejo Rukun")

    response = as_penyuluh.post(
        reverse("wksbm_edit", args=[wksbm.pk]), {**opened, "name": "WKSBM Candirejo Rukun", "sk_number": "7/2019"}
    )

    wksbm.refresh_from_db()
    assert response.status_code == 302
    assert (wksbm.name, wksbm.sk_number) == ("WKSBM Candirejo Rukun", "7/2019")


def test_a_change_to_another_field_is_still_shown_before_saving(as_penyuluh, wksbm):
    opened = edit_data(wksbm)
    someone_else_saves(wksbm, notes="Rapat bulanan tiap tanggal 5.")

    response = as_penyuluh.post(reverse("wksbm_edit", args=[wksbm.pk]), {**opened, "sk_number": "7/2019"})

    assert response.status_code == 409
    assert [(c.name, c.touched) for c in response.context["conflict"].changes] == [("notes", False)]
    wksbm.refresh_from_db()
    assert (wksbm.sk_number, wksbm.notes) == ("", "Rapat bulanan tiap tanggal 5.")
