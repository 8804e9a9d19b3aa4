"""Area limits everywhere: an Admin provinsi manages only the users whose every area lies in their own, the
national reference lists are changed by superusers alone, and no page names a record outside the user's area."""

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.admin_site import VERSION_FIELD
from registry.enums import Role, WilayahKind, WilayahLevel
from registry.models import ActivityKind, AidPurpose, FundSource, KpsKind, PengurusRole, Wilayah
from registry.roles import role_of, works_in_admin
from registry.services.petugas import petugas_save
from registry.versions import version_of
from tests.admin_forms import form_data
from trainings.models import EventKind, Unsur

PASSWORD = "Gunungkidul-2025!"
NEW_PASSWORD = "Semanu-Baru-2026!"
USERS = "/admin/auth/user/"
# Jawa Tengah: a second province beside DI Yogyakarta's (the `diy` fixture), as the packaged list codes it.
JATENG = [
    ("33", "JAWA TENGAH", WilayahLevel.PROVINSI, WilayahKind.PROVINSI, None),
    ("33.01", "CILACAP", WilayahLevel.KABUPATEN, WilayahKind.KABUPATEN, "33"),
    ("33.01.01", "DAYEUHLUHUR", WilayahLevel.KECAMATAN, WilayahKind.KECAMATAN, "33.01"),
    ("33.01.01.2001", "BINGKENG", WilayahLevel.DESA, WilayahKind.DESA, "33.01.01"),
]


@pytest.fixture
def two_provinces(diy):
    Wilayah.objects.bulk_create(
        Wilayah(code=code, name=name, level=level, kind=kind, parent_id=parent)
        for code, name, level, kind, parent in JATENG
    )


def make_petugas(username: str, role: Role, *areas: str) -> User:
    return petugas_save(by=None, username=username, role=role, area_codes=list(areas), password=PASSWORD)[0]


@pytest.fixture
def diy_admin(client, two_provinces):
    """An Admin provinsi of DI Yogyakarta, logged in."""
    client.force_login(make_petugas("admin_diy", Role.PROVINSI, "34"))
    return client


@pytest.fixture
def in_two_provinces(two_provinces):
    """An operator working in Gunungkidul (DIY) and in Cilacap (Jawa Tengah)."""
    return make_petugas("dua_provinsi", Role.KABUPATEN, "34.03", "33.01")


def group(role: Role) -> Group:
    return Group.objects.get(name=str(role.label))


def change_data(user: User, **changes) -> dict:
    """The limited change form of `user` as an Admin provinsi sends it, with their areas as the inline rows, each
    at the version it is stored at."""
    areas = list(user.areas.order_by("pk"))
    data = {
        VERSION_FIELD: version_of(user),
        "username": user.username,
        "email": user.email,
        "is_active": "on",
        "role": role.value if (role := role_of(user)) else "",
        "areas-TOTAL_FORMS": str(len(areas)),
        "areas-INITIAL_FORMS": str(len(areas)),
        "areas-MIN_NUM_FORMS": "0",
        "areas-MAX_NUM_FORMS": "1000",
    }
    for index, area in enumerate(areas):
        data |= {
            f"areas-{index}-id": area.pk,
            f"areas-{index}-user": user.pk,
            f"areas-{index}-wilayah": area.wilayah_id,
            f"areas-{index}-{VERSION_FIELD}": version_of(area),
        }
    return data | changes


def state(user: User) -> tuple:
    user = User.objects.get(pk=user.pk)
    groups = sorted(user.groups.values_list("name", flat=True))
    areas = sorted(user.areas.values_list("wilayah_id", flat=True))
    return user.password, user.is_staff, user.is_superuser, groups, areas


# --- Users: every area inside the editor's ---------------------------------------------------------------------


