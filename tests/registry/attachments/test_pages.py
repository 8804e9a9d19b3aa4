"""The field pages of attachments: adding a photo or a document to a record and removing one, for each role inside
and outside the record's area; the refusal said beside the file with the typing kept; a photo sent again stored
once; the thumbnails on the WKSBM's page, its profil and the printed visit report; the admin's inline."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from registry.attachments.services import add_attachment
from registry.enums import Role
from registry.models import Attachment, AttachmentKind, FormSubmission
from registry.services.petugas import petugas_save
from tests.factories import WksbmFactory
from tests.registry.attachments import samples
from tests.trainings.visits.factories import KunjunganFactory

PASSWORD = "Gunungkidul-2025!"
CANDIREJO = "34.03.08.2004"  # Candirejo, Semanu, Gunungkidul: where the WKSBM lies
INSIDE = {Role.PROVINSI: "34", Role.KABUPATEN: "34.03", Role.PENYULUH: "34.03.08", Role.PIMPINAN: "34.03"}
OUTSIDE = "34.04"  # Sleman
USERS = [(role, where) for role in Role for where in ("inside", "outside")]
# Who may attach to a WKSBM: whoever may change it (registry.roles); the pimpinan reads.
ATTACHERS = {Role.PROVINSI, Role.KABUPATEN, Role.PENYULUH}


@pytest.fixture
def unit(diy):
    return WksbmFactory(name="WKSBM Lampiran", wilayah_id=CANDIREJO)


@pytest.fixture
def photo_kind(db):
    return AttachmentKind.objects.get(slug="foto-kegiatan")


def user_of(role: Role, where: str = "inside", name: str = "lampiran"):
    area = INSIDE[role] if where == "inside" else OUTSIDE
    username = f"{name}-{role.value}-{where}"
    return petugas_save(by=None, username=username, role=role, area_codes=[area], password=PASSWORD)[0]


def add_url(record, photo: bool = False) -> str:
    url = reverse("attachment_add", args=[record._meta.label_lower, record.pk])
    return f"{url}?jenis=foto" if photo else url


def sending(client, url: str, data: bytes, *, name="IMG_0001.JPG", title="Rapat pengurus Juni", **fields) -> dict:
    """The add form as opened at `url`, filled and with the file attached."""
    form = client.get(url).context["form"]
    return {
        "form_token": str(form.initial["form_token"]),
        "kind": str(fields.pop("kind", AttachmentKind.objects.get(slug="foto-kegiatan")).pk),
        "title": title,
        "date": fields.pop("date", "17/06/2025"),
        "file": samples.upload(name, data),
        **fields,
    }


@pytest.mark.parametrize(("role", "where"), USERS, ids=[f"{r.value}-{w}" for r, w in USERS])
def test_adding_and_removing_through_the_pages_follows_role_and_area(client, unit, role, where):
    user = user_of(role, where)
    client.force_login(user)
    helper = user_of(Role.KABUPATEN, name="rekan")
    theirs = add_attachment(
        record=unit,
        kind=AttachmentKind.objects.get(slug="sk"),
        title="SK pengesahan",
        upload=samples.upload("sk.pdf", samples.pdf_bytes(), "application/pdf"),
        by=helper,
    )
    allowed = role in ATTACHERS and where == "inside"
    refused = 404 if where == "outside" else 403
    url = add_url(unit, photo=True)

    opened = client.get(url)
    if not allowed:
        data = {"title": "Penyusup", "kind": "1", "file": samples.upload("x.jpg", samples.small_jpeg())}
        assert (opened.status_code, client.post(url, data).status_code) == (refused, refused)
        remove = reverse("attachment_remove", args=[theirs.pk])
        assert (client.get(remove).status_code, client.post(remove).status_code) == (refused, refused)
        assert list(Attachment.objects.values_list("title", flat=True)) == ["SK pengesahan"]
        return

    added = client.post(url, sending(client, url, samples.jpeg_from_phone()))
    photo = Attachment.objects.get(title="Rapat pengurus Juni")
    removed_page = client.get(reverse("attachment_remove", args=[theirs.pk]))
    removed = client.post(reverse("attachment_remove", args=[theirs.pk]))

    back = f"{reverse('wksbm_detail', args=[unit.pk])}#lampiran"
    assert (added.status_code, added["Location"], removed_page.status_code) == (302, back, 200)
    assert (removed.status_code, removed["Location"]) == (302, back)
    # The message of the addition shows on the next page opened (here the removal's), that of the removal after it.
    assert "Lampiran “Rapat pengurus Juni” tersimpan." in removed_page.content.decode()
    assert [str(m) for m in get_messages(removed.wsgi_request)] == ["Lampiran “SK pengesahan” dihapus."]
    assert list(Attachment.objects.values_list("title", flat=True)) == ["Rapat pengurus Juni"]
    # History: the photo added by the user; the SK added by the operator and removed by the user.
    assert [(h.history_type, h.title, h.history_user) for h in Attachment.history.order_by("history_id")] == [
        ("+", "SK pengesahan", helper),
        ("+", "Rapat pengurus Juni", user),
        ("-", "SK pengesahan", user),
    ]
    assert (photo.uploaded_by, photo.kind.slug, photo.date.isoformat()) == (user, "foto-kegiatan", "2025-06-17")


def test_a_refused_file_is_named_beside_it_and_what_was_typed_stays(client, unit):
    client.force_login(user_of(Role.PENYULUH))
    url = add_url(unit)
    sk = AttachmentKind.objects.get(slug="sk")

    response = client.post(
        url,
        sending(client, url, b"MZ\x90\x00 bukan foto", name="foto.jpg", title="SK pembentukan 2019", kind=sk),
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert list(form.errors) == ["file"]
    message = form.errors["file"][0]
    assert message in response.content.decode()
    assert message.isascii() and "berkas" in message.lower()
    assert (form["title"].value(), form["kind"].value(), form["date"].value()) == (
        "SK pembentukan 2019",
        str(sk.pk),
        "17/06/2025",
    )
    assert 'value="SK pembentukan 2019"' in response.content.decode()
    assert Attachment.objects.count() == 0


def test_a_photo_sent_again_is_stored_once(client, unit):
    client.force_login(user_of(Role.PENYULUH))
    url = add_url(unit, photo=True)
    photo = samples.jpeg_from_phone()
    first = sending(client, url, photo)

    sent = client.post(url, first)
    # The same form again (a retry on a weak signal), then the same photo from a fresh form (sent twice by hand).
    again = client.post(url, {**first, "file": samples.upload("IMG_0001.JPG", photo)})
    fresh = client.post(url, sending(client, url, photo))

    assert [sent.status_code, again.status_code, fresh.status_code] == [302, 302, 302]
    assert (Attachment.objects.count(), Attachment.history.count(), FormSubmission.objects.count()) == (1, 1, 2)


def test_the_photo_page_opens_the_camera_with_the_photo_kind_chosen(client, unit, photo_kind):
    client.force_login(user_of(Role.PENYULUH))

    photo_page = client.get(add_url(unit, photo=True))
    document_page = client.get(add_url(unit))

    body = photo_page.content.decode()
    assert (photo_page.context["form"]["kind"].value(), document_page.context["form"]["kind"].value()) == (
        photo_kind.pk,
        None,
    )
    assert 'accept="image/*"' in body and 'capture="environment"' in body and "<h1>Tambah foto</h1>" in body
    assert 'enctype="multipart/form-data"' in body and "js/photo_shrink.js" in body
    assert "capture=" not in document_page.content.decode()


def test_a_kind_of_record_that_carries_no_attachments_is_not_found(client, unit):
    client.force_login(user_of(Role.PROVINSI))

    assert client.get(reverse("attachment_add", args=["registry.pengurus", unit.pk])).status_code == 404
    assert client.get(reverse("attachment_add", args=["auth.user", 1])).status_code == 404


def test_the_wksbm_page_and_its_profil_show_the_latest_photos_of_it_and_its_visits(client, unit, photo_kind):
    penyuluh = user_of(Role.PENYULUH)
    client.force_login(penyuluh)
    visit = KunjunganFactory(wksbm=unit, visitor=None, visitor_name="Pak Darto", visitor_role="tksk")
    own = add_attachment(
        record=unit, kind=photo_kind, title="Rapat", upload=samples.upload("a.jpg", samples.small_jpeg(1)), by=None
    )
    of_visit = add_attachment(
        record=visit, kind=photo_kind, title="Kunjungan", upload=samples.upload("b.jpg", samples.small_jpeg(2)), by=None
    )
    document = add_attachment(
        record=unit,
        kind=AttachmentKind.objects.get(slug="sk"),
        title="SK",
        upload=samples.upload("sk.pdf", samples.pdf_bytes(), "application/pdf"),
        by=None,
    )

    page = client.get(reverse("wksbm_detail", args=[unit.pk]))
    profil = client.get(reverse("wksbm_profile", args=[unit.pk]))
    report = client.get(reverse("trainings:visit_report", args=[visit.pk]))
    visit_page = client.get(reverse("trainings:visit_detail", args=[visit.pk]))

    def thumb(attachment):
        return reverse("attachment_thumbnail", args=[attachment.pk])

    assert [a.title for a in page.context["photos"]] == ["Kunjungan", "Rapat"]
    assert [a.title for a in profil.context["photos"]] == ["Kunjungan", "Rapat"]
    for response in (page, profil):
        body = response.content.decode()
        assert (thumb(own) in body, thumb(of_visit) in body, thumb(document) in body) == (True, True, False)
    # The WKSBM's own section lists its photo and its document (a download link, no thumbnail).
    assert reverse("attachment_file", args=[document.pk]) in page.content.decode()
    assert (thumb(of_visit) in report.content.decode(), thumb(own) in report.content.decode()) == (True, False)
    assert 'href="/lampiran/tambah/trainings.kunjungan/' in visit_page.content.decode()
    # The thumbnail itself is served to the page's reader.
    assert client.get(thumb(own))["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    "target",
    ["registry.wksbm", "registry.activityreport", "registry.mitra", "registry.jejaring", "registry.forumkomunikasi"]
    + ["trainings.penyuluhan", "trainings.kunjungan", "trainings.evaluasi"],
)
def test_every_kind_of_record_shows_its_section_and_leads_back_to_it(client, diy, photo_kind, target):
    """A record of each kind, its page showing the section with its "Tambah foto" link, and adding a photo leading
    back to that page, which shows the photo."""
    admin = petugas_save(by=None, username="admin-lampiran", role=Role.PROVINSI, area_codes=["34"], password=PASSWORD)
    client.force_login(admin[0])
    record = records_of_every_kind(admin[0])[target]
    url = add_url(record, photo=True)

    response = client.post(url, sending(client, url, samples.small_jpeg(3)))
    page = client.get(response["Location"])

    assert response.status_code == 302
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="lampiran"' in body and f'href="{url}"' in body.replace("&amp;", "&")
    assert reverse("attachment_thumbnail", args=[Attachment.objects.get().pk]) in body


def records_of_every_kind(by) -> dict:
    """One record of each kind that carries attachments, in Candirejo (Semanu)."""
    import datetime

    from registry.models import ForumKomunikasi, Wilayah
    from tests.factories import ActivityReportFactory
    from tests.registry.network.factories import JejaringFactory, MitraFactory
    from tests.trainings.factories import PenyuluhanFactory
    from trainings.evaluation_services import Answer, evaluation_create, instrument_indicators
    from trainings.models import Instrument

    wksbm = WksbmFactory(name="WKSBM Semua Jenis", wilayah_id=CANDIREJO)
    instrument = Instrument.objects.get(is_example=True)
    return {
        "registry.wksbm": wksbm,
        "registry.activityreport": ActivityReportFactory(wksbm=wksbm),
        "registry.mitra": MitraFactory(name="Puskesmas Semanu", level="desa", wilayah=wksbm.wilayah),
        "registry.jejaring": JejaringFactory(wksbm=wksbm),
        "registry.forumkomunikasi": ForumKomunikasi.objects.create(
            name="Forum WKSBM Gunungkidul", wilayah=Wilayah.objects.get(code="34.03")
        ),
        "trainings.penyuluhan": PenyuluhanFactory(wilayah=wksbm.wilayah),
        "trainings.kunjungan": KunjunganFactory(
            wksbm=wksbm, visitor=None, visitor_name="Pak Darto", visitor_role="tksk"
        ),
        "trainings.evaluasi": evaluation_create(
            by=by,
            wksbm=wksbm,
            instrument=instrument,
            evaluated_on=datetime.date(2026, 1, 5),
            answers=[Answer(i, list(i.options.all())[0]) for i in instrument_indicators(instrument)],
        ),
    }
