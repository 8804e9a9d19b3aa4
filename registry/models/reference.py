"""Reference lists that administrators extend: KPS kinds, pengurus roles, activity kinds, fund sources, aid purposes,
mitra kinds and jejaring kinds.

They are data, not code: a migration seeds the usual entries and the admin adds more. `slug` is the stable key
the code and imports refer to; `name` is what users read.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReferenceItem(models.Model):
    """An entry of a reference list, shown in `sort_order` then name."""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("kode"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=100)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class KpsKind(ReferenceItem):
    """A kind of KPS: Karang Taruna, PKK, Posyandu, LKS, PSM, TKSK…"""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("jenis KPS")
        verbose_name_plural = _("jenis KPS")


class PengurusRole(ReferenceItem):
    """A position on a WKSBM board. A board is complete when every `required` role has a current holder."""

    required = models.BooleanField(
        _("wajib"), default=False, help_text=_("Kepengurusan belum lengkap tanpa pemegang jabatan ini.")
    )
    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("jabatan pengurus")
        verbose_name_plural = _("jabatan pengurus")


class ActivityKind(ReferenceItem):
    """A kind of WKSBM activity: rapat, aksi sosial, penghimpunan dana, penyaluran bantuan…"""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("jenis kegiatan")
        verbose_name_plural = _("jenis kegiatan")


class FundSource(ReferenceItem):
    """Where collected funds come from: swadaya, perantau, dana desa, CSR, lainnya."""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("sumber dana")
        verbose_name_plural = _("sumber dana")


class AidPurpose(ReferenceItem):
    """What distributed help is for: pendidikan, disabilitas, lansia, kesehatan, bencana, lainnya."""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("tujuan bantuan")
        verbose_name_plural = _("tujuan bantuan")


class MitraKind(ReferenceItem):
    """A kind of partner organisation (sistem sumber): dunia usaha (CSR), Baznas/zakat, Puskesmas, LKS, BUMDes,
    pemerintah desa, perguruan tinggi, organisasi keagamaan, LSM, ormas, instansi pemerintah…"""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("jenis mitra")
        verbose_name_plural = _("jenis mitra")


class JejaringKind(ReferenceItem):
    """A kind of tie of a WKSBM: kemitraan dana, layanan dan rujukan, pendampingan teknis, program bersama…"""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("jenis jejaring")
        verbose_name_plural = _("jenis jejaring")