def test_a_user_working_in_two_provinces_is_out_of_the_diy_admins_reach(diy_admin, in_two_provinces):
    target = in_two_provinces
    inside = make_petugas("gk", Role.KABUPATEN, "34.03")
    before = state(target)
    pk = target.pk

    listed = diy_admin.get(USERS)
    pages = {
        page: diy_admin.get(f"{USERS}{pk}/{page}").status_code
        for page in ("change/", "password/", "history/", "delete/")
    }
    promoted = diy_admin.post(f"{USERS}{pk}/change/", change_data(target, role=Role.PROVINSI.value))
    new_password = diy_admin.post(f"{USERS}{pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    deleted = diy_admin.post(f"{USERS}{pk}/delete/", {"post": "yes"})
    action = diy_admin.post(USERS, {"action": "delete_selected", "_selected_action": [pk], "post": "yes"})

    assert sorted(u.username for u in listed.context["cl"].result_list) == ["admin_diy", "gk"]
    assert inside.pk in {u.pk for u in listed.context["cl"].result_list}
    assert pages == {"change/": 404, "password/": 404, "history/": 404, "delete/": 404}
    assert (promoted.status_code, new_password.status_code, deleted.status_code) == (404, 404, 404)
    assert action.status_code in (200, 302)
    assert state(target) == before
    assert "dua_provinsi" not in diy_admin.get(USERS, {"q": "dua"}).content.decode()


def test_a_superuser_still_manages_a_user_working_in_two_provinces(client, in_two_provinces):
    client.force_login(User.objects.create_superuser("root"))

    pages = [client.get(f"{USERS}{in_two_provinces.pk}/{page}").status_code for page in ("change/", "password/")]
    changed = client.post(
        f"{USERS}{in_two_provinces.pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert (pages, changed.status_code) == ([200, 200], 302)
    assert User.objects.get(pk=in_two_provinces.pk).check_password(NEW_PASSWORD) is True


def test_the_diy_admin_still_manages_a_user_working_only_in_diy(diy_admin):
    target = make_petugas("gk", Role.KABUPATEN, "34.03", "34.04")

    changed = diy_admin.post(f"{USERS}{target.pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    promoted = diy_admin.post(f"{USERS}{target.pk}/change/", change_data(target, role=Role.PROVINSI.value))

    assert (changed.status_code, promoted.status_code) == (302, 302)
    assert state(target)[3:] == ([str(Role.PROVINSI.label)], ["34.03", "34.04"])
    assert User.objects.get(pk=target.pk).check_password(NEW_PASSWORD) is True


def test_a_user_without_an_area_is_out_of_an_admin_provinsi_reach(diy_admin):
    nowhere = User.objects.create_user("tanpa_wilayah", password=PASSWORD)

    listed = diy_admin.get(USERS)
    opened = diy_admin.get(f"{USERS}{nowhere.pk}/change/")

    assert "tanpa_wilayah" not in {u.username for u in listed.context["cl"].result_list}
    assert opened.status_code == 404


def test_an_admin_provinsi_cannot_leave_a_user_without_an_area(diy_admin):
    target = make_petugas("gk", Role.KABUPATEN, "34.03")
    before = state(target)

    response = diy_admin.post(f"{USERS}{target.pk}/change/", change_data(target, **{"areas-0-DELETE": "on"}))

    assert response.status_code == 200
    assert "Isi paling sedikit satu wilayah kerja di dalam wilayah Anda." in response.content.decode()
    assert state(target) == before


def test_an_admin_provinsi_cannot_add_a_user_without_an_area(diy_admin):
    response = diy_admin.post(
        f"{USERS}add/",
        {
            "username": "tanpa_wilayah",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "role": Role.PENYULUH.value,
            "areas-TOTAL_FORMS": "1",
            "areas-INITIAL_FORMS": "0",
            "areas-0-wilayah": "",
        },
    )

    assert response.status_code == 200
    assert "Isi paling sedikit satu wilayah kerja di dalam wilayah Anda." in response.content.decode()
    assert User.objects.filter(username="tanpa_wilayah").exists() is False


def test_an_admin_provinsi_cannot_give_an_area_of_another_province(diy_admin):
    target = make_petugas("gk", Role.KABUPATEN, "34.03")
    before = state(target)
    data = change_data(target, **{"areas-TOTAL_FORMS": "2", "areas-1-wilayah": "33.01", "areas-1-user": target.pk})

    response = diy_admin.post(f"{USERS}{target.pk}/change/", data)

    assert response.status_code == 200
    assert state(target) == before


def test_an_admin_provinsi_cannot_make_anyone_superuser_or_give_permissions(diy_admin, two_provinces):
    target = User.objects.create_user("tanpa_peran")
    target.areas.create(wilayah_id="34.03")

    response = diy_admin.post(
        f"{USERS}{target.pk}/change/",
        change_data(target, is_superuser="on", user_permissions=["1"], groups=[group(Role.PROVINSI).pk])
        | {"role": Role.PIMPINAN.value, "is_staff": ""},
    )

    # Only the role chosen is given; staff status follows from having a role, whatever was sent.
    assert response.status_code == 302
    assert state(target)[1:4] == (True, False, [str(Role.PIMPINAN.label)])
    assert User.objects.get(pk=target.pk).user_permissions.count() == 0


CODES = ["34", "34.03", "34.03.08", "34.03.08.2004", "34.04", "34.04.07.2003", "33", "33.01", "33.01.01.2001"]


def lies_in(code: str, areas) -> bool:
    return any(code == area or code.startswith(area + ".") for area in areas)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    editor_areas=st.sets(st.sampled_from(CODES), min_size=1, max_size=3),
    user_areas=st.sets(st.sampled_from(CODES), max_size=3),
)
def test_an_admin_provinsi_reaches_a_user_exactly_when_every_area_lies_in_theirs(
    two_provinces, client, editor_areas, user_areas
):
    with transaction.atomic():
        editor = make_petugas("penyunting", Role.PROVINSI, *sorted(editor_areas))
        target = User.objects.create_user("sasaran")
        for code in user_areas:
            target.areas.create(wilayah_id=code)
        client.force_login(editor)

        listed = target.pk in {u.pk for u in client.get(USERS).context["cl"].result_list}
        opened = client.get(f"{USERS}{target.pk}/change/").status_code
        transaction.set_rollback(True)

    expected = bool(user_areas) and all(lies_in(code, editor_areas) for code in user_areas)
    assert (listed, opened) == (expected, 200 if expected else 404)


# --- National reference lists: superusers change them, everyone reads them ---------------------------------------

REFERENCE_MODELS = [KpsKind, PengurusRole, ActivityKind, FundSource, AidPurpose, EventKind, Unsur]


def admin_url(model, suffix: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{suffix}", args=args)


@pytest.mark.parametrize("model", REFERENCE_MODELS, ids=[m._meta.model_name for m in REFERENCE_MODELS])
def test_an_admin_provinsi_reads_but_cannot_change_a_national_list(client, diy, model):
    client.force_login(make_petugas("admin_diy", Role.PROVINSI, "34"))
    entry = model.objects.order_by("pk").first()
    before = (list(model.objects.order_by("pk").values()), model.objects.count())
    data = {"name": "Diubah", "slug": "diubah", "sort_order": "1", "required": "on"}

    statuses = {
        "daftar": client.get(admin_url(model, "changelist")).status_code,
        "buka": client.get(admin_url(model, "change", entry.pk)).status_code,
        "ubah": client.post(admin_url(model, "change", entry.pk), data).status_code,
        "tambah": client.get(admin_url(model, "add")).status_code,
        "tambah (POST)": client.post(admin_url(model, "add"), data).status_code,
        "hapus": client.get(admin_url(model, "delete", entry.pk)).status_code,
        "hapus (POST)": client.post(admin_url(model, "delete", entry.pk), {"post": "yes"}).status_code,
        "urutan di daftar (POST)": client.post(
            admin_url(model, "changelist"),
            {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": entry.pk, "form-0-sort_order": "999"}
            | {"_save": "Simpan"},
        ).status_code,
    }

    assert statuses == {
        "daftar": 200,
        "buka": 200,
        "ubah": 403,
        "tambah": 403,
        "tambah (POST)": 403,
        "hapus": 403,
        "hapus (POST)": 403,
        "urutan di daftar (POST)": 403,
    }
    assert (list(model.objects.order_by("pk").values()), model.objects.count()) == before


@pytest.mark.parametrize("model", REFERENCE_MODELS, ids=[m._meta.model_name for m in REFERENCE_MODELS])
def test_a_superuser_changes_a_national_list(client, diy, model):
    client.force_login(User.objects.create_superuser("root"))
    entry = model.objects.order_by("pk").first()
    change_page = form_data(client.get(admin_url(model, "change", entry.pk)))
    add_page = form_data(client.get(admin_url(model, "add")))

    changed = client.post(
        admin_url(model, "change", entry.pk), change_page | {"name": "Nama Baru", "slug": "nama-baru"}
    )
    added = client.post(admin_url(model, "add"), add_page | {"name": "Tambahan", "slug": "tambahan", "sort_order": "2"})

    assert (changed.status_code, added.status_code) == (302, 302)
    assert model.objects.get(pk=entry.pk).name == "Nama Baru"
    assert model.objects.filter(slug="tambahan").count() == 1


def test_no_role_holds_a_write_permission_on_a_national_list(diy):
    writes = {
        (group_name, codename)
        for group_name, codename in Group.objects.filter(name__in=[str(r.label) for r in Role]).values_list(
            "name", "permissions__codename"
        )
        if codename
        and codename.split("_", 1)[0] in ("add", "change", "delete")
        and codename.split("_", 1)[1] in {m._meta.model_name for m in REFERENCE_MODELS}
    }
    views = set(group(Role.PROVINSI).permissions.values_list("codename", flat=True))

    assert writes == set()
    assert {f"view_{m._meta.model_name}" for m in REFERENCE_MODELS} <= views


# --- No page names a record outside the user's area -------------------------------------------------------------

DESA, KECAMATAN, KABUPATEN, PIMPINAN = "desa", "kecamatan", "kabupaten", "pimpinan"
# Who crawls: a penyuluh of one desa (Candirejo, Semanu), a penyuluh of its kecamatan, an operator of its kabupaten
# and a pimpinan there, who reads every change page as read-only fields.
CRAWLERS = {
    DESA: (Role.PENYULUH, "34.03.08.2004"),
    KECAMATAN: (Role.PENYULUH, "34.03.08"),
    KABUPATEN: (Role.KABUPATEN, "34.03"),
    PIMPINAN: (Role.PIMPINAN, "34.03"),
}
EVERYONE = frozenset(CRAWLERS)
# Paths a crawl never opens: leaving, and the admin's static helpers.
NOT_CRAWLED = re.compile(r"^/(accounts/logout|admin/logout|admin/jsi18n|static|media)/")


@pytest.fixture
def secrets(diy):
    """Records around Candirejo (Semanu) named with words found nowhere else, each with the crawlers who must
    never read its name; and records in Candirejo that point at them. Returns {name: crawlers it is hidden from}."""
    from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory, desa
    from tests.trainings.factories import OutcomeFactory, PenyuluhanFactory, PesertaFactory, ProgramFactory
    from trainings.enums import OutcomeKind

    candirejo = desa("34.03.08.2004")
    kecamatan_wksbm = WksbmFactory(name="WKSBM Zamrud", wilayah=desa("34.03.08"))
    semin_wksbm = WksbmFactory(name="WKSBM Safir", wilayah=desa("34.03.12.2006"))
    sleman_wksbm = WksbmFactory(name="WKSBM Mirah", wilayah=desa("34.04.07.2003"))
    sleman_kps = KpsFactory(name="KPS Kecubung", wilayah=desa("34.04.07.2003"))
    kecamatan_pengurus = PengurusFactory(name="Pengurus Giok", wksbm=kecamatan_wksbm)
    PengurusFactory(name="Pengurus Akik", wksbm=sleman_wksbm)
    kabupaten_program = ProgramFactory(name="Program Pualam", wilayah=desa("34.03"))
    province_program = ProgramFactory(name="Program Marmer", wilayah=desa("34"))
    semanu_program = ProgramFactory(name="Program Intan", wilayah=desa("34.03.08"))
    # An event of Semin left in a program narrowed to Semanu after it was recorded.
    PenyuluhanFactory(theme="Sesi Topas", venue="Balai Opal", program=semanu_program, wilayah=desa("34.03.12.2006"))

    # In Candirejo: a KPS of the kecamatan-level WKSBM, and events of the three programs, one with outcomes and
    # participants elsewhere.
    local_kps = KpsFactory(name="KPS Candirejo Muda", wilayah=candirejo)
    MembershipFactory(kps=local_kps, wksbm=kecamatan_wksbm)
    WksbmFactory(name="WKSBM Candirejo Bersatu", wilayah=candirejo)
    event = PenyuluhanFactory(theme="Sesi Candirejo", program=kabupaten_program, wilayah=candirejo)
    OutcomeFactory(event=event, wksbm=semin_wksbm, kind=OutcomeKind.REVIVED)
    PesertaFactory(event=event, name="Peserta Satu", kps=sleman_kps)
    PesertaFactory(event=event, name="Peserta Dua", pengurus=kecamatan_pengurus)
    PenyuluhanFactory(theme="Sesi Candirejo Dua", program=province_program, wilayah=candirejo)
    PenyuluhanFactory(theme="Sesi Candirejo Tiga", program=semanu_program, wilayah=candirejo)
    return {
        "WKSBM Zamrud": {DESA},
        "Pengurus Giok": {DESA},
        "Program Intan": {DESA},
        "WKSBM Safir": {DESA, KECAMATAN},
        "Program Pualam": {DESA, KECAMATAN},
        "Sesi Topas": {DESA, KECAMATAN},
        "Balai Opal": {DESA, KECAMATAN},
        "WKSBM Mirah": EVERYONE,
        "KPS Kecubung": EVERYONE,
        "Pengurus Akik": EVERYONE,
        "Program Marmer": EVERYONE,
    }


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def crawl(client, starts, limit: int = 400) -> dict[str, str]:
    """Every page reachable by links from `starts` (by path; query strings dropped), GET only: {path: body}."""
    pages, queue = {}, list(starts)
    while queue and len(pages) < limit:
        path = urlsplit(queue.pop(0)).path
        if path in pages or NOT_CRAWLED.match(path):
            continue
        response = client.get(path)
        pages[path] = body(response) if response.status_code == 200 else ""
        for href in re.findall(r'href="([^"#]*)', pages[path]):
            target = urljoin(path, html.unescape(href))
            if target.startswith("/") and urlsplit(target).path not in pages:
                queue.append(target)
    return pages


@pytest.mark.parametrize("who", list(CRAWLERS))
def test_no_page_names_a_record_outside_the_users_area(client, secrets, who):
    role, area = CRAWLERS[who]
    client.force_login(make_petugas(f"petugas_{who}", role, area))
    hidden = sorted(name for name, hidden_from in secrets.items() if who in hidden_from)

    pages = crawl(client, ["/", "/admin/", "/penyuluhan/", "/penyuluhan/kegiatan/", "/rekap/"])

    leaks = {(name, path) for path, text in pages.items() for name in hidden if name in text}
    assert leaks == set(), "\n".join(sorted(f"{name} @ {path}" for name, path in leaks))
    # The crawl reached the pages that point outside: the KPS of the kecamatan's WKSBM (for the desa's penyuluh
    # only in the admin's KPS list, and they do not use the admin), the event with outcomes and participants
    # elsewhere, and a program.
    reached = "\n".join(pages.values())
    assert ("KPS Candirejo Muda" in reached, "Peserta Satu" in reached, "Sesi Candirejo Tiga" in reached) == (
        who != DESA,
        True,
        True,
    )
    assert len(pages) > (40 if works_in_admin(role) else 20)


def selected_option(page: str, name: str) -> tuple[str, str] | None:
    """(value, label) of the selected option of the select box `name` as rendered, or None."""
    select = re.search(rf'<select name="{re.escape(name)}".*?</select>', page, re.S)
    option = re.search(r'<option value="([^"]*)" selected>([^<]*)</option>', select.group(0)) if select else None
    return (option.group(1), html.unescape(option.group(2))) if option else None


def test_a_link_outside_the_area_shows_as_a_placeholder_and_is_kept_on_saving(client, secrets):
    from tests.admin_forms import form_data
    from trainings.models import Penyuluhan, Peserta, Program

    # Working in the desa, in the admin (which the penyuluh do not use).
    client.force_login(make_petugas("petugas_desa", Role.KABUPATEN, CRAWLERS[DESA][1]))
    event = Penyuluhan.objects.get(theme="Sesi Candirejo")
    url = admin_url(Penyuluhan, "change", event.pk)
    peserta = {p.name: p for p in Peserta.objects.filter(event=event)}
    before = [(p.kps_id, p.pengurus_id) for p in Peserta.objects.order_by("pk")]

    opened = client.get(url)
    page = opened.content.decode()
    shown = {
        name: selected_option(page, name)
        for name in ("program", "peserta-0-kps", "peserta-1-pengurus", "peserta-0-pengurus")
    }
    saved = client.post(url, form_data(opened))
    other_program = Program.objects.get(name="Program Marmer")
    moved = client.post(url, form_data(opened) | {"program": other_program.pk})

    outside = "(di luar wilayah Anda)"
    assert shown == {
        "program": (str(event.program_id), outside),
        "peserta-0-kps": (str(peserta["Peserta Satu"].kps_id), outside),
        "peserta-1-pengurus": (str(peserta["Peserta Dua"].pengurus_id), outside),
        "peserta-0-pengurus": None,
    }
    assert (saved.status_code, moved.status_code) == (302, 200)
    assert Penyuluhan.objects.get(pk=event.pk).program.name == "Program Pualam"
    assert [(p.kps_id, p.pengurus_id) for p in Peserta.objects.order_by("pk")] == before


def test_pages_that_point_outside_the_area_say_so(client, secrets):
    from registry.models import Kps
    from trainings.models import Penyuluhan

    # Working in the desa, in the admin (which the penyuluh do not use).
    client.force_login(make_petugas("petugas_desa", Role.KABUPATEN, CRAWLERS[DESA][1]))
    event = Penyuluhan.objects.get(theme="Sesi Candirejo")
    outside = "(di luar wilayah Anda)"

    kps_list = client.get(admin_url(Kps, "changelist"))
    event_page = client.get(reverse("penyuluhan_detail", args=[event.pk])).content.decode()
    event_list = client.get(admin_url(Penyuluhan, "changelist"))

    kps_admin = kps_list.context["cl"].model_admin
    assert [(k.name, kps_admin.current_wksbm(k)) for k in kps_list.context["cl"].result_list] == [
        ("KPS Candirejo Muda", outside)
    ]
    assert f"<dd>{outside}</dd>" in html.unescape(event_page)
    event_admin = event_list.context["cl"].model_admin
    assert sorted(event_admin.program_shown(e) for e in event_list.context["cl"].result_list) == [outside] * 3


def test_a_membership_outside_the_area_is_left_out_of_the_kps_page_and_kept_on_saving(client, secrets):
    from registry.models import Kps, KpsMembership
    from tests.admin_forms import form_data

    # Working in the desa, in the admin (which the penyuluh do not use).
    client.force_login(make_petugas("petugas_desa", Role.KABUPATEN, CRAWLERS[DESA][1]))
    kps = Kps.objects.get(name="KPS Candirejo Muda")
    url = admin_url(Kps, "change", kps.pk)
    before = list(KpsMembership.objects.filter(kps=kps).values_list("wksbm__name", "left_on"))

    opened = client.get(url)
    rows = [inline.formset.initial_form_count() for inline in opened.context["inline_admin_formsets"]]
    saved = client.post(url, form_data(opened) | {"leader": "Ketua Baru"})

    assert (rows, saved.status_code) == ([0], 302)
    assert list(KpsMembership.objects.filter(kps=kps).values_list("wksbm__name", "left_on")) == before
    assert before == [("WKSBM Zamrud", None)]
    assert Kps.objects.get(pk=kps.pk).leader == "Ketua Baru"
