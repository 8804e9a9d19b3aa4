"""The access matrix: every registered admin model and every named URL, for every role, as a user inside and a
user outside the records' area. Each cell is asserted: allowed, or refused (403 without the permission, 404
outside the area) with nothing changed. The number of cells checked is printed at the end of the run.

What each role may do comes from `registry.roles.role_permissions()` (the groups are built from it); the
matrix checks that every page enforces it together with the area.
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.forms.models import model_to_dict
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone

from registry.enums import Role, VerificationState
from registry.models import (
    ActivityKind,
    ActivityReport,
    AidPurpose,
    Attachment,
    AttachmentKind,
    FundCollection,
    FundSource,
    KpsKind,
    MediaType,
    OfficeSettings,
    OpenDataSetting,
    PemutakhiranPeriod,
    PengurusRole,
    VerificationItem,
    Wilayah,
)
from registry.opendata.release import publish_open_data
from registry.reports.snapshots import freeze_rekap
from registry.roles import role_permissions
from registry.scoping import area_code_of, in_area
from registry.services.petugas import petugas_save
from tests.factories import ActivityReportFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.registry.network.world import network_world
from tests.registry.test_office import png_bytes
from tests.trainings.factories import (
    NarasumberFactory,
    OutcomeFactory,
    PenyuluhanFactory,
    PesertaCountFactory,
    PesertaFactory,
    ProgramFactory,
)
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory
from trainings.evaluation_services import Answer, evaluation_create, instrument_indicators
from trainings.models import EventKind, Indicator, Instrument, UjiPetik, UjiPetikItem, Unsur, VisitKind

PASSWORD = "Gunungkidul-2025!"
RECORDS_AREA = "34.03.08.2004"  # Candirejo, Semanu, Gunungkidul: where every scoped record of the world lies
INSIDE = {Role.PROVINSI: "34", Role.KABUPATEN: "34.03", Role.PENYULUH: "34.03.08", Role.PIMPINAN: "34.03"}
OUTSIDE = "34.04"  # Sleman
CELLS = {"count": 0}

# Named URLs outside the admin: what each needs. "write" pages need the listed permissions; all need a login.
FIELD_PAGES = {
    "home": ((), None),
    "wksbm_create": (("registry.add_wksbm",), None),
    "wksbm_detail": ((), "wksbm"),
    "wksbm_edit": (("registry.change_wksbm",), "wksbm"),
    "pengurus_add": (("registry.add_pengurus",), "wksbm"),
    "pengurus_end": (("registry.change_pengurus",), "pengurus"),
    "kps_create": (("registry.add_kps", "registry.add_kpsmembership"), "wksbm"),
    "kps_link": (("registry.add_kpsmembership",), "wksbm"),
    "membership_end": (("registry.change_kpsmembership",), "membership"),
    "report_create": (("registry.add_activityreport",), "wksbm"),
    # Correcting records from the field (registry/views/editing.py and the pages built on it).
    "pengurus_edit": (("registry.change_pengurus",), "pengurus"),
    "kps_edit": (("registry.change_kps",), "membership"),
    "membership_edit": (("registry.change_kpsmembership",), "membership"),
    "report_edit": (("registry.change_activityreport", "registry.delete_fundcollection"), "activityreport"),
    "report_remove": (("registry.delete_activityreport",), "activityreport"),
    "penyuluhan_list": ((), None),
    "penyuluhan_create": (("trainings.add_penyuluhan", "trainings.add_narasumber", "trainings.add_pesertacount"), None),
    "penyuluhan_detail": ((), "event"),
    "penyuluhan_peserta_add": (("trainings.add_peserta",), "event"),
    "penyuluhan_counts": (("trainings.add_pesertacount", "trainings.change_pesertacount"), "event"),
    "penyuluhan_narasumber_add": (("trainings.add_narasumber",), "event"),
    "penyuluhan_outcome_add": (("trainings.add_outcome",), "event"),
    "wksbm_profile": ((), "wksbm"),
    "rekap": (("registry.view_wksbm",), None),
    "rekap_print": (("registry.view_wksbm",), None),
    "rekap_dormant": (("registry.view_wksbm",), None),
    "rekap_export": (("registry.view_wksbm",), None),
    "rekap_list_export": (("registry.view_wksbm",), None),
    "trainings:program_list": ((), None),
    "trainings:program_detail": ((), "program"),
    "trainings:program_report": ((), "program"),
    "trainings:event_report": ((), "event"),
    "trainings:attendance_sheet": ((), "event"),
    "password_change": ((), None),
    "password_change_done": ((), None),
    "login": ((), None),
    # Role landing and navigation (issue 17).
    "attention": (("registry.view_wksbm",), None),
    "attention_export": (("registry.view_wksbm",), None),
    # Printed documents: the office's logo on the kop surat, for every signed-in user.
    "office_logo": ((), None),
    # Training history of pengurus (issue 18).
    "penyuluhan_peserta_match": (("trainings.change_peserta",), "event"),
    "trainings:pengurus_trainings": ((), "trainee"),
    "trainings:untrained_pengurus": ((), None),
    # Evaluations (penilaian), trainings/views/evaluations.py.
    "trainings:evaluation_create": (("trainings.add_evaluasi", "trainings.add_jawaban"), "wksbm"),
    "trainings:evaluation_detail": ((), "evaluasi"),
    "trainings:evaluation_edit": (
        ("trainings.change_evaluasi", "trainings.change_jawaban", "trainings.add_jawaban"),
        "evaluasi",
    ),
    "trainings:evaluation_confirm": (("registry.verify_verificationitem",), "evaluasi"),
    "trainings:evaluation_sheet": ((), "evaluasi"),
    # Uji petik samples (trainings/views/sampling.py).
    "trainings:uji_petik_list": (("trainings.view_ujipetik",), None),
    "trainings:uji_petik_create": (("trainings.add_ujipetik",), None),
    "trainings:uji_petik_detail": ((), "ujipetik"),
    "trainings:uji_petik_print": ((), "ujipetik"),
    "trainings:uji_petik_export": ((), "ujipetik"),
}
# Pendampingan and supervisi visits with their follow-ups.
VISIT_WRITE = ("trainings.add_tindaklanjut", "trainings.change_tindaklanjut")
FIELD_PAGES |= {
    "trainings:visit_list": ((), "wksbm"),
    "trainings:visit_create": (("trainings.add_kunjungan", *VISIT_WRITE), "wksbm"),
    "trainings:visit_detail": ((), "kunjungan"),
    "trainings:visit_edit": (("trainings.change_kunjungan", *VISIT_WRITE), "kunjungan"),
    "trainings:visit_report": ((), "kunjungan"),
    "trainings:follow_up_close": (("trainings.change_tindaklanjut",), "tindaklanjut"),
}
# The network's field pages (registry/views/jejaring.py, mitra.py, forum.py).
FIELD_PAGES |= {
    "tie_add": (("registry.add_jejaring",), "wksbm"),
    "tie_add_new_mitra": (("registry.add_jejaring", "registry.add_mitra"), "wksbm"),
    "tie_edit": (("registry.change_jejaring",), "jejaring"),
    "tie_end": (("registry.change_jejaring",), "jejaring"),
    "mitra_detail": ((), "mitra"),
    "mitra_edit": (("registry.change_mitra",), "mitra"),
    "contact_add": (("registry.add_mitracontact",), "mitra"),
    "contact_edit": (("registry.change_mitracontact",), "mitracontact"),
    "forum_list": ((), None),
    "forum_detail": ((), "forumkomunikasi"),
}
# The picture of the network of a kecamatan (registry/views/network_map.py), by its wilayah code.
MAP_READ = ("registry.view_wksbm", "registry.view_jejaring")
FIELD_PAGES |= {
    "network_map": (MAP_READ, "kecamatan"),
    "network_map_print": (MAP_READ, "kecamatan"),
    "network_map_svg": (MAP_READ, "kecamatan"),
}
# Frozen rekap snapshots (registry/views/snapshots.py), of the records' desa.
FIELD_PAGES |= {
    "rekap_snapshots": (("registry.view_rekapsnapshot",), None),
    "rekap_snapshot_freeze": (("registry.add_rekapsnapshot",), None),
    "rekap_snapshot": ((), "rekapsnapshot"),
    "rekap_snapshot_print": ((), "rekapsnapshot"),
    "rekap_snapshot_export": ((), "rekapsnapshot"),
    "rekap_snapshot_compare": ((), "rekapsnapshot"),
}
# The update cycle (registry/views/pemutakhiran.py): confirming a WKSBM checked, the periods, a compliance table.
FIELD_PAGES |= {
    "wksbm_check": (("registry.add_pemutakhirancheck",), "wksbm"),
    "pemutakhiran_list": (("registry.view_wksbm",), None),
    "pemutakhiran_compliance": (("registry.view_wksbm",), "pemutakhiranperiod"),
    "pemutakhiran_export": (("registry.view_wksbm",), "pemutakhiranperiod"),
}
# The verification queue (registry/views/verification.py): the operators' queue, and sending a returned item again.
FIELD_PAGES |= {
    "verification_queue": (("registry.verify_verificationitem",), None),
    "verification_send_again": (("registry.change_wksbm",), "verificationitem"),
}
# The user's own notifications (registry/views/notifications.py): every signed-in user has their list.
FIELD_PAGES |= {"notification_list": ((), None)}
# Documents and photos (registry/views/attachments.py): a file is served to whoever sees its record.
FIELD_PAGES |= {"attachment_file": ((), "attachment"), "attachment_thumbnail": ((), "attachment")}
# Adding one to the WKSBM and removing one (registry/views/attachment_pages.py): whoever may change the record.
ATTACH = ("registry.add_attachment", "registry.change_wksbm")
FIELD_PAGES |= {"attachment_add": (ATTACH, "attachment_target"), "attachment_remove": (ATTACH, "attachment")}
# The API's pages for people: each user's own tokens, the documentation and the schema, for every signed-in user.
# The API's endpoints (namespace "api") have their own matrix, generated from its router: tests/api/test_matrix.py.
FIELD_PAGES |= {"api_tokens": ((), None), "api_docs": ((), None), "api_schema": ((), None)}
# The public open data (registry/views/opendata.py): no login, the same for every role, inside or outside the area,
# and for an anonymous visitor; target as for FIELD_PAGES (a province or kecamatan by its code).
PUBLIC_PAGES = {
    "open_data": None,
    "open_data_csv": None,
    "open_data_json": None,
    "open_data_metadata": None,
    "open_data_wilayah": "kecamatan",
    "open_data_province_csv": "provinsi",
    "open_data_province_json": "provinsi",
    "open_data_province_metadata": "provinsi",
    "open_data_directory": "provinsi",
}
# Named URLs not in the matrix, and why.
NOT_IN_MATRIX = {"logout": "POST only; it ends the session the matrix uses"}
# A notification is its owner's, not an area's: test_a_notification_opens_for_its_owner_alone below.
NOT_IN_MATRIX |= {"notification_open": "owner-scoped, not area-scoped"}


@pytest.fixture
def world(diy, settings, tmp_path):
    """One of every record, all in Candirejo (Semanu, Gunungkidul), plus a colleague working there, and the
    office's settings with a logo (uploaded into a temporary media directory)."""
    settings.MEDIA_ROOT = tmp_path
    office_settings = OfficeSettings.current()
    office_settings.logo.save("logo.png", ContentFile(png_bytes()), save=False)
    office_settings.save()
    wksbm = WksbmFactory(name="WKSBM Matriks")
    pengurus = PengurusFactory(wksbm=wksbm)
    membership = MembershipFactory(wksbm=wksbm)
    report = ActivityReportFactory(wksbm=wksbm)
    FundCollection.objects.create(report=report, source=FundSource.objects.first(), amount=1000)
    program = ProgramFactory(wilayah=Wilayah.objects.get(code="34.03.08"))
    event = PenyuluhanFactory(program=program)
    NarasumberFactory(event=event)
    PesertaFactory(event=event)
    PesertaCountFactory(event=event)
    OutcomeFactory(event=event, wksbm=wksbm)
    colleague = petugas_save(
        by=None, username="kolega", role=Role.KABUPATEN, area_codes=[RECORDS_AREA], password=PASSWORD
    )[0]
    instrument = Instrument.objects.get(is_example=True)
    evaluasi = evaluation_create(
        by=colleague,
        wksbm=wksbm,
        instrument=instrument,
        evaluated_on=datetime.date(2026, 1, 5),
        answers=[Answer(i, list(i.options.all())[0]) for i in instrument_indicators(instrument)],
    )
    sample = UjiPetik.objects.create(
        wilayah=Wilayah.objects.get(code="34.03"),
        size=1,
        seed=7,
        populations={"34.03": 1},
        drawn_by=colleague,
        drawn_at=timezone.now(),
    )
    UjiPetikItem.objects.create(uji_petik=sample, wksbm=wksbm, position=1)
    visit = KunjunganFactory(wksbm=wksbm, visitor=None, visitor_name="Pak Darto", visitor_role="tksk")
    visit.pengurus_present.set([pengurus])
    follow_up = TindakLanjutFactory(visit=visit)
    # The province's open data down to desa, with its directory: published once, read by everyone.
    open_data = OpenDataSetting.objects.create(wilayah_id="34", lowest_level=4, directory_enabled=True)
    publish_open_data()
    return {
        "opendatasetting": open_data,
        "provinsi": Wilayah.objects.get(code="34"),
        "kunjungan": visit,
        "tindaklanjut": follow_up,
        "visitkind": VisitKind.objects.first(),
        "wksbm": wksbm,
        "pengurus": pengurus,
        "kps": membership.kps,
        "membership": membership,
        "activityreport": report,
        "program": program,
        "penyuluhan": event,
        "event": event,
        "user": colleague,
        "group": Group.objects.get(name=str(Role.KABUPATEN.label)),
        "wilayah": Wilayah.objects.get(code=RECORDS_AREA),
        "kecamatan": Wilayah.objects.get(code="34.03.08"),  # the network picture's wilayah (Semanu)
        "kpskind": KpsKind.objects.first(),
        "pengurusrole": PengurusRole.objects.first(),
        "activitykind": ActivityKind.objects.first(),
        "fundsource": FundSource.objects.first(),
        "aidpurpose": AidPurpose.objects.first(),
        "eventkind": EventKind.objects.first(),
        "unsur": Unsur.objects.first(),
        "officesettings": office_settings,
        "trainee": pengurus,  # a pengurus by its own id (trainings:pengurus_trainings)
        "instrument": instrument,
        "indicator": Indicator.objects.filter(aspect__instrument=instrument).first(),
        "evaluasi": evaluasi,
        "ujipetik": sample,
        "rekapsnapshot": freeze_rekap(by=colleague, area_code=RECORDS_AREA, title="Rekap Matriks"),
        **network_world(wksbm),
        # A past period of the records' kabupaten: one the outside user (Sleman) does not see.
        "pemutakhiranperiod": PemutakhiranPeriod.objects.create(
            name="Pemutakhiran Matriks",
            wilayah_id="34.03",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 2, 1),
        ),
        # The record an attachment is added to (attachment_add, addressed by its kind and id) and the kinds.
        "attachment_target": wksbm,
        "attachmentkind": AttachmentKind.objects.get(slug="foto-kegiatan"),
        # A photo on the WKSBM, with its thumbnail.
        "attachment": Attachment.objects.create(
            record=wksbm,
            kind=AttachmentKind.objects.get(slug="foto-kegiatan"),
            title="Foto rapat pengurus",
            file=ContentFile(png_bytes("JPEG"), "foto.jpg"),
            thumbnail=ContentFile(png_bytes("JPEG"), "kecil.jpg"),
            media_type=MediaType.JPEG,
            size=len(png_bytes("JPEG")),
            sha256="0" * 64,
        ),
        # A change of the WKSBM sent from the field and returned with a reason.
        "verificationitem": VerificationItem.objects.create(
            record=wksbm,
            kind="wksbm",
            change="perubahan",
            wilayah_id=RECORDS_AREA,
            wksbm=wksbm,
            title="WKSBM: WKSBM Matriks",
            changes=[["status", "Aktif", "Vakum"]],
            state=VerificationState.DIKEMBALIKAN,
            reason="Tanggal perubahan status belum diisi.",
            submitted_at=timezone.now(),
            decided_by=colleague,
            decided_at=timezone.now(),
        ),
    }


