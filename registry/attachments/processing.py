"""Turning an uploaded file into what is stored: accepted by its content, never by its name or declared type.

What is accepted (`process_upload`), decided from the first bytes:
- a photo: JPEG, PNG, HEIC/HEIF or WebP. It is decoded and re-encoded with Pillow, so nothing of the sent file but
  its pixels is kept: turned upright (`ImageOps.exif_transpose`), EXIF, GPS, XMP, comments and every other
  metadata dropped (colours converted to sRGB first when it carries a colour profile), scaled down to
  `ATTACHMENT_PHOTO_MAX_PX` on its longest side. Stored as JPEG, except a PNG with transparency, stored as PNG
  (a JPEG would paint its transparent parts black). Its thumbnail (`ATTACHMENT_THUMBNAIL_PX`) is always a JPEG.
- a PDF that opens with pypdf (a password needed only to edit it is fine; one needed to read it is not) with at
  least one page and nothing that runs or carries files (JavaScript, launch actions, embedded files, an opening
  action other than a page to show). Stored byte for byte as sent.

Everything else is refused with a ValidationError({"file": [Indonesian message]}): SVG and HTML (whatever their
name), Office files, archives, executables, and polyglots (a photo or PDF with an archive appended after its end).
A photo is refused before decoding when its header claims more than `ATTACHMENT_MAX_PIXELS` pixels (a
decompression bomb), and when it cannot be decoded whole. A file is read in chunks and refused as soon as it passes
`ATTACHMENT_MAX_BYTES`; no upload is read into memory past that limit.
"""

import hashlib
import io
import math
import os
import re
import warnings
from dataclasses import dataclass

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from registry.models.attachment import MediaType

pillow_heif.register_heif_opener()

NOT_ACCEPTED = _(
    "Berkas ini bukan foto (JPEG, PNG, HEIC, WebP) atau PDF. Kirim foto atau PDF; dokumen Word/Excel simpan dulu "
    "sebagai PDF."
)
EMPTY = _("Berkas kosong.")
TOO_LARGE = _("Berkas terlalu besar: paling besar %(limit)s MB.")
UNREADABLE_PHOTO = _("Foto tidak dapat dibaca (rusak atau terpotong).")
TOO_MANY_PIXELS = _("Foto terlalu besar: paling banyak %(limit)s juta piksel.")
ARCHIVE_APPENDED = _("Berkas berisi arsip tersembunyi (ZIP/RAR/7z) setelah isinya.")
UNREADABLE_PDF = _("PDF tidak dapat dibuka (rusak atau bukan PDF).")
LOCKED_PDF = _("PDF terkunci sandi: kirim PDF yang dapat dibuka tanpa sandi.")
EMPTY_PDF = _("PDF tidak berisi halaman.")
ACTIVE_PDF = _("PDF berisi skrip atau berkas tersemat: simpan ulang (cetak ke PDF) lalu kirim lagi.")

# How much of a file is read at a time.
CHUNK = 64 * 1024
ORIGINAL_NAME_LENGTH = 255
JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 80

