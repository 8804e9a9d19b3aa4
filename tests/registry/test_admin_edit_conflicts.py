"""No lost updates in the admin: a stale change page is refused and shows both values; an add form sent twice
creates one record; two people adding the same WKSBM at the same moment get a message, not an error page."""

import contextlib
import datetime
import threading

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.test import Client
from django.urls import reverse

from registry.enums import Role
from registry.models import (
    ActivityKind,
    ActivityReport,
    AidDistribution,
    AidPurpose,
    AttachmentKind,
    FormSubmission,
    FundCollection,
    FundSource,
    Kps,
    KpsKind,
    KpsMembership,
    OfficeSettings,
    OpenDataSetting,
    PemutakhiranPeriod,
    Pengurus,
    PengurusRole,
    RekapSnapshot,
    UserArea,
    VerificationItem,
    Wilayah,
    Wksbm,
)
from registry.roles import role_group
from tests.admin_forms import form_data
from tests.factories import (
    ActivityReportFactory,
    KpsFactory,
    MembershipFactory,
    PengurusFactory,
    WksbmFactory,
    desa,
)
from tests.registry.network.world import EDIT_CONFLICT_OBJECTS, EDIT_CONFLICT_PARENTS, EDIT_CONFLICT_ROWS
from tests.registry.pemutakhiran.conftest import open_period as pemutakhiran_period
from tests.trainings.evaluations.conftest import evaluate
from tests.trainings.factories import (
    NarasumberFactory,
    OutcomeFactory,
    PenyuluhanFactory,
    PesertaCountFactory,
    PesertaFactory,
    ProgramFactory,
)
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory
from trainings.models import (
    AnswerOption,
    Aspect,
    Evaluasi,
    EvaluationClass,
    EventKind,
    Indicator,
    Instrument,
    Jawaban,
    Kunjungan,
    Narasumber,
    Outcome,
    Penyuluhan,
    Peserta,
    PesertaCount,
    Program,
    TindakLanjut,
    UjiPetik,
    Unsur,
    VisitKind,
)

pytestmark = pytest.mark.usefixtures("diy")

ELSEWHERE = "Diubah di tempat lain"
CONFLICT = "Data ini sudah diubah orang lain setelah Anda membuka halaman ini."


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("dinsos")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def add_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def stored(obj) -> dict:
    """The row of `obj` as stored now, every concrete field."""
    return type(obj)._base_manager.filter(pk=obj.pk).values().get()


def reference_entry(model):
    return model.objects.create(name="Entri uji", slug="entri-uji", sort_order=900)


def penyuluh(username: str = "budi") -> User:
    """A user with a role (the users' page requires one of everyone but a superuser)."""
    user = User.objects.create_user(username, email="budi@example.org")
    user.groups.add(role_group(Role.PENYULUH))
    return user


def office_settings() -> OfficeSettings:
    """The office's one settings record, filled in as the admin's form requires."""
    office = OfficeSettings.current()
    office.instansi, office.address, office.phone, office.signing_place = (
        "Dinas Sosial",
        "Jalan Janti",
        "+62274514319",
        "Yogyakarta",
    )
    office.save()
    return office