def snapshot(world) -> dict:
    """Every world record's stored fields, and the row counts, to show a refused request changed nothing."""
    state = {}
    for key, obj in world.items():
        fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
        state[key] = model_to_dict(fresh) if fresh else None
    state["counts"] = tuple(m.objects.count() for m in (ActivityReport, User, Group, Wilayah))
    return state


def scoped(model) -> bool:
    """Whether the admin limits `model` to the user's area. The wilayah tree is the official, public list:
    everyone with access reads all of it (choosing a wilayah is scoped; see test_admin_users)."""
    return model is User or (model is not Wilayah and hasattr(model._default_manager.all(), "for_user"))


def reaches(user, obj, inside: bool) -> bool:
    """Whether the admin shows `obj` to `user`: a record not scoped by area always; a scoped one when its wilayah
    lies in the user's area (a province's open data setting lies above a kabupaten operator's area), or for a
    record scoped otherwise (a user) when the user works inside the records' area."""
    if not scoped(type(obj)):
        return True
    code = area_code_of(obj)
    return inside if code is None else in_area(user, code)


def admin_url(obj, suffix: str) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{suffix}", args=[obj.pk])


def may(role: Role, app: str, codename: str) -> bool:
    return (app, codename) in role_permissions()[role]


def check(response, expected: int, cell: str) -> None:
    CELLS["count"] += 1
    assert response.status_code == expected, f"{cell}: {response.status_code} instead of {expected}"