# Brands of an ISO media file (`ftyp`) that are HEIF images (photos of iPhones and many Android phones).
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
# What starts an archive: ZIP local file header, central directory, end of central directory; RAR; 7z.
ARCHIVE_SIGNATURES = (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")
# PDF names that run something or carry files; found by walking the PDF's objects (pypdf reads hex-escaped names
# and object streams) and, for objects nothing references, in the raw bytes.
ACTIVE_PDF_KEYS = {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
ACTIVE_PDF_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute", "/GoToE", "/SubmitForm"}
ACTIVE_PDF_RAW = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?![A-Za-z0-9#])")
# A PDF whose object graph is larger than this is not walked further (a 10 MB PDF has far fewer objects).
PDF_OBJECTS_WALKED = 200_000

PHOTO_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "heif": "HEIF"}


@dataclass(frozen=True)
class Processed:
    """An accepted upload, ready to store: `content` (the bytes to store, of `media_type`), `thumbnail` (JPEG bytes,
    None for a PDF), `sha256` of the bytes *sent* (a resent photo is recognised though its stored bytes differ) and
    `original_name`, the name sent without any folder, for people to read."""

    media_type: str
    content: bytes
    thumbnail: bytes | None
    sha256: str
    original_name: str


@dataclass(frozen=True)
class Received:
    """An upload's bytes, read within the limit, with their SHA-256 and the name sent (cleaned)."""

    data: bytes
    sha256: str
    original_name: str


def refuse(message, **params) -> ValidationError:
    """The refusal of an upload: a ValidationError on the form's `file` field."""
    return ValidationError({"file": [ValidationError(message, params=params or None)]})


def original_name(name: str | None) -> str:
    """The name sent, for people to read: without any folder, relative or absolute ("/etc/passwd.jpg" →
    "passwd.jpg", Windows folders too), without control characters, at most 255 characters (keeping the extension
    when cut)."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip()
    if len(name) > ORIGINAL_NAME_LENGTH:
        stem, extension = os.path.splitext(name)
        extension = extension[:16]
        name = stem[: ORIGINAL_NAME_LENGTH - len(extension)] + extension
    return name


def receive(upload) -> Received:
    """Reads `upload` (a Django File/UploadedFile) in chunks, refusing it as soon as it passes
    `ATTACHMENT_MAX_BYTES` (or when its declared size already does), or when it is empty."""
    limit = settings.ATTACHMENT_MAX_BYTES
    too_large = refuse(TOO_LARGE, limit=_megabytes(limit))
    if (upload.size or 0) > limit:
        raise too_large
    digest, parts, read = hashlib.sha256(), [], 0
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        read += len(chunk)
        if read > limit:
            raise too_large
        digest.update(chunk)
        parts.append(chunk)
    if not read:
        raise refuse(EMPTY)
    return Received(data=b"".join(parts), sha256=digest.hexdigest(), original_name=original_name(upload.name))


def process_upload(upload) -> Processed:
    """Reads, checks and converts `upload` (see the module's docstring). Raises ValidationError({"file": …}) on any
    refusal, never another exception, whatever the bytes."""
    return process_received(receive(upload))


def process_received(received: Received) -> Processed:
    """`process_upload` of bytes already read (`receive`): sniffed, checked and converted."""
    kind = sniff(received.data)
    if kind is None:
        raise refuse(NOT_ACCEPTED)
    if kind == "pdf":
        check_pdf(received.data)
        return Processed(MediaType.PDF, received.data, None, received.sha256, received.original_name)
    media_type, content, thumbnail = convert_photo(received.data, kind)
    return Processed(media_type, content, thumbnail, received.sha256, received.original_name)


def sniff(data: bytes) -> str | None:
    """What the bytes are, from their start: "jpeg", "png", "webp", "heif", "pdf", or None (anything else)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "heif"
    if data.startswith(b"%PDF-"):
        return "pdf"
    return None


# --- photos -------------------------------------------------------------------------------------------------------


def convert_photo(data: bytes, kind: str) -> tuple[str, bytes, bytes]:
    """The photo `data` (sniffed as `kind`) re-encoded: (media type, stored bytes, thumbnail JPEG bytes)."""
    if _has_archive(data[image_end(data, kind) :]):
        raise refuse(ARCHIVE_APPENDED)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[PHOTO_FORMATS[kind]])
            width, height = image.size
            if width * height > settings.ATTACHMENT_MAX_PIXELS:
                raise refuse(TOO_MANY_PIXELS, limit=settings.ATTACHMENT_MAX_PIXELS // 1_000_000)
            if kind == "jpeg":
                _decode_scaled_down(image)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refuse(TOO_MANY_PIXELS, limit=settings.ATTACHMENT_MAX_PIXELS // 1_000_000) from None
    except Exception:  # Pillow and its plugins raise many kinds of error on broken or crafted bytes.
        raise refuse(UNREADABLE_PHOTO) from None
    try:
        return _encode(upright, keep_png=kind == "png" and _has_transparency(image))
    except Exception:
        raise refuse(UNREADABLE_PHOTO) from None


def _decode_scaled_down(image: Image.Image) -> None:
    """Lets the JPEG decoder scale down by 1/2, 1/4 or 1/8 as it decodes, staying at least as large as the stored
    photo will be: a 12 MP phone photo decodes at a quarter of the memory, several times faster."""
    width, height = image.size
    scale = settings.ATTACHMENT_PHOTO_MAX_PX / max(width, height)
    if scale < 1:
        image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))


def _encode(image: Image.Image, *, keep_png: bool) -> tuple[str, bytes, bytes]:
    image = _in_srgb(image)
    image = image.convert("RGBA") if keep_png else _flattened(image)
    limit = settings.ATTACHMENT_PHOTO_MAX_PX
    image.thumbnail((limit, limit), Image.Resampling.LANCZOS)
    # A new image of the pixels alone: no info (EXIF, XMP, comments, colour profile) can travel to the saved file.
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    stored = io.BytesIO()
    if keep_png:
        clean.save(stored, format="PNG", optimize=True)
        media_type = MediaType.PNG
    else:
        clean.save(stored, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        media_type = MediaType.JPEG
    small = _flattened(clean)
    edge = settings.ATTACHMENT_THUMBNAIL_PX
    small.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    thumbnail = io.BytesIO()
    small.save(thumbnail, format="JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    return media_type, stored.getvalue(), thumbnail.getvalue()


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _in_srgb(image: Image.Image) -> Image.Image:
    """The image's colours in sRGB when it carries a colour profile (an iPhone's Display P3), so they look the same
    once the profile is dropped; as it is when it has none or the profile cannot be read."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        return ImageCms.profileToProfile(
            image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("sRGB"), outputMode=image.mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _flattened(image: Image.Image) -> Image.Image:
    """The image in RGB, transparent parts on white (as a page would show them)."""
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "La", "RGBa"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def image_end(data: bytes, kind: str) -> int:
    """Where the image in `data` ends (what follows is not part of it); len(data) when its structure cannot be
    followed to an end (decoding then decides)."""
    try:
        return {"jpeg": _jpeg_end, "png": _png_end, "webp": _webp_end, "heif": _iso_media_end}[kind](data)
    except (IndexError, ValueError):
        return len(data)


def _jpeg_end(data: bytes) -> int:
    """After the EOI marker: segments are skipped by their length (an EXIF thumbnail's own EOI is inside one), the
    entropy-coded data after each SOS is scanned for the next marker."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise ValueError("not a marker")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # EOI
            return position + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        position += 2 + length
        if marker == 0xDA:  # SOS: entropy-coded data up to the next marker other than a restart or stuffed 0xFF00
            while True:
                position = data.index(b"\xff", position)
                following = data[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    position += 1
                    continue
                break
    return len(data)


def _png_end(data: bytes) -> int:
    """After the IEND chunk, chunks followed by their lengths."""
    position = 8
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunk_type = data[position + 4 : position + 8]
        position += 12 + length
        if chunk_type == b"IEND":
            return position
    return len(data)


def _webp_end(data: bytes) -> int:
    """The RIFF container's own length."""
    return 8 + int.from_bytes(data[4:8], "little")


def _iso_media_end(data: bytes) -> int:
    """After the last top-level box of an ISO media file (HEIF) that can be followed by its size."""
    position = 0
    while position + 8 <= len(data):
        size = int.from_bytes(data[position : position + 4], "big")
        if size == 1:
            size = int.from_bytes(data[position + 8 : position + 16], "big")
        elif size == 0:
            return len(data)
        if size < 8 or not data[position + 4 : position + 8].isalnum():
            break
        position += size
    return min(position, len(data))


def _has_archive(trailing: bytes) -> bool:
    return any(signature in trailing for signature in ARCHIVE_SIGNATURES)


# --- PDF ----------------------------------------------------------------------------------------------------------


def check_pdf(data: bytes) -> None:
    """Refuses a PDF that does not open, needs a password to read, has no page, carries anything active (see the
    module's docstring) or has an archive after its last `%%EOF`."""
    end = data.rfind(b"%%EOF")
    if end >= 0 and _has_archive(data[end:]):
        raise refuse(ARCHIVE_APPENDED)
    if ACTIVE_PDF_RAW.search(data):
        raise refuse(ACTIVE_PDF)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise refuse(LOCKED_PDF)
        pages = len(reader.pages)
        active = _has_active_content(reader)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds of error on broken or crafted bytes.
        raise refuse(UNREADABLE_PDF) from None
    if not pages:
        raise refuse(EMPTY_PDF)
    if active:
        raise refuse(ACTIVE_PDF)


def _has_active_content(reader: PdfReader) -> bool:
    """Whether anything reachable from the PDF's trailer runs or carries a file: a JavaScript, launch, import or
    submit action, an embedded file, rich media, an XFA form, or an opening action other than a destination."""
    catalog = reader.trailer["/Root"].get_object()
    opening = catalog.get("/OpenAction")
    if opening is not None and isinstance(opening.get_object(), DictionaryObject):
        return True
    seen: set[tuple[int, int]] = set()
    pending = [reader.trailer]
    walked = 0
    while pending and walked < PDF_OBJECTS_WALKED:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        walked += 1
        if isinstance(item, DictionaryObject):
            if ACTIVE_PDF_KEYS.intersection(item.keys()):
                return True
            if item.get("/S") in ACTIVE_PDF_ACTIONS or item.get("/Subtype") == NameObject("/FileAttachment"):
                return True
            pending.extend(value for key, value in item.items() if key not in ("/Parent", "/P"))
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return False


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"
