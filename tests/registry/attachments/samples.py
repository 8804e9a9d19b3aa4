"""Files as field staff send them (and as an attacker would), made in the test: photos with Pillow and
pillow-heif, PDFs with pypdf, archives with zipfile. Nothing is read from disk."""

import io
import struct
import zipfile
import zlib

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

pillow_heif.register_heif_opener()

RED, BLUE = (220, 20, 20), (20, 20, 220)
ORIENTATION, GPS_IFD = 0x0112, 0x8825


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    """What Django hands a view for a file field: the declared type is whatever the browser said."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def two_colour_photo(width: int = 2400, height: int = 1200) -> Image.Image:
    """Left half red, right half blue: after turning, where each colour lands shows which way is up."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    return image


def photo_bytes(image: Image.Image, format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=format, **options)
    return out.getvalue()


def jpeg_from_phone(width: int = 2400, height: int = 1200, orientation: int = 6) -> bytes:
    """A JPEG as a phone held upright writes it: the sensor's landscape pixels with EXIF orientation 6 (turn 90°
    clockwise to show), the place it was taken (GPS, Wonosari), the camera and a comment."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "KameraHP"
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (7.0, 57.0, 56.0), 3: "E", 4: (110.0, 35.0, 59.0)})
    return photo_bytes(two_colour_photo(width, height), "JPEG", exif=exif.tobytes(), comment=b"rumah bu Sri")


def small_jpeg(seed: int = 0) -> bytes:
    """A small JPEG; different `seed`s make different bytes."""
    return photo_bytes(Image.new("RGB", (40, 30), (seed * 37 % 256, seed * 91 % 256, 50)), "JPEG")


def pdf_bytes(pages: int = 1, text: str = "SK Kepala Desa", **encrypt) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": text})
    if encrypt:
        writer.encrypt(algorithm="RC4-128", **encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with(change) -> bytes:
    """A one-page PDF changed by `change(writer)` before it is written."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    """A PDF running a script when opened, from its names tree (as Acrobat writes document scripts)."""

    def script(writer):
        action = writer._add_object(
            DictionaryObject(
                {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1);")}
            )
        )
        tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("buka"), action])})
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})

    return pdf_with(script)


def pdf_with_hidden_names(data: bytes) -> bytes:
    """The same PDF with its active names written with #-escapes (/J#61vaScript), as malware hides them from a plain
    search; a PDF reader reads them as the same names."""
    return data.replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ").replace(b"/Launch", b"/L#61unch")


def pdf_with_embedded_file() -> bytes:
    return pdf_with(lambda writer: writer.add_attachment("tagihan.exe", b"MZ\x90\x00"))


def pdf_with_launch_on_open() -> bytes:
    def launch(writer):
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return pdf_with(launch)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def office_file(macros: bool) -> bytes:
    """A .docm (with a VBA project) or a .xlsx: both ZIP files underneath."""
    members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    if macros:
        members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + bytes(100)
    return zip_bytes(members)


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` × `height` pixels, with one tiny compressed row: a decompression bomb's
    header at a few dozen bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
