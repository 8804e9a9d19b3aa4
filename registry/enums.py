"""Choices used by the registry's models. Labels are what users read, in Indonesian."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WilayahLevel(models.IntegerChoices):
    """Depth in the Kemendagri tree: the number of dotted segments in the code."""

    PROVINSI = 1, _("Provinsi")
    KABUPATEN = 2, _("Kabupaten/Kota")
    KECAMATAN = 3, _("Kecamatan")
    DESA = 4, _("Desa/Kelurahan")


class WilayahKind(models.TextChoices):
    """The official kind of a wilayah, derived from its code (see `registry.wilayah_codes.kind_for`)."""

    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DISTRIK = "distrik", _("Distrik")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA_ADAT = "desa_adat", _("Desa Adat")


class WksbmStatus(models.TextChoices):
    """Whether a WKSBM works. *Vakum* ("mati suri") forums exist on paper only; *bubar* ones were dissolved."""

    AKTIF = "aktif", _("Aktif")
    VAKUM = "vakum", _("Vakum")
    BUBAR = "bubar", _("Bubar")


class Role(models.TextChoices):
    """What a user may do; where is given by their areas. Each role is a Django group, found by the role's value
    (`RoleGroup`), never by its label."""

    PROVINSI = "provinsi", _("Admin provinsi")
    KABUPATEN = "kabupaten", _("Operator kabupaten/kota")
    PENYULUH = "penyuluh", _("Penyuluh")
    PIMPINAN = "pimpinan", _("Pimpinan")


class MitraLevel(models.TextChoices):
    """The level at which a partner organisation (mitra) works: a desa's BUMDes, a kabupaten's Baznas, a
    university of the province, a national company's CSR."""

    DESA = "desa", _("Desa/Kelurahan")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KABUPATEN = "kabupaten", _("Kabupaten/Kota")
    PROVINSI = "provinsi", _("Provinsi")
    NASIONAL = "nasional", _("Nasional")


# The wilayah level that is a mitra's working area at each of its levels (a national mitra works everywhere).
MITRA_LEVEL_DEPTH = {
    MitraLevel.DESA: WilayahLevel.DESA,
    MitraLevel.KECAMATAN: WilayahLevel.KECAMATAN,
    MitraLevel.KABUPATEN: WilayahLevel.KABUPATEN,
    MitraLevel.PROVINSI: WilayahLevel.PROVINSI,
}


class VerificationState(models.TextChoices):
    """Where a record entered in the field stands with the office (`registry.verification`): what a penyuluh enters
    waits for an operator of its kabupaten, who confirms it or returns it with a reason; what operators and admins
    enter is verified on entry."""

    MENUNGGU = "menunggu", _("Menunggu verifikasi")
    TERVERIFIKASI = "terverifikasi", _("Terverifikasi")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
