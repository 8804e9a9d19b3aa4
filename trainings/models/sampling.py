"""Uji petik: a random, reproducible sample of WKSBM per kabupaten/kota, drawn for spot-check visits.

A `UjiPetik` records the draw: the area it was drawn in (a kabupaten/kota or a provinsi), the number `size` drawn
per kabupaten/kota, the `seed` of the random generator, who drew it and when, and the size of each kabupaten/kota's
population (its active WKSBM then). Its `items` are the WKSBM drawn, in the order drawn (`position`). The same seed
over the same population gives the same sample (`trainings.sampling.draw`), so a draw can be checked or repeated.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.enums import WilayahLevel
from registry.scoping import ScopedQuerySetMixin, area_q
from registry.wilayah_codes import level_of

MAX_SIZE = 50
MAX_SEED = 999_999_999


class UjiPetikItemQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Sampled WKSBM, scoped by the WKSBM's wilayah."""

    area_field = "wksbm__wilayah__code"


class UjiPetikQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Samples, scoped by their area, or, for a user working within it (a penyuluh of one kecamatan), by the
    sampled WKSBM of the user's area: such a user sees the sample and, on its pages, only those WKSBM."""

    area_field = "wilayah__code"

    def for_user(self, user):
        own = UjiPetikItem.objects.for_user(user).filter(uji_petik=OuterRef("pk"))
        return self.filter(Q(area_q(user, self.area_field)) | Exists(own))


class UjiPetik(models.Model):
    """One draw of an uji petik sample (see the module's docstring)."""

    wilayah = models.ForeignKey(
        "registry.Wilayah",
        models.PROTECT,
        related_name="+",
        verbose_name=_("wilayah"),
        help_text=_("Kabupaten/kota, atau provinsi untuk menarik sampel di setiap kabupaten/kotanya."),
    )
    size = models.PositiveSmallIntegerField(
        _("jumlah per kabupaten/kota"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SIZE)],
        help_text=format_lazy(_("Jumlah WKSBM yang ditarik di setiap kabupaten/kota (1–{max})."), max=MAX_SIZE),
    )
    seed = models.PositiveIntegerField(
        _("benih acak"),
        validators=[MaxValueValidator(MAX_SEED)],
        help_text=_("Benih yang sama atas WKSBM yang sama menghasilkan sampel yang sama."),
    )
    populations = models.JSONField(
        _("jumlah WKSBM aktif per kabupaten/kota"), default=dict, help_text=_("Kode kabupaten/kota → jumlah.")
    )
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("ditarik oleh")
    )
    drawn_at = models.DateTimeField(_("waktu penarikan"))

    history = HistoricalRecords()
    objects = UjiPetikQuerySet.as_manager()

    class Meta:
        verbose_name = _("uji petik")
        verbose_name_plural = _("uji petik")
        ordering = ["-drawn_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gte=1, size__lte=MAX_SIZE),
                name="ujipetik_size_in_range",
                violation_error_code="ujipetik_size_in_range",
                violation_error_message=format_lazy(_("Jumlah per kabupaten/kota harus 1 sampai {max}."), max=MAX_SIZE),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Uji petik %(wilayah)s, benih %(seed)s") % {"wilayah": self.wilayah_id, "seed": self.seed}

    def clean(self):
        # Drawn per kabupaten/kota: the area is one, or a provinsi (each of its kabupaten/kota).
        if self.wilayah_id and level_of(self.wilayah_id) > WilayahLevel.KABUPATEN:
            raise ValidationError(
                {"wilayah": ValidationError(_("Pilih kabupaten/kota atau provinsi."), code="ujipetik_wilayah_level")}
            )

    @property
    def population_total(self) -> int:
        return sum(self.populations.values())


class UjiPetikItem(models.Model):
    """A WKSBM drawn in a sample, at its `position` in the order drawn."""

    uji_petik = models.ForeignKey(UjiPetik, models.CASCADE, related_name="items", verbose_name=_("uji petik"))
    wksbm = models.ForeignKey("registry.Wksbm", models.CASCADE, related_name="+", verbose_name=_("WKSBM"))
    position = models.PositiveIntegerField(_("urutan"))

    history = HistoricalRecords()
    objects = UjiPetikItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("WKSBM sampel uji petik")
        verbose_name_plural = _("WKSBM sampel uji petik")
        ordering = ["uji_petik", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["uji_petik", "position"],
                name="ujipetikitem_position_unique",
                violation_error_code="ujipetikitem_position_unique",
                violation_error_message=_("Urutan ini sudah dipakai dalam sampel yang sama."),
            ),
            models.UniqueConstraint(
                fields=["uji_petik", "wksbm"],
                name="ujipetikitem_wksbm_unique",
                violation_error_code="ujipetikitem_wksbm_unique",
                violation_error_message=_("WKSBM ini sudah ada dalam sampel yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.wksbm}"