USERS = [(role, where) for role in Role for where in ("inside", "outside")]


def log_in(client, role: Role, where: str) -> User:
    """Logs in a user of `role` working inside the records' area or outside it (Sleman)."""
    area = INSIDE[role] if where == "inside" else OUTSIDE
    user, _ = petugas_save(by=None, username="penguji", role=role, area_codes=[area], password=PASSWORD)
    client.force_login(user)
    return user


@pytest.mark.parametrize(("role", "where"), USERS, ids=[f"{r.value}-{w}" for r, w in USERS])
def test_every_admin_page_respects_role_and_area(client, world, role, where):
    user = log_in(client, role, where)
    inside = where == "inside"
    before = snapshot(world)
    covered = set()
    if role == Role.PENYULUH:
        # The penyuluh works on the field pages only: every admin page refuses them.
        for model in admin.site._registry:
            covered.add(model._meta.model_name)
            obj = world[model._meta.model_name]
            for url in (
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add"),
                admin_url(obj, "change"),
                admin_url(obj, "history"),
                admin_url(obj, "delete"),
            ):
                response = client.get(url)
                check(response, 403, f"{model._meta.model_name} (penyuluh)")
            check(client.post(admin_url(obj, "change"), {}), 403, f"{model._meta.model_name} ubah (penyuluh)")
        assert snapshot(world) == before
        return

    for model, model_admin in admin.site._registry.items():
        app, name = model._meta.app_label, model._meta.model_name
        obj = world[name]
        covered.add(name)
        in_reach = reaches(user, obj, inside)
        read_only = model is Wilayah  # the official tree: superusers only
        can_view = may(role, app, f"view_{name}") or may(role, app, f"change_{name}")
        can = {action: may(role, app, f"{action}_{name}") and not read_only for action in ("add", "change", "delete")}

        listed = client.get(reverse(f"admin:{app}_{name}_changelist"))
        check(listed, 200 if can_view else 403, f"{name} daftar")
        if can_view:
            CELLS["count"] += 1
            shown = listed.context["cl"].queryset.filter(pk=obj.pk).exists()
            assert shown is in_reach, f"{name} daftar: record shown={shown}"

        refused = 404 if not in_reach else 403
        check(client.get(admin_url(obj, "change")), 200 if in_reach and can_view else refused, f"{name} buka")
        check(client.post(admin_url(obj, "change"), {}), 200 if in_reach and can["change"] else refused, f"{name} ubah")
        check(client.get(admin_url(obj, "delete")), 200 if in_reach and can["delete"] else refused, f"{name} hapus")
        if not (in_reach and can["delete"]):
            check(client.post(admin_url(obj, "delete"), {"post": "yes"}), refused, f"{name} hapus (POST)")
        check(client.get(reverse(f"admin:{app}_{name}_add")), 200 if can["add"] else 403, f"{name} tambah")
        if hasattr(model_admin, "history_view"):
            check(client.get(admin_url(obj, "history")), 200 if in_reach and can_view else refused, f"{name} riwayat")
        for action, allowed in (
            ("import", can["add"] and role not in (Role.PENYULUH, Role.PIMPINAN)),
            ("export", can_view),
        ):
            try:
                url = reverse(f"admin:{app}_{name}_{action}")
            except NoReverseMatch:
                continue
            check(client.get(url), 200 if allowed else 403, f"{name} {action}")

    assert covered == {m._meta.model_name for m in admin.site._registry}
    assert snapshot(world) == before


