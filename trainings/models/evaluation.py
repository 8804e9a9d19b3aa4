"""Evaluation with classes (penilaian): the instrument the province sets up as data, and the evaluations of WKSBM.

No official classification of WKSBM exists, so the instrument is data, not code: an `Instrument` has aspects
(`Aspect`), each with indicators (`Indicator`) answered by choosing one of the indicator's own options
(`AnswerOption`, each with a score); its classes (`EvaluationClass`) are score ranges that do not overlap. An
indicator may name a registry fact (`Fact`) it is pre-filled from; its options then say which fact values they
stand for (`fact_min`..`fact_max`, see `trainings.evaluation_facts`).

An evaluation (`Evaluasi`) of a WKSBM for a period (one per WKSBM, period and instrument) has one answer
(`Jawaban`) per indicator; its score and class are computed by `score_and_class` and stored for the rekap. It is
submitted (diajukan) and then confirmed (dikonfirmasi) by an operator; only confirmed ones count in the rekap.

The instrument's records are provincial settings read by every role, like the reference lists: they are not
scoped by area. Evaluations and answers are scoped by the WKSBM's wilayah.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import dates
from registry.scoping import ScopedQuerySetMixin


class PeriodKind(models.TextChoices):
    """How often WKSBM are evaluated with an instrument: once a year, or once a semester."""

    TAHUNAN = "tahunan", _("Tahunan")
    SEMESTERAN = "semesteran", _("Semesteran")


class EvaluationStatus(models.TextChoices):
    """An evaluation is submitted by the assessor and confirmed (or returned) by an operator of the kabupaten or
    province: its verification state (`registry.verification`), kept in these words."""

    DIAJUKAN = "diajukan", _("Diajukan")
    DIKONFIRMASI = "dikonfirmasi", _("Dikonfirmasi")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")


class Fact(models.TextChoices):
    """The registry facts an indicator may be pre-filled from (`trainings.evaluation_facts` computes them).

    Each value is a whole number: 1 or 0 for yes or no, months, Rupiah, or a whole percentage.
    """

    SK_PRESENT = "sk_ada", _("SK pembentukan ada (1 = ya, 0 = tidak)")
    BOARD_COMPLETE = "pengurus_lengkap", _("Kepengurusan inti lengkap (1 = ya, 0 = tidak)")
    MONTHS_SINCE_CONTACT = "bulan_sejak_laporan", _("Bulan sejak laporan atau kunjungan terakhir")
    FUNDS_THIS_YEAR = "dana_masyarakat", _("Dana dari masyarakat tahun ini (Rp)")
    TRAINED_SHARE = "persen_pengurus_terlatih", _("Persen pengurus yang pernah mengikuti pelatihan")


def period_label(kind: str, on: datetime.date) -> str:
    """The period an evaluation dated `on` belongs to under an instrument of period `kind`: "2026" for a yearly
    instrument, "2026-S1" (January–June) or "2026-S2" for a semester one. The one rule of periods."""
    if kind == PeriodKind.SEMESTERAN:
        return f"{on.year}-S{1 if on.month <= 6 else 2}"
    return str(on.year)


def previous_period(kind: str, period: str) -> str:
    """The period before `period` (a `period_label`) under the same kind."""
    if kind == PeriodKind.SEMESTERAN:
        year, half = period.split("-S")
        return f"{year}-S1" if half == "2" else f"{int(year) - 1}-S2"
    return str(int(period) - 1)


def overlapping_ranges(ranges: Iterable[tuple[int, int]]) -> bool:
    """Whether any two of the closed score ranges (min, max) share a score."""
    ordered = sorted(ranges)
    return any(later[0] <= earlier[1] for earlier, later in zip(ordered, ordered[1:], strict=False))


CLASS_RANGES_OVERLAP = _("Rentang skor kelas tidak boleh tumpang tindih dengan kelas lain pada instrumen yang sama.")


class Instrument(models.Model):
    """An evaluation instrument: its aspects, indicators and classes. `is_example` marks the one shipped as an
    example to adapt before use; `active` instruments are offered on the field page (the first is the default)."""

    name = models.CharField(_("nama instrumen"), max_length=200, unique=True)
    description = models.TextField(_("keterangan"), blank=True)
    is_example = models.BooleanField(_("contoh"), default=False, help_text=_("Contoh — sesuaikan sebelum dipakai."))
    period_kind = models.CharField(
        _("periode penilaian"), max_length=12, choices=PeriodKind.choices, default=PeriodKind.TAHUNAN
    )
    active = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instrumen penilaian")
        verbose_name_plural = _("instrumen penilaian")
        ordering = ["-active", "name"]

    def __str__(self) -> str:
        return self.name


class Aspect(models.Model):
    """A group of indicators of an instrument, e.g. "Kelembagaan" or "Kegiatan"."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="aspects", verbose_name=_("instrumen"))
    name = models.CharField(_("nama aspek"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=10)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aspek penilaian")
        verbose_name_plural = _("aspek penilaian")
        ordering = ["instrument", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """A question of an aspect, answered by one of its options; `fact` names the registry fact it is pre-filled
    from, if any."""

    aspect = models.ForeignKey(Aspect, models.CASCADE, related_name="indicators", verbose_name=_("aspek"))
    text = models.CharField(_("indikator"), max_length=300)
    order = models.PositiveSmallIntegerField(_("urutan"), default=10)
    fact = models.CharField(
        _("diisi dari data registri"),
        max_length=30,
        choices=Fact.choices,
        blank=True,
        help_text=_("Jawaban diisi lebih dahulu dari data registri; pilihan jawaban menyebut rentang nilainya."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator penilaian")
        verbose_name_plural = _("indikator penilaian")
        ordering = ["aspect__order", "aspect_id", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class AnswerOption(models.Model):
    """One answer of an indicator with its score. For an indicator pre-filled from a fact, the option stands for
    the fact values from `fact_min` to `fact_max` (either open); e.g. "Ada" for 1..1, "Lebih dari 12 bulan" for
    13.. ."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="options", verbose_name=_("indikator"))
    label = models.CharField(_("jawaban"), max_length=200)
    score = models.IntegerField(_("skor"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=10)
    fact_min = models.BigIntegerField(_("nilai data dari"), null=True, blank=True)
    fact_max = models.BigIntegerField(_("nilai data sampai"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")
        ordering = ["indicator", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fact_min__isnull=True) | Q(fact_max__isnull=True) | Q(fact_max__gte=F("fact_min")),
                name="answer_option_fact_range_in_order",
                violation_error_code="answer_option_fact_range_in_order",
                violation_error_message=_("Nilai data 'sampai' tidak boleh lebih kecil dari nilai 'dari'."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.score})"

    def stands_for(self, value: int | None) -> bool:
        """Whether this option is the answer for the fact value `value` (never for an unknown value or an option
        without a range)."""
        if value is None or (self.fact_min is None and self.fact_max is None):
            return False
        return (self.fact_min is None or value >= self.fact_min) and (self.fact_max is None or value <= self.fact_max)


class EvaluationClass(models.Model):
    """A class of an instrument (Tumbuh, Berkembang, Mandiri) for the scores `min_score`..`max_score`; the
    ranges of one instrument do not overlap, and a higher range is a higher class."""

    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="classes", verbose_name=_("instrumen"))
    name = models.CharField(_("nama kelas"), max_length=100)
    min_score = models.IntegerField(_("skor terendah"))
    max_score = models.IntegerField(_("skor tertinggi"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kelas penilaian")
        verbose_name_plural = _("kelas penilaian")
        ordering = ["instrument", "min_score"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gte=F("min_score")),
                name="evaluation_class_range_in_order",
                violation_error_code="evaluation_class_range_in_order",
                violation_error_message=_("Skor tertinggi kelas tidak boleh lebih kecil dari skor terendahnya."),
            ),
            models.UniqueConstraint(
                fields=["instrument", "name"],
                name="evaluation_class_unique_name",
                violation_error_code="evaluation_class_unique_name",
                violation_error_message=_("Kelas dengan nama ini sudah ada pada instrumen yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.instrument_id is None or self.min_score is None or self.max_score is None:
            return
        others = EvaluationClass.objects.filter(instrument_id=self.instrument_id).exclude(pk=self.pk)
        ranges = [*others.values_list("min_score", "max_score"), (self.min_score, self.max_score)]
        if overlapping_ranges(ranges):
            raise ValidationError({"min_score": ValidationError(CLASS_RANGES_OVERLAP, code="class_ranges_overlap")})


def score_and_class(options: Iterable[AnswerOption], classes: Iterable[EvaluationClass]):
    """(score, class) of an evaluation answered with `options` under an instrument with `classes`: the sum of the
    options' scores, and the class whose range holds it (None when no class does). The one rule of scoring."""
    score = sum(option.score for option in options)
    found = next((c for c in classes if c.min_score <= score <= c.max_score), None)
    return score, found


class EvaluasiQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of evaluations, scoped by the WKSBM's wilayah."""

    area_field = "wksbm__wilayah__code"

    def confirmed(self) -> "EvaluasiQuerySet":
        """The evaluations that count in the rekap."""
        return self.filter(status=EvaluationStatus.DIKONFIRMASI)


class JawabanQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of answers, scoped by the evaluated WKSBM's wilayah."""

    area_field = "evaluasi__wksbm__wilayah__code"


class Evaluasi(models.Model):
    """An evaluation of a WKSBM with an instrument for a period (`period_label` of its date), by an assessor.

    `score` and `evaluation_class` are computed from the answers (`score_and_class`) whenever they are saved
    through `trainings.evaluation_services`, and stored for the rekap.
    """

    wksbm = models.ForeignKey("registry.Wksbm", models.CASCADE, related_name="+", verbose_name=_("WKSBM"))
    instrument = models.ForeignKey(Instrument, models.PROTECT, related_name="evaluations", verbose_name=_("instrumen"))
    period = models.CharField(_("periode"), max_length=10, editable=False)
    evaluated_on = models.DateField(_("tanggal penilaian"))
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("penilai"))
    notes = models.TextField(_("catatan"), blank=True)
    score = models.IntegerField(_("skor"), default=0, editable=False)
    evaluation_class = models.ForeignKey(
        EvaluationClass,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("kelas"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EvaluationStatus.choices, default=EvaluationStatus.DIAJUKAN
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("dikonfirmasi oleh"),
    )
    confirmed_at = models.DateTimeField(_("dikonfirmasi pada"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = EvaluasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian WKSBM")
        verbose_name_plural = _("penilaian WKSBM")
        ordering = ["-period", "wksbm_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["wksbm", "instrument", "period"],
                name="evaluasi_one_per_period",
                violation_error_code="evaluasi_one_per_period",
                violation_error_message=_(
                    "WKSBM ini sudah dinilai dengan instrumen yang sama pada periode ini; ubah penilaian yang ada."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=EvaluationStatus.DIKONFIRMASI) | Q(confirmed_at__isnull=False),
                name="evaluasi_confirmation_dated",
                violation_error_code="evaluasi_confirmation_dated",
                violation_error_message=_("Penilaian yang dikonfirmasi harus mencatat waktu konfirmasinya."),
            ),
        ]
        indexes = [models.Index(fields=["instrument", "period", "status"], name="evaluasi_period_idx")]

    def __str__(self) -> str:
        return f"{_('Penilaian')} {self.period}" if self.period else str(_("penilaian WKSBM"))

    @property
    def is_confirmed(self) -> bool:
        return self.status == EvaluationStatus.DIKONFIRMASI

    def clean(self):
        errors = dates.future_date_errors(self, ["evaluated_on"], _("Tanggal penilaian tidak boleh di masa depan."))
        if self.instrument_id and self.evaluated_on:
            self.period = period_label(self.instrument.period_kind, self.evaluated_on)
        if errors:
            raise ValidationError(errors)


OPTION_NOT_OF_INDICATOR = _("Jawaban harus dipilih dari pilihan indikator ini sendiri.")
OVERRIDE_NEEDS_NOTE = _("Jawaban berbeda dari data registri: tulis catatan alasannya.")


class Jawaban(models.Model):
    """The answer to one indicator in an evaluation: an option of that indicator; `prefilled_option` is what
    the registry's facts gave, and overriding it needs a `note`."""

    evaluasi = models.ForeignKey(Evaluasi, models.CASCADE, related_name="answers", verbose_name=_("penilaian"))
    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="+", verbose_name=_("indikator"))
    option = models.ForeignKey(AnswerOption, models.PROTECT, related_name="+", verbose_name=_("jawaban"))
    prefilled_option = models.ForeignKey(
        AnswerOption,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jawaban dari data registri"),
    )
    note = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()
    objects = JawabanQuerySet.as_manager()

    class Meta:
        verbose_name = _("jawaban penilaian")
        verbose_name_plural = _("jawaban penilaian")
        ordering = ["evaluasi", "indicator__aspect__order", "indicator__order", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluasi", "indicator"],
                name="jawaban_one_per_indicator",
                violation_error_code="jawaban_one_per_indicator",
                violation_error_message=_("Indikator ini sudah dijawab pada penilaian yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.option) if self.option_id else str(_("jawaban penilaian"))

    @property
    def overrides_prefill(self) -> bool:
        return self.prefilled_option_id is not None and self.option_id != self.prefilled_option_id

    def clean(self):
        """The option (and the pre-filled one) belong to the indicator; an override of the pre-fill has a note."""
        errors = {}
        if self.option_id and self.indicator_id and self.option.indicator_id != self.indicator_id:
            errors["option"] = ValidationError(OPTION_NOT_OF_INDICATOR, code="option_not_of_indicator")
        if self.prefilled_option_id and self.prefilled_option.indicator_id != self.indicator_id:
            errors["prefilled_option"] = ValidationError(OPTION_NOT_OF_INDICATOR, code="option_not_of_indicator")
        if self.overrides_prefill and not (self.note or "").strip():
            errors["note"] = ValidationError(OVERRIDE_NEEDS_NOTE, code="override_needs_note")
        if errors:
            raise ValidationError(errors)


def active_instruments() -> models.QuerySet:
    """The active instruments, the default one (`default_instrument`) first."""
    return Instrument.objects.filter(active=True).order_by("name", "pk")


def default_instrument() -> Instrument | None:
    """The instrument the field page offers first and the rekap and worklist read: the first active one by name."""
    return active_instruments().first()
