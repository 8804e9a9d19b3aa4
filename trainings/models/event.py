"""Penyuluhan events and who took part: narasumber, named peserta and headcounts per unsur."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models.imports import ImportBatchHistory
from registry.validators import clean_name, validate_phone
from registry.wilayah_codes import lies_within
from trainings.querysets import EventPartQuerySet, PenyuluhanQuerySet, PesertaQuerySet


class Penyuluhan(models.Model):
    """One extension event (*kegiatan penyuluhan*): a session, bimtek or training held somewhere on some days.

    It takes place in a wilayah at desa/kelurahan, kecamatan, kabupaten/kota or provinsi level (a provincial
    bimtek; only users whose area is the whole province are offered that level), and is scoped by it: an event
    held at kabupaten level is seen by that kabupaten's users and those above, not by a desa's; and also by the
    users whose area holds the WKSBM of one of its participants (`PenyuluhanQuerySet.for_user`). The rekap
    counts a provinsi-level event in the province's own line, in no kabupaten's. When it
    belongs to a program it lies in the program's area. Who came is recorded by name (`Peserta`), as a count
    per unsur (`PesertaCount`) when names are not known, or both; the total counts both (`with_totals`).
    """

    kind = models.ForeignKey("trainings.EventKind", models.PROTECT, verbose_name=_("jenis kegiatan"))
    theme = models.CharField(_("tema"), max_length=255)
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    wilayah = models.ForeignKey(
        "registry.Wilayah",
        models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah"),
        help_text=_("Desa/kelurahan, kecamatan, kabupaten/kota atau provinsi tempat kegiatan."),
    )
    venue = models.CharField(_("tempat"), max_length=255, blank=True, help_text=_("Mis. Balai Desa Kampung."))
    organiser = models.CharField(
        _("penyelenggara"),
        max_length=200,
        blank=True,
        help_text=_("Mis. Seksi Penyuluhan Dinas Sosial provinsi, Dinsos kabupaten, balai pelatihan."),
    )
    program = models.ForeignKey(
        "trainings.Program",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("program"),
    )
    expected_participants = models.PositiveIntegerField(
        _("jumlah peserta yang direncanakan"),
        null=True,
        blank=True,
        help_text=_("Menentukan jumlah baris kosong pada daftar hadir."),
    )
    preparation_notes = models.TextField(_("catatan persiapan"), blank=True)
    implementation_notes = models.TextField(_("catatan pelaksanaan"), blank=True)
    follow_up_notes = models.TextField(_("catatan tindak lanjut"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = PenyuluhanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kegiatan penyuluhan")
        verbose_name_plural = _("kegiatan penyuluhan")
        ordering = ["starts_on", "wilayah_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="penyuluhan_dates_in_order",
                violation_error_code="penyuluhan_dates_in_order",
                violation_error_message=_("Tanggal selesai kegiatan tidak boleh sebelum tanggal mulainya."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.starts_on:%d/%m/%Y})" if self.starts_on else self.theme

    def clean(self):
        self.theme = clean_name(self.theme or "")
        errors = {}
        if self.wilayah_id and self.program_id and not lies_within(self.wilayah_id, self.program.wilayah_id):
            errors["wilayah"] = _("Wilayah kegiatan berada di luar wilayah program %(program)s.") % {
                "program": self.program.name
            }
        if errors:
            raise ValidationError(errors)


class Narasumber(models.Model):
    """A resource person who spoke at an event: from the provincial office, a practitioner, a training centre."""

    event = models.ForeignKey(Penyuluhan, models.CASCADE, related_name="narasumber", verbose_name=_("kegiatan"))
    name = models.CharField(_("nama"), max_length=150)
    institution = models.CharField(_("instansi"), max_length=200, blank=True)
    topic = models.CharField(_("materi"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = EventPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("narasumber")
        verbose_name_plural = _("narasumber")
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")


class Peserta(models.Model):
    """A participant known by name, with their unsur and where they come from (*asal desa*).

    The phone is optional and checked as an Indonesian number. A participant may be linked to the board member
    (`Pengurus`) or the KPS they represent, not both.
    """

    event = models.ForeignKey(Penyuluhan, models.CASCADE, related_name="peserta", verbose_name=_("kegiatan"))
    name = models.CharField(_("nama"), max_length=150)
    unsur = models.ForeignKey("trainings.Unsur", models.PROTECT, verbose_name=_("unsur"))
    origin = models.ForeignKey(
        "registry.Wilayah",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asal desa"),
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])
    pengurus = models.ForeignKey(
        "registry.Pengurus",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pengurus WKSBM"),
    )
    kps = models.ForeignKey(
        "registry.Kps", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("KPS")
    )
    # Set when a person decided which pengurus this participant is, or that they are none
    # (`trainings.pengurus_match`): the participant is then not proposed again.
    pengurus_checked = models.BooleanField(_("kecocokan pengurus sudah diperiksa"), default=False, db_default=False)

    # Attendance lists are imported (trainings.attendance): each history row names its import batch, if any.
    history = HistoricalRecords(bases=[ImportBatchHistory])
    objects = PesertaQuerySet.as_manager()

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pengurus__isnull=True) | Q(kps__isnull=True),
                name="peserta_one_link",
                violation_error_code="peserta_one_link",
                violation_error_message=_("Peserta dapat ditautkan ke pengurus atau ke KPS, tidak keduanya."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")


class PesertaCount(models.Model):
    """How many participants of one unsur came to an event, when their names are not recorded."""

    event = models.ForeignKey(Penyuluhan, models.CASCADE, related_name="counts", verbose_name=_("kegiatan"))
    unsur = models.ForeignKey("trainings.Unsur", models.PROTECT, verbose_name=_("unsur"))
    # An IntegerField with a named constraint rather than PositiveIntegerField, so the refusal reads in the
    # project's own words.
    count = models.IntegerField(_("jumlah"))

    history = HistoricalRecords()
    objects = EventPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("jumlah peserta per unsur")
        verbose_name_plural = _("jumlah peserta per unsur")
        ordering = ["event", "unsur__sort_order", "unsur__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="peserta_count_not_negative",
                violation_error_code="peserta_count_not_negative",
                violation_error_message=_("Jumlah peserta tidak boleh negatif."),
            ),
            models.UniqueConstraint(
                fields=["event", "unsur"],
                name="peserta_count_unique_per_unsur",
                violation_error_code="peserta_count_unique_per_unsur",
                violation_error_message=_("Jumlah peserta untuk unsur ini sudah dicatat pada kegiatan ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unsur}: {self.count}"