def named_urls() -> set[str]:
    """Every named URL of the project outside the admin, namespaced."""
    names = set()

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if pattern.namespace not in ("admin", "api"):
                    walk(pattern, inner)
            elif pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver(), "")
    return names


def test_every_named_url_is_in_the_matrix():
    assert named_urls() == set(FIELD_PAGES) | set(PUBLIC_PAGES) | set(NOT_IN_MATRIX)


def page_url(name: str, target: str | None, world) -> str:
    if target is None:
        return reverse(name)
    obj = world[target]
    if target == "mitracontact":
        return reverse(name, args=[obj.mitra_id, obj.pk])
    if target == "attachment_target":
        return reverse(name, args=[obj._meta.label_lower, obj.pk])
    if target in ("pengurus", "membership", "activityreport", "jejaring"):
        return reverse(name, args=[obj.wksbm_id, obj.pk])
    return reverse(name, args=[obj.pk])


@pytest.mark.parametrize(("role", "where"), USERS, ids=[f"{r.value}-{w}" for r, w in USERS])
def test_every_named_page_respects_role_and_area(client, world, role, where):
    user = log_in(client, role, where)
    inside = where == "inside"
    before = snapshot(world)

    for name, (permissions, target) in FIELD_PAGES.items():
        allowed = all(user.has_perm(permission) for permission in permissions)
        url = page_url(name, target, world)
        expected = 404 if target and not inside else (200 if allowed else 403)
        check(client.get(url), expected, f"{name} GET")
        if permissions:
            refused = 404 if target and not inside else 403
            if expected != 200:
                check(client.post(url, {}), refused, f"{name} POST")

    home = client.get(reverse("home")).content.decode()
    CELLS["count"] += 1
    assert ("WKSBM Matriks" in home) is inside
    listed = b"".join(client.get(reverse("rekap_list_export"), {"format": "csv"}).streaming_content).decode()
    CELLS["count"] += 1
    assert ("WKSBM Matriks" in listed) is inside
    assert snapshot(world) == before