# Every admin registered on the site: how to make an object for its change page, and a text field someone else
# changes while the page is open (to `ELSEWHERE`, or to the entry's third item where the field must be valid
# for the page to be saved again). A new admin without an entry here fails the tests below.
OBJECTS = {
    Group: (lambda: Group.objects.create(name="Grup uji"), "name"),
    User: (penyuluh, "email", "lain@example.org"),
    OfficeSettings: (office_settings, "address"),
    Wilayah: (lambda: desa("34.03.08.2004"), "name"),
    Wksbm: (WksbmFactory, "address"),
    Pengurus: (PengurusFactory, "name"),
    Kps: (KpsFactory, "leader"),
    ActivityReport: (ActivityReportFactory, "description"),
    KpsKind: (lambda: reference_entry(KpsKind), "name"),
    PengurusRole: (lambda: reference_entry(PengurusRole), "name"),
    ActivityKind: (lambda: reference_entry(ActivityKind), "name"),
    FundSource: (lambda: reference_entry(FundSource), "name"),
    AidPurpose: (lambda: reference_entry(AidPurpose), "name"),
    Penyuluhan: (PenyuluhanFactory, "venue"),
    Program: (ProgramFactory, "organiser"),
    EventKind: (lambda: reference_entry(EventKind), "name"),
    AttachmentKind: (lambda: reference_entry(AttachmentKind), "name"),
    Unsur: (lambda: reference_entry(Unsur), "name"),
    Kunjungan: (KunjunganFactory, "findings"),
    TindakLanjut: (TindakLanjutFactory, "responsible"),
    VisitKind: (lambda: reference_entry(VisitKind), "name"),
    Instrument: (lambda: Instrument.objects.get(is_example=True), "description"),
    Indicator: (lambda: Indicator.objects.filter(aspect__instrument__is_example=True).first(), "text"),
    Evaluasi: (lambda: evaluate(WksbmFactory(), Instrument.objects.get(is_example=True), penyuluh()), "notes"),
}
OBJECTS |= EDIT_CONFLICT_OBJECTS
# The update cycle's periods (registry/admin/pemutakhiran.py).
OBJECTS[PemutakhiranPeriod] = (pemutakhiran_period, "name")
# A province's open data setting (registry/admin/opendata.py): someone else lowers what is public to the kabupaten.
OBJECTS[OpenDataSetting] = (lambda: OpenDataSetting.objects.create(wilayah_id="34", lowest_level=4), "lowest_level", 2)


def shown(model, field, value):
    """`value` of `field` as the conflict page names it: a choice by its label."""
    return dict(model._meta.get_field(field).flatchoices).get(value, value)


def other_write(model):
    """How to make `model`'s object, the field someone else changes, and the value they write."""
    make, field, *value = OBJECTS[model]
    return make, field, (value or [ELSEWHERE])[0]


# Admins whose records nobody changes (an uji petik draw, a frozen rekap, a verification item, which only the
# queue's confirm and return write): no change page to open stale.
NEVER_CHANGED = {UjiPetik, RekapSnapshot, VerificationItem}


