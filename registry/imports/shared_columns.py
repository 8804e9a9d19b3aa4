"""The columns several lists declare alike: the wilayah of a row (its code, or its names down from the
kabupaten), a record's name and a phone number."""

from registry.imports.columns import ImportColumn
from registry.imports.normalize import parse_phone, phone_as_parsed
from registry.validators import display_phone

# The wilayah of a row, read together as one place (`resolve_wilayah_column`): a file gives its code or names it
# down from its kabupaten.
CODE_COLUMN = ImportColumn(
    "kode_wilayah",
    {"kode", "kode wilayah", "kode desa", "kode kemendagri"},
    field="wilayah",
    parse=None,
    required="wilayah",
    key=True,
)
KABUPATEN_COLUMN = ImportColumn("kabupaten", {"kabupaten/kota", "kab/kota", "kota"}, parse=None, required="wilayah")
KECAMATAN_COLUMN = ImportColumn("kecamatan", {"kapanewon", "kemantren", "distrik", "kapanewon/kemantren"}, parse=None)
DESA_COLUMN = ImportColumn("desa", {"kelurahan", "desa/kelurahan", "kalurahan", "desa/kalurahan"}, parse=None)
WILAYAH_COLUMNS = [CODE_COLUMN, KABUPATEN_COLUMN, KECAMATAN_COLUMN, DESA_COLUMN]


def name_column(header: str, *aliases: str) -> ImportColumn:
    """The column of a record's name, titled `header`, "nama" or one of `aliases`: part of the record's natural
    key, filled in every row."""
    return ImportColumn(header, {"nama", *aliases}, field="name", required=True, key=True)


PHONE_COLUMN = ImportColumn(
    "telepon",
    {"no telepon", "no hp", "hp", "telp", "no telp", "nomor telepon", "kontak"},
    field="phone",
    parse=parse_phone,
    compare=phone_as_parsed,
    show=display_phone,
)
