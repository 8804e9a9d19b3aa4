"""What is stored of an accepted upload: photos upright, without metadata, scaled down, with a thumbnail; HEIC and
WebP as JPEG; PDFs byte for byte. The same bytes are stored once per record; removal takes the row (with history)
and its files."""

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from registry.attachments.services import add_attachment, remove_attachment
from registry.models import Attachment, MediaType
from tests.factories import WksbmFactory
from tests.registry.attachments import samples, storages


def attach(wksbm, kind, uploader, name: str, data: bytes, title: str = "Foto kegiatan") -> Attachment:
    return add_attachment(record=wksbm, kind=kind, title=title, upload=samples.upload(name, data), by=uploader)


def opened(field) -> Image.Image:
    with default_storage.open(field.name, "rb") as stored_file:
        image = Image.open(io.BytesIO(stored_file.read()))
        image.load()
    return image


def test_a_phone_photo_is_stored_upright_without_metadata_scaled_down_with_a_thumbnail(wksbm, kind, uploader):
    sent = samples.jpeg_from_phone(4000, 2000, orientation=6)

    attachment = attach(wksbm, kind, uploader, "IMG_0001.JPG", sent)

    photo, thumbnail = opened(attachment.file), opened(attachment.thumbnail)
    # Orientation 6: the sensor's left (red) is the photo's top once turned.
    assert (photo.format, photo.size, thumbnail.format, thumbnail.size) == ("JPEG", (800, 1600), "JPEG", (160, 320))
    assert (_near(photo.getpixel((400, 10)), samples.RED), _near(photo.getpixel((400, 1590)), samples.BLUE)) == (
        True,
        True,
    )
    assert (dict(photo.getexif()), sorted(set(photo.info) & {"exif", "xmp", "comment", "icc_profile"})) == ({}, [])
    with default_storage.open(attachment.file.name, "rb") as stored_file:
        stored_bytes = stored_file.read()
    assert (b"KameraHP" in stored_bytes, b"rumah bu Sri" in stored_bytes) == (False, False)
    assert (
        attachment.media_type,
        attachment.size,
        attachment.sha256,
        attachment.original_name,
        attachment.uploaded_by,
    ) == (MediaType.JPEG, len(stored_bytes), hashlib.sha256(sent).hexdigest(), "IMG_0001.JPG", uploader)
    assert attachment.file.name.startswith("lampiran/") and attachment.file.name.endswith(".jpg")


def _near(colour, expected) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour, expected, strict=True))


@pytest.mark.parametrize("format", ["HEIF", "WEBP"])
def test_heic_and_webp_photos_are_stored_as_jpeg(format, wksbm, kind, uploader):
    sent = samples.photo_bytes(samples.two_colour_photo(2000, 1000), format)

    attachment = attach(wksbm, kind, uploader, f"foto.{format.lower()}", sent)

    photo = opened(attachment.file)
    assert (attachment.media_type, photo.format, photo.size) == (MediaType.JPEG, "JPEG", (1600, 800))
    assert attachment.file.name.endswith(".jpg")


def test_a_png_with_transparency_stays_png_and_one_without_becomes_jpeg(wksbm, kind, uploader):
    clear = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    clear.paste((20, 200, 20, 255), (0, 0, 50, 50))
    solid = samples.two_colour_photo(100, 50)

    logo = attach(wksbm, kind, uploader, "logo.png", samples.photo_bytes(clear, "PNG"))
    screenshot = attach(wksbm, kind, uploader, "layar.png", samples.photo_bytes(solid, "PNG"))

    assert (logo.media_type, opened(logo.file).mode, opened(logo.file).getpixel((99, 49))[3]) == (
        MediaType.PNG,
        "RGBA",
        0,
    )
    assert (screenshot.media_type, opened(screenshot.file).format, opened(logo.thumbnail).format) == (
        MediaType.JPEG,
        "JPEG",
        "JPEG",
    )


def test_a_pdf_is_stored_byte_for_byte_without_a_thumbnail(wksbm, kind, uploader):
    sent = samples.pdf_bytes(pages=3)

    attachment = attach(wksbm, kind, uploader, "SK Pengesahan.pdf", sent, title="SK pengesahan")

    with default_storage.open(attachment.file.name, "rb") as stored_file:
        assert stored_file.read() == sent
    assert (attachment.media_type, attachment.size, attachment.thumbnail.name, attachment.title) == (
        MediaType.PDF,
        len(sent),
        "",
        "SK pengesahan",
    )