def registered_models():
    changed = (model for model in admin.site._registry if model not in NEVER_CHANGED)
    return sorted(changed, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_a_stale_change_page_of_every_admin_is_refused_and_changes_nothing(superuser_client, model):
    make, field, elsewhere = other_write(model)
    obj = make()
    url = change_url(obj)
    opened = form_data(superuser_client.get(url))
    # Someone else's write that leaves neither `updated_at` nor history behind (an import's bulk update).
    model._base_manager.filter(pk=obj.pk).update(**{field: elsewhere})
    before = stored(obj)

    response = superuser_client.post(url, opened)

    assert response.status_code == 409
    assert stored(obj) == before
    [conflict] = response.context["edit_conflicts"]
    assert [(c.name, c.theirs, c.touched) for c in conflict["conflict"].changes] == [
        (field, shown(model, field, elsewhere), False)
    ]
    assert CONFLICT in response.content.decode()


@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_the_page_offered_again_after_a_conflict_saves_and_keeps_the_other_change(superuser_client, model):
    make, field, elsewhere = other_write(model)
    obj = make()
    url = change_url(obj)
    opened = form_data(superuser_client.get(url))
    model._base_manager.filter(pk=obj.pk).update(**{field: elsewhere})
    offered = form_data(superuser_client.post(url, opened))

    response = superuser_client.post(url, offered)

    assert response.status_code == 302
    assert stored(obj)[field] == elsewhere


def test_a_field_both_changed_shows_both_values_and_keeping_mine_saves_mine(superuser_client):
    wksbm = WksbmFactory(address="Jl. Lama")
    url = change_url(wksbm)
    opened = form_data(superuser_client.get(url))
    Wksbm.objects.filter(pk=wksbm.pk).update(address="Jl. Mereka", sk_number="SK-9")

    refused = superuser_client.post(url, {**opened, "address": "Jl. Saya"})
    kept = superuser_client.post(url, form_data(refused))

    [conflict] = refused.context["edit_conflicts"]
    assert [(c.label, c.mine, c.theirs, c.touched) for c in conflict["conflict"].changes] == [
        ("Alamat sekretariat", "Jl. Saya", "Jl. Mereka", True),
        ("Nomor SK", "(kosong)", "SK-9", False),
    ]
    assert (refused.status_code, kept.status_code) == (409, 302)
    assert f'<a href="{url}">pakai data tersimpan</a>' in refused.content.decode()
    assert (stored(wksbm)["address"], stored(wksbm)["sk_number"]) == ("Jl. Saya", "SK-9")


def test_a_conflict_names_who_saved_and_when_where_history_knows(superuser_client):
    wksbm = WksbmFactory()
    url = change_url(wksbm)
    opened = form_data(superuser_client.get(url))
    other = Client()
    other.force_login(User.objects.create_superuser("sri", first_name="Sri", last_name="Lestari"))
    other.post(url, {**form_data(other.get(url)), "address": "Jl. Sri"})

    response = superuser_client.post(url, opened)

    [conflict] = response.context["edit_conflicts"]
    assert (conflict["conflict"].by.username, response.status_code) == ("sri", 409)
    assert "diubah oleh Sri Lestari" in response.content.decode()


def test_a_term_ended_on_the_phone_is_not_reopened_by_a_stale_admin_page(superuser_client, superuser):
    wksbm = WksbmFactory(address="Jl. Lama")
    sutrisno = PengurusFactory(wksbm=wksbm, name="Sutrisno")
    url = change_url(wksbm)
    opened = form_data(superuser_client.get(url))
    phone = Client()
    phone.force_login(superuser)
    ended = phone.post(reverse("pengurus_end", args=[wksbm.pk, sutrisno.pk]), {"on": "17/06/2025"})

    refused = superuser_client.post(url, {**opened, "address": "Jl. Baru"})
    saved = superuser_client.post(url, form_data(refused))

    sutrisno.refresh_from_db()
    [conflict] = refused.context["edit_conflicts"]
    assert (ended.status_code, refused.status_code, saved.status_code) == (302, 409, 302)
    assert [(c.name, c.mine, c.theirs, c.touched) for c in conflict["conflict"].changes] == [
        ("period_to", "(kosong)", "17 Juni 2025", False)
    ]
    assert (sutrisno.period_to, stored(wksbm)["address"]) == (datetime.date(2025, 6, 17), "Jl. Baru")


def fund_line(report):
    return FundCollection.objects.create(report=report, source=FundSource.objects.first(), amount=100_000)


def aid_line(report):
    return AidDistribution.objects.create(
        report=report, purpose=AidPurpose.objects.first(), amount=50_000, beneficiaries=3
    )


def user_area(user):
    return UserArea.objects.create(user=user, wilayah=desa("34.03.08.2004"))


# Every inline of every admin: how to make its parent and one row, and a field someone else changes.
PARENTS = {
    Wksbm: WksbmFactory,
    Kps: KpsFactory,
    ActivityReport: ActivityReportFactory,
    Penyuluhan: PenyuluhanFactory,
    Program: ProgramFactory,
    User: penyuluh,
    Kunjungan: KunjunganFactory,
    Instrument: lambda: Instrument.objects.create(name="Instrumen uji"),
    Indicator: lambda: Indicator.objects.create(
        aspect=Aspect.objects.create(instrument=Instrument.objects.create(name="Instrumen uji"), name="Aspek uji"),
        text="Indikator uji",
    ),
    Evaluasi: lambda: evaluate(WksbmFactory(), Instrument.objects.get(is_example=True), penyuluh()),
}
ROWS = {
    (Wksbm, Pengurus): (lambda parent: PengurusFactory(wksbm=parent), "name", ELSEWHERE),
    (Wksbm, KpsMembership): (lambda parent: MembershipFactory(wksbm=parent), "left_on", datetime.date(2024, 1, 31)),
    (Wksbm, ActivityReport): (lambda parent: ActivityReportFactory(wksbm=parent), "description", ELSEWHERE),
    (Kps, KpsMembership): (lambda parent: MembershipFactory(kps=parent), "left_on", datetime.date(2024, 1, 31)),
    (ActivityReport, FundCollection): (fund_line, "amount", 250_000),
    (ActivityReport, AidDistribution): (aid_line, "beneficiaries", 7),
    (Penyuluhan, PesertaCount): (lambda parent: PesertaCountFactory(event=parent), "count", 9),
    (Penyuluhan, Peserta): (lambda parent: PesertaFactory(event=parent), "name", ELSEWHERE),
    (Penyuluhan, Narasumber): (lambda parent: NarasumberFactory(event=parent), "topic", ELSEWHERE),
    (Penyuluhan, Outcome): (lambda parent: OutcomeFactory(event=parent), "notes", ELSEWHERE),
    (Program, Outcome): (
        lambda parent: OutcomeFactory(event=None, program=parent, wksbm=WksbmFactory()),
        "notes",
        ELSEWHERE,
    ),
    (User, UserArea): (user_area, "wilayah_id", "34.03.08.2001"),
    (Instrument, Aspect): (
        lambda parent: Aspect.objects.create(instrument=parent, name="Aspek uji"),
        "name",
        ELSEWHERE,
    ),
    (Instrument, EvaluationClass): (
        lambda parent: EvaluationClass.objects.create(instrument=parent, name="Kelas uji", min_score=0, max_score=9),
        "name",
        ELSEWHERE,
    ),
    (Indicator, AnswerOption): (
        lambda parent: AnswerOption.objects.create(indicator=parent, label="Jawaban uji", score=1),
        "label",
        ELSEWHERE,
    ),
    (Evaluasi, Jawaban): (lambda parent: parent.answers.first(), "note", ELSEWHERE),
    (Kunjungan, TindakLanjut): (lambda parent: TindakLanjutFactory(visit=parent), "responsible", ELSEWHERE),
}
PARENTS |= EDIT_CONFLICT_PARENTS
ROWS |= EDIT_CONFLICT_ROWS


def registered_inlines():
    """Every inline whose rows can be changed on its admin's page (a read-only one, as the attachments', has no row
    to send stale)."""
    return [
        (model, inline.model)
        for model in registered_models()
        for inline in admin.site._registry[model].inlines
        if not inline.fields or set(inline.fields) - set(inline.readonly_fields)
    ]


@pytest.mark.parametrize(
    ("parent_model", "row_model"),
    registered_inlines(),
    ids=lambda model: model._meta.label,
)
def test_a_stale_inline_row_of_every_admin_is_refused_and_changes_nothing(superuser_client, parent_model, row_model):
    parent = PARENTS[parent_model]()
    make_row, field, value = ROWS[(parent_model, row_model)]
    row = make_row(parent)
    url = change_url(parent)
    opened = form_data(superuser_client.get(url))
    row_model._base_manager.filter(pk=row.pk).update(**{field: value})
    rows_before = list(row_model._base_manager.filter(pk=row.pk).values())
    parent_before = stored(parent)

    refused = superuser_client.post(url, opened)
    after_refusal = (list(row_model._base_manager.filter(pk=row.pk).values()), stored(parent))
    saved = superuser_client.post(url, form_data(refused))

    assert refused.status_code == 409
    [conflict] = refused.context["edit_conflicts"]
    assert [c.name for c in conflict["conflict"].changes] == [field.removesuffix("_id")]
    assert after_refusal == (rows_before, parent_before)
    # The page offered again saves, and does not undo the other person's change either.
    assert saved.status_code == 302
    assert list(row_model._base_manager.filter(pk=row.pk).values()) == rows_before


def test_a_row_deleted_meanwhile_refuses_the_save_and_the_page_offered_again_saves(superuser_client):
    wksbm = WksbmFactory(address="Jl. Lama")
    gone = PengurusFactory(wksbm=wksbm, name="Pengurus Dihapus")
    kept = PengurusFactory(wksbm=wksbm, name="Pengurus Tetap")
    url = change_url(wksbm)
    opened = form_data(superuser_client.get(url))
    gone.delete()

    refused = superuser_client.post(url, {**opened, "address": "Jl. Baru"})
    page = refused.content.decode()
    saved = superuser_client.post(url, form_data(refused))

    assert refused.status_code == 409
    assert "ditandai hapus" in page
    # Both rows still shown, each with what was sent for it; the gone one marked for deletion.
    assert ('value="Pengurus Dihapus"' in page, 'value="Pengurus Tetap"' in page) == (True, True)
    assert '<input type="checkbox" name="pengurus-0-DELETE" id="id_pengurus-0-DELETE" checked>' in page
    assert saved.status_code == 302
    assert stored(wksbm)["address"] == "Jl. Baru"
    assert list(Pengurus.objects.filter(wksbm=wksbm).values_list("pk", "name")) == [(kept.pk, "Pengurus Tetap")]


def test_a_change_page_sent_without_its_version_is_refused(superuser_client):
    wksbm = WksbmFactory(address="Jl. Lama")
    url = change_url(wksbm)
    opened = form_data(superuser_client.get(url))
    del opened["version_stamp"]

    response = superuser_client.post(url, {**opened, "address": "Jl. Baru"})

    assert response.status_code == 200
    assert "Formulir ini tidak lengkap; buka lagi halaman ubah dan isi ulang." in response.content.decode()
    assert stored(wksbm)["address"] == "Jl. Lama"


def test_the_stamp_never_carries_a_nik(superuser_client):
    pengurus = PengurusFactory(nik="3403081708900001")

    page = superuser_client.get(change_url(pengurus.wksbm)).content.decode()

    assert "3403081708900001" not in page


# --- Adding ----------------------------------------------------------------------------------------------------

ADDS = {
    Wksbm: {"name": "WKSBM Ngudi Rahayu", "wilayah": "34.03.08.2004", "status": "aktif"},
    KpsKind: {"name": "Forum Anak", "slug": "forum-anak", "sort_order": "200"},
    Penyuluhan: {
        "kind": "penyuluhan-sosial",
        "theme": "Pembentukan WKSBM",
        "starts_on": "08/08/2019",
        "ends_on": "08/08/2019",
        "wilayah": "34.03.08.2004",
    },
}


@pytest.mark.parametrize("model", list(ADDS), ids=lambda model: model._meta.label)
def test_an_add_form_sent_twice_creates_one_record(superuser_client, model):
    values = dict(ADDS[model])
    if model is Penyuluhan:
        values["kind"] = str(EventKind.objects.get(slug=values["kind"]).pk)
    data = {**form_data(superuser_client.get(add_url(model))), **values}
    before = model.objects.count()

    first = superuser_client.post(add_url(model), data)
    second = superuser_client.post(add_url(model), data, follow=True)

    created = model.objects.order_by("-pk").first()
    assert model.objects.count() == before + 1
    assert first.status_code == 302
    assert second.redirect_chain == [(change_url(created), 302)]
    assert "Formulir ini sudah terkirim sebelumnya" in second.content.decode()


def test_an_add_form_sent_again_with_its_token_is_answered_by_the_first_record(superuser_client):
    data = {**form_data(superuser_client.get(add_url(Wksbm))), **ADDS[Wksbm]}
    superuser_client.post(add_url(Wksbm), data)

    # Sent again with other values but the same token: a retry of the same form, not a new record.
    again = superuser_client.post(add_url(Wksbm), {**data, "name": "WKSBM Ngudi Rahayu II"})

    assert Wksbm.objects.count() == 1
    assert again["Location"] == change_url(Wksbm.objects.get())


def test_an_add_form_opened_again_with_the_same_values_is_a_new_record(superuser_client):
    """Only the form's own token says "sent again": the same values from a freshly opened form are a new record."""
    values = {**ADDS[Penyuluhan], "kind": str(EventKind.objects.get(slug=ADDS[Penyuluhan]["kind"]).pk)}
    before = Penyuluhan.objects.count()

    sent = [
        superuser_client.post(add_url(Penyuluhan), {**form_data(superuser_client.get(add_url(Penyuluhan))), **values})
        for _ in range(2)
    ]

    assert [response.status_code for response in sent] == [302, 302]
    assert Penyuluhan.objects.count() == before + 2


@pytest.fixture
def rival_wksbm():
    """Another person's WKSBM of the same name written after this save's validation and before its insert: what
    a concurrent save does, on one connection."""

    def insert(sender, instance, created, **kwargs):
        post_save.disconnect(insert, sender=FormSubmission)
        Wksbm.objects.create(name=ADDS[Wksbm]["name"], wilayah=desa(ADDS[Wksbm]["wilayah"]))

    post_save.connect(insert, sender=FormSubmission)
    yield
    post_save.disconnect(insert, sender=FormSubmission)


def test_a_duplicate_name_validation_did_not_catch_gets_the_constraint_message(superuser_client, rival_wksbm):
    data = {**form_data(superuser_client.get(add_url(Wksbm))), **ADDS[Wksbm]}

    response = superuser_client.post(add_url(Wksbm), data)

    assert response.status_code == 200
    assert "Sudah ada WKSBM dengan nama ini di wilayah yang sama." in response.content.decode()
    # The refused attempt is rolled back whole, the rival written inside it included.
    assert (Wksbm.objects.count(), FormSubmission.objects.count()) == (0, 0)
    assert response.context["adminform"].form["name"].value() == ADDS[Wksbm]["name"]


@pytest.mark.django_db(transaction=True)
def test_two_people_adding_the_same_wksbm_at_once_get_one_record_and_a_message(diy):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: two saves cannot both pass validation first")
    clients = []
    for name in ("ani", "budi"):
        client = Client()
        client.force_login(User.objects.create_superuser(name))
        clients.append((client, {**form_data(client.get(add_url(Wksbm))), **ADDS[Wksbm]}))
    # Both saves wait here, past their validation, until both got there; then both insert.
    both_validated = threading.Barrier(2, timeout=20)

    def wait_for_the_other(sender, created, **kwargs):
        if created:
            both_validated.wait()

    post_save.connect(wait_for_the_other, sender=FormSubmission)
    responses = [None, None]

    def send(index):
        try:
            client, data = clients[index]
            responses[index] = client.post(add_url(Wksbm), data)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(index,)) for index in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        post_save.disconnect(wait_for_the_other, sender=FormSubmission)

    assert sorted(response.status_code for response in responses) == [200, 302]
    [refused] = [response for response in responses if response.status_code == 200]
    assert "Sudah ada WKSBM dengan nama ini di wilayah yang sama." in refused.content.decode()
    assert Wksbm.objects.filter(name=ADDS[Wksbm]["name"]).count() == 1