def test_anonymous_users_are_sent_to_the_login_page(client, world):
    for name, (_permissions, target) in FIELD_PAGES.items():
        if name in ("login",):
            continue
        response = client.get(page_url(name, target, world))
        CELLS["count"] += 1
        if name == "api_schema":  # an API view: it asks for a token instead of sending to the login page
            assert response.status_code == 401, name
            continue
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login")), name


@pytest.mark.parametrize(
    ("role", "where"), [*USERS, (None, "anonim")], ids=[*(f"{r.value}-{w}" for r, w in USERS), "anonim"]
)
def test_the_public_open_data_answers_everyone_alike(client, world, role, where):
    """Every role, inside or outside the area, and an anonymous visitor read the same public pages and files,
    publicly cacheable, and a write is refused."""
    if role is not None:
        log_in(client, role, where)
    for name, target in PUBLIC_PAGES.items():
        url = page_url(name, target, world)
        response = client.get(url)
        check(response, 200, f"{name} GET")
        assert response["Cache-Control"].startswith("public"), name
        check(client.post(url, {}), 405, f"{name} POST")


@pytest.mark.parametrize(("role", "where"), USERS, ids=[f"{r.value}-{w}" for r, w in USERS])
def test_a_notification_opens_for_its_owner_alone(client, world, role, where):
    """Whatever their role or area, a user opens and marks their own notification and gets 404 for a colleague's
    of the same area, which stays unread."""
    from registry.models import Notification, NotificationKind

    user = log_in(client, role, where)
    mine, theirs = (
        Notification.objects.create(
            user=owner,
            kind=NotificationKind.ANTREAN,
            text="1 data menunggu verifikasi.",
            url="/",
            created_at=timezone.now(),
        )
        for owner in (user, world["user"])
    )

    check(client.get(reverse("notification_open", args=[theirs.pk])), 404, "notification_open (milik orang lain)")
    check(
        client.post(reverse("notification_list"), {"baca": theirs.pk}), 404, "notification_list baca (milik orang lain)"
    )
    check(client.get(reverse("notification_open", args=[mine.pk])), 302, "notification_open")
    assert [
        n.read_at is not None for n in (Notification.objects.get(pk=mine.pk), Notification.objects.get(pk=theirs.pk))
    ] == [True, False]
