"""Every file that is not a photo or a clean PDF is refused with a clear message, whatever its name or declared type,
and after a refusal nothing is stored: no row, no file."""

import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import File
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from registry.attachments import processing
from registry.attachments.processing import process_upload
from registry.attachments.services import add_attachment
from registry.models import Attachment
from tests.registry.attachments import samples

NOT_ACCEPTED = (
    "Berkas ini bukan foto (JPEG, PNG, HEIC, WebP) atau PDF. Kirim foto atau PDF; dokumen Word/Excel simpan dulu "
    "sebagai PDF."
)
UNREADABLE_PHOTO = "Foto tidak dapat dibaca (rusak atau terpotong)."
ARCHIVE = "Berkas berisi arsip tersembunyi (ZIP/RAR/7z) setelah isinya."
ACTIVE_PDF = "PDF berisi skrip atau berkas tersemat: simpan ulang (cetak ke PDF) lalu kirim lagi."
TOO_MANY_PIXELS = "Foto terlalu besar: paling banyak 50 juta piksel."

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin/')</script></body></html>"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(200)
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(200) + b"This program cannot be run in DOS mode."

REFUSED = {
    "exe named .jpg": ("foto.jpg", WINDOWS_EXE, NOT_ACCEPTED),
    "ELF named .jpg": ("foto.jpg", ELF, NOT_ACCEPTED),
    "SVG with a script": ("gambar.svg", SVG, NOT_ACCEPTED),
    "SVG named .png": ("gambar.png", SVG, NOT_ACCEPTED),
    "HTML named .jpg": ("foto.jpg", HTML, NOT_ACCEPTED),
    "docm named .pdf": ("sk.pdf", samples.office_file(macros=True), NOT_ACCEPTED),
    "xlsx named .pdf": ("sk.pdf", samples.office_file(macros=False), NOT_ACCEPTED),
    "zip named .jpg": ("foto.jpg", samples.zip_bytes({"a.txt": b"x"}), NOT_ACCEPTED),
    "RAR": ("arsip.rar", b"Rar!\x1a\x07\x01\x00" + bytes(50), NOT_ACCEPTED),
    "plain text": ("catatan.pdf", b"Rapat pengurus WKSBM", NOT_ACCEPTED),
    "empty": ("kosong.jpg", b"", "Berkas kosong."),
    "truncated JPEG": ("foto.jpg", samples.jpeg_from_phone(400, 300)[:600], UNREADABLE_PHOTO),
    "JPEG header only": ("foto.jpg", b"\xff\xd8\xff\xe0" + bytes(40), UNREADABLE_PHOTO),
    "corrupt PNG": ("foto.png", samples.png_claiming(10, 10)[:30] + b"rusak", UNREADABLE_PHOTO),
    "zip after a JPEG": ("foto.jpg", samples.small_jpeg() + samples.zip_bytes({"x.html": HTML}), ARCHIVE),
    "zip after a PNG": (
        "foto.png",
        samples.photo_bytes(samples.two_colour_photo(40, 20), "PNG") + samples.zip_bytes({"x": b"y"}),
        ARCHIVE,
    ),
    "zip after a WebP": (
        "foto.webp",
        samples.photo_bytes(samples.two_colour_photo(40, 20), "WEBP") + samples.zip_bytes({"x": b"y"}),
        ARCHIVE,
    ),
    "zip after a PDF": ("sk.pdf", samples.pdf_bytes() + samples.zip_bytes({"x": b"y"}), ARCHIVE),
    "PDF that does not open": ("sk.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nrusak", None),
    "PDF with JavaScript": ("sk.pdf", samples.pdf_with_javascript(), ACTIVE_PDF),
    "PDF with a hidden JavaScript name": (
        "sk.pdf",
        samples.pdf_with_hidden_names(samples.pdf_with_javascript()),
        ACTIVE_PDF,
    ),
    "PDF with a hidden launch name": (
        "sk.pdf",
        samples.pdf_with_hidden_names(samples.pdf_with_launch_on_open()),
        ACTIVE_PDF,
    ),
    "PDF with an embedded file": ("sk.pdf", samples.pdf_with_embedded_file(), ACTIVE_PDF),
    "PDF launching on open": ("sk.pdf", samples.pdf_with_launch_on_open(), ACTIVE_PDF),
    "PDF locked for reading": ("sk.pdf", samples.pdf_bytes(user_password="rahasia", owner_password="x"), None),
    "PNG claiming 20000 × 20000 pixels": ("foto.png", samples.png_claiming(20_000, 20_000), TOO_MANY_PIXELS),
    "PNG claiming 8000 × 8000 pixels": ("foto.png", samples.png_claiming(8_000, 8_000), TOO_MANY_PIXELS),
}
# A PDF refused for what pypdf finds (messages of their own).
PDF_MESSAGES = {
    "PDF that does not open": "PDF tidak dapat dibuka (rusak atau bukan PDF).",
    "PDF locked for reading": "PDF terkunci sandi: kirim PDF yang dapat dibuka tanpa sandi.",
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_file_that_is_not_a_clean_photo_or_pdf_is_refused_and_nothing_is_stored(case, wksbm, kind, uploader, stored):
    name, data, message = REFUSED[case]

    with pytest.raises(ValidationError) as refusal:
        add_attachment(record=wksbm, kind=kind, title="Lampiran", upload=samples.upload(name, data), by=uploader)

    assert refusal.value.message_dict == {"file": [message or PDF_MESSAGES[case]]}
    assert (Attachment.objects.count(), Attachment.history.count(), stored()) == (0, 0, [])


def test_a_decompression_bomb_is_refused_from_its_header_without_decoding():
    bomb = samples.upload("foto.png", samples.png_claiming(20_000, 20_000))
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refusal:
            process_upload(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    # Decoded, its 400 M pixels would take 400 MB even at one byte each.
    assert (refusal.value.message_dict, peak < 2_000_000) == ({"file": [TOO_MANY_PIXELS]}, True)


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(wksbm, kind, uploader, stored, settings):
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    data = samples.photo_bytes(samples.two_colour_photo(40, 20), "PNG") + bytes(10 * 1024 * 1024)

    with pytest.raises(ValidationError) as refusal:
        add_attachment(record=wksbm, kind=kind, title="Foto", upload=samples.upload("foto.png", data), by=uploader)

    assert refusal.value.message_dict == {"file": ["Berkas terlalu besar: paling besar 10 MB."]}
    assert (Attachment.objects.count(), stored()) == (0, [])


class EndlessUpload(File):
    """An upload that never ends and says it is small (a declared size cannot be trusted): it counts what is read."""

    def __init__(self):
        super().__init__(None, name="besar.jpg")
        self.read_bytes = 0

    @property
    def size(self):
        return 100

    def seek(self, position):
        pass

    def chunks(self, chunk_size=None):
        while True:
            self.read_bytes += chunk_size
            yield b"\xff" * chunk_size


def test_an_endless_upload_is_read_only_up_to_the_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    endless = EndlessUpload()

    with pytest.raises(ValidationError) as refusal:
        process_upload(endless)

    assert refusal.value.message_dict == {"file": ["Berkas terlalu besar: paling besar 1 MB."]}
    assert endless.read_bytes == 1024 * 1024 + processing.CHUNK


def test_a_record_with_as_many_attachments_as_allowed_takes_no_more(wksbm, kind, uploader, stored, settings):
    settings.ATTACHMENT_MAX_PER_RECORD = 2
    first, second = (samples.upload(f"foto{seed}.jpg", samples.small_jpeg(seed)) for seed in (1, 2))
    kept = [add_attachment(record=wksbm, kind=kind, title="Foto", upload=file, by=uploader) for file in (first, second)]
    files_before = stored()

    with pytest.raises(ValidationError) as refusal:
        add_attachment(
            record=wksbm, kind=kind, title="Foto", upload=samples.upload("x.jpg", samples.small_jpeg(3)), by=uploader
        )
    resent = add_attachment(
        record=wksbm, kind=kind, title="Foto", upload=samples.upload("lagi.jpg", samples.small_jpeg(1)), by=uploader
    )

    assert refusal.value.message_dict == {
        "file": ["Data ini sudah memiliki 2 lampiran, batas terbanyak. Hapus lampiran yang tidak diperlukan dulu."]
    }
    assert (resent, Attachment.objects.count(), stored()) == (kept[0], 2, files_before)


def test_a_missing_title_is_refused_before_the_file_is_read(wksbm, kind, uploader, stored):
    with pytest.raises(ValidationError) as refusal:
        add_attachment(record=wksbm, kind=kind, title="  ", upload=EndlessUpload(), by=uploader)

    assert list(refusal.value.message_dict) == ["title"]
    assert (Attachment.objects.count(), stored()) == (0, [])


MAGIC_STARTS = [b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBP", b"\x00\x00\x00\x18ftypheic"]


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from([*MAGIC_STARTS, b"%PDF-1.4\n"]), rest=st.binary(max_size=2000))
def test_any_bytes_are_accepted_or_refused_with_a_message_never_crashing(start, rest):
    try:
        processed = process_upload(samples.upload("berkas", start + rest))
    except ValidationError as refusal:
        assert list(refusal.message_dict) == ["file"]
    else:
        assert processed.media_type in ("image/jpeg", "image/png", "application/pdf")


@hypothesis_settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=1, max_value=5000), flip=st.integers(min_value=0, max_value=255))
def test_damaged_real_photos_and_pdfs_are_accepted_or_refused_with_a_message(cut, flip):
    for original in (samples.small_jpeg(), samples.pdf_bytes(), HEIC_SAMPLE, WEBP_SAMPLE):
        position = cut % len(original)
        damaged = original[:position] + bytes([flip]) + original[position + 1 :]
        for data in (damaged, original[:position]):
            try:
                process_upload(samples.upload("berkas", data))
            except ValidationError as refusal:
                assert list(refusal.message_dict) == ["file"]


HEIC_SAMPLE = samples.photo_bytes(samples.two_colour_photo(64, 32), "HEIF")
WEBP_SAMPLE = samples.photo_bytes(samples.two_colour_photo(64, 32), "WEBP")