def at_once(requests, *, meet_before_save_of, meet_timeout=3):
    """Sends `requests` ((client, url, data), one thread each) at the same time; each waits, just before it saves a
    `meet_before_save_of`, for the others to get there (at most `meet_timeout` seconds: a request the database
    holds back meanwhile never gets there). Returns the responses in order."""
    meeting = threading.Barrier(len(requests), timeout=meet_timeout)

    def meet(sender, **kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            meeting.wait()

    responses = [None] * len(requests)

    def send(index):
        try:
            client, url, data = requests[index]
            responses[index] = client.post(url, data)
        finally:
            connection.close()

    pre_save.connect(meet, sender=meet_before_save_of)
    threads = [threading.Thread(target=send, args=(index,)) for index in range(len(requests))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        pre_save.disconnect(meet, sender=meet_before_save_of)
    return responses


def logged_in(name):
    client = Client()
    client.force_login(User.objects.create_superuser(name))
    return client


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_pages_opened_at_the_same_version_cannot_both_pass(diy):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: two saves cannot overlap")
    wksbm = WksbmFactory(address="Jl. Lama")
    ani, budi = logged_in("ani"), logged_in("budi")
    url = change_url(wksbm)
    opened = form_data(ani.get(url))

    responses = at_once(
        [(ani, url, {**opened, "address": "Jl. Ani"}), (budi, url, {**opened, "sk_number": "SK-Budi"})],
        meet_before_save_of=Wksbm,
    )

    assert sorted(response.status_code for response in responses) == [302, 409]
    saved = stored(wksbm)
    winner = "ani" if responses[0].status_code == 302 else "budi"
    assert (saved["address"], saved["sk_number"]) == {
        "ani": ("Jl. Ani", ""),
        "budi": ("Jl. Lama", "SK-Budi"),
    }[winner]


@pytest.mark.django_db(transaction=True)
def test_an_add_form_sent_twice_at_the_same_moment_creates_one_record(diy):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: two sendings cannot overlap")
    ani = logged_in("ani")
    data = {**form_data(ani.get(add_url(Wksbm))), **ADDS[Wksbm]}

    responses = at_once([(ani, add_url(Wksbm), data), (ani, add_url(Wksbm), data)], meet_before_save_of=FormSubmission)

    assert [response.status_code for response in responses] == [302, 302]
    assert Wksbm.objects.count() == 1