def test_a_pdf_needing_a_password_only_to_edit_is_accepted(wksbm, kind, uploader):
    sent = samples.pdf_bytes(user_password="", owner_password="pemilik")

    assert attach(wksbm, kind, uploader, "sk.pdf", sent).media_type == MediaType.PDF


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("C:\\Users\\Sri\\Pictures\\rapat.jpg", "rapat.jpg"),
        ("/var/www/" + "a" * 300 + ".jpg", "a" * 251 + ".jpg"),
        ("foto\x00.jpg\n", "foto.jpg"),
    ],
)
def test_the_name_sent_is_kept_only_as_the_original_name(sent, kept, wksbm, kind, uploader):
    attachment = attach(wksbm, kind, uploader, "foto.jpg", samples.small_jpeg())
    attachment.delete()
    upload = samples.upload("foto.jpg", samples.small_jpeg())
    upload.name = sent  # Django's UploadedFile cleans its name; a storage or an API client may not

    attachment = add_attachment(record=wksbm, kind=kind, title="Foto", upload=upload, by=uploader)

    assert attachment.original_name == kept
    assert attachment.file.name.startswith("lampiran/") and ".." not in attachment.file.name


def test_the_same_bytes_sent_twice_are_stored_once(wksbm, kind, uploader, stored):
    sent = samples.jpeg_from_phone(400, 300)

    first = attach(wksbm, kind, uploader, "foto.jpg", sent)
    files = stored()
    again = attach(wksbm, kind, uploader, "foto (1).jpg", sent, title="Judul lain")

    assert (again, Attachment.objects.count(), stored(), len(files)) == (first, 1, files, 2)


def test_the_same_photo_on_two_records_is_stored_on_each(wksbm, kind, uploader):
    other = WksbmFactory()
    sent = samples.small_jpeg()

    first, second = (attach(record, kind, uploader, "foto.jpg", sent) for record in (wksbm, other))

    assert (first.record, second.record, first.sha256 == second.sha256, first.file.name != second.file.name) == (
        wksbm,
        other,
        True,
        True,
    )


def test_an_attachment_is_added_with_history_naming_who(wksbm, kind, uploader):
    attachment = attach(wksbm, kind, uploader, "foto.jpg", samples.small_jpeg())

    assert [(row.history_type, row.history_user) for row in attachment.history.all()] == [("+", uploader)]


def test_removing_an_attachment_removes_its_row_with_history_and_its_files_on_commit(
    wksbm, kind, uploader, stored, django_capture_on_commit_callbacks
):
    attachment = attach(wksbm, kind, uploader, "foto.jpg", samples.small_jpeg())
    kept = attach(wksbm, kind, uploader, "sk.pdf", samples.pdf_bytes())
    pk = attachment.pk

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        remove_attachment(attachment=attachment, by=uploader)
    files_before_commit = len(stored())
    for callback in callbacks:
        callback()

    assert (files_before_commit, stored(), Attachment.objects.get().pk) == (3, [kept.file.name], kept.pk)
    assert [(row.history_type, row.history_user) for row in Attachment.history.filter(id=pk)] == [
        ("-", uploader),
        ("+", uploader),
    ]


def test_a_thumbnail_that_cannot_be_saved_leaves_nothing_stored(wksbm, kind, uploader, stored, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.registry.attachments.storages.ThumbnailFailingStorage"},
    }

    with pytest.raises(OSError):
        attach(wksbm, kind, uploader, "foto.jpg", samples.small_jpeg())

    assert (Attachment.objects.count(), stored()) == (0, [])


def test_a_record_deleted_meanwhile_takes_no_attachment(wksbm, kind, uploader, stored):
    wksbm_copy = type(wksbm).objects.get(pk=wksbm.pk)
    wksbm_copy.delete()

    with pytest.raises(ValidationError) as refusal:
        attach(wksbm, kind, uploader, "foto.jpg", samples.small_jpeg())

    assert (refusal.value.message_dict, Attachment.objects.count(), stored()) == (
        {"file": ["Data ini sudah dihapus; lampiran tidak disimpan."]},
        0,
        [],
    )


def test_the_same_bytes_stored_meanwhile_by_another_request_are_found_and_nothing_more_is_kept(
    wksbm, kind, uploader, stored, settings
):
    sent = samples.small_jpeg(7)
    racing = attach(wksbm, kind, uploader, "lain.jpg", samples.small_jpeg(8), title="pola")
    storages.RacedStorage.sha256 = hashlib.sha256(sent).hexdigest()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.registry.attachments.storages.RacedStorage"},
    }

    found = attach(wksbm, kind, uploader, "foto.jpg", sent)

    assert (found.pk, found.title, Attachment.objects.count()) == (racing.pk, "balapan", 1)
    assert stored() == sorted([racing.file.name, racing.thumbnail.name])
