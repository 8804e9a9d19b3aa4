"""The open data's metadata, in the manner of Satu Data Indonesia (Perpres 39/2019): judul, deskripsi, produsen
data, tanggal pembaruan, frekuensi, lisensi, cakupan, and for each column its definition, type and unit (satuan).

The producer is the office of the registry's settings (`OfficeSettings`: pemerintah daerah and instansi), or
"Dinas Sosial Provinsi …" until an admin fills them in. Its contact is the office's address, e-mail and website,
never a person. Everything here is Indonesian text the files carry as they are (the `gettext` of the publishing
process, which runs in the site's language).
"""

import datetime

from django.utils.translation import gettext

from registry.enums import WilayahLevel
from registry.extensions import OpenDataColumn
from registry.models import OfficeSettings, Wilayah
from registry.opendata.figures import LEVEL_VALUES

LICENSE = {"nama": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.id"}
CODE_SOURCE = "Kepmendagri 300.2.2-2138/2025 jo. 300.2.2-2430/2025"
TEXT_COLUMNS = {"kode_wilayah", "nama_wilayah", "tingkat", "kode_induk"}


def producer(province: Wilayah | None) -> str:
    """The office producing the data: from the office's settings, else the province's Dinas Sosial by name."""
    office = OfficeSettings.current()
    if office.filled_in:
        return f"{office.instansi} ({office.government})" if office.government else office.instansi
    if province is None:
        return gettext("Dinas Sosial")
    return gettext("Dinas Sosial Provinsi %(name)s") % {"name": province.name.title()}


def office_contact() -> dict:
    """The office's public contact (no person's): address, e-mail, website; empty values left out."""
    office = OfficeSettings.current()
    contact = {"alamat": office.address, "email": office.email, "situs_web": office.website}
    return {key: value for key, value in contact.items() if value}


def column_definitions(columns: list[OpenDataColumn]) -> list[dict]:
    """Each column's name, title, definition, type and unit, in the files' order."""
    return [
        {
            "nama": column.column,
            "judul": str(column.label),
            "definisi": str(column.definition),
            "tipe": "teks" if column.column in TEXT_COLUMNS else "bilangan bulat",
            "satuan": str(column.unit),
        }
        for column in columns
    ]


def build_metadata(
    *,
    province: Wilayah | None,
    lowest_level: int,
    columns: list[OpenDataColumn],
    files: dict[str, str],
    notes: list[str] = (),
) -> dict:
    """The metadata of a release of `province` (None: the national summary of the published provinces), without its
    date (`dated` adds it: the content hash must not change with the day alone)."""
    place = province.name.title() if province else gettext("provinsi yang mempublikasikan")
    scope = {
        "wilayah": province.name.title() if province else gettext("Indonesia (provinsi yang mempublikasikan)"),
        "kode_wilayah": province.code if province else "",
        "tingkat_terendah": LEVEL_VALUES[WilayahLevel(lowest_level)],
        "rujukan_kode_wilayah": CODE_SOURCE,
    }
    description = gettext(
        "Jumlah WKSBM (Wahana Kesejahteraan Sosial Berbasis Masyarakat) menurut status, KPS (Keperangkatan Pelayanan "
        "Sosial) menurut jenis, persentase desa/kelurahan dengan WKSBM aktif, kegiatan dan peserta penyuluhan sosial "
        "per tahun, serta kelas penilaian WKSBM, per wilayah %(place)s menurut kode wilayah Kemendagri. Satu baris per "
        "wilayah; angka setiap wilayah mencakup wilayah di bawahnya. Wilayah di bawah tingkat terendah yang ditetapkan "
        "tidak dipublikasikan agar kelompok kecil tidak dapat dikenali. Tidak memuat nama orang, NIK, maupun nomor "
        "telepon."
    ) % {"place": place}
    return {
        "judul": gettext("Data WKSBM per wilayah %(place)s") % {"place": place},
        "deskripsi": description,
        "produsen_data": producer(province),
        "kontak_produsen": office_contact(),
        "frekuensi": gettext("Harian, dan setiap kali data berubah"),
        "lisensi": LICENSE,
        "bahasa": "id",
        "cakupan": scope,
        "format": ["CSV", "JSON"],
        "berkas": files,
        "kolom": column_definitions(columns),
        "catatan": [str(note) for note in notes],
    }


def dated(metadata: dict, published: datetime.datetime) -> dict:
    """`metadata` with its date of publication (tanggal pembaruan: when this content was first published)."""
    return {**metadata, "tanggal_pembaruan": published.date().isoformat(), "waktu_pembaruan": published.isoformat()}
