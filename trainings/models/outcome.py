"""Outcomes: the WKSBM an event or a program helped form or revive."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.enums import WilayahLevel
from registry.wilayah_codes import ancestor_code, lies_within
from trainings.enums import OutcomeKind
from trainings.querysets import OutcomeQuerySet


class Outcome(models.Model):
    """A WKSBM recorded as formed (*dibentuk*) or revived after an event, or after a program as a whole.

    At least one of `event` and `program` is given; when both are, the event belongs to the program. A WKSBM
    is recorded once per event. The WKSBM lies in the program's area, or for an event without a program in the
    event's kabupaten. Scoped by the WKSBM's wilayah: whoever sees a WKSBM sees what helped it grow.
    """

    event = models.ForeignKey(
        "trainings.Penyuluhan",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("kegiatan"),
    )
    program = models.ForeignKey(
        "trainings.Program",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("program"),
    )
    wksbm = models.ForeignKey(
        "registry.Wksbm", models.PROTECT, related_name="training_outcomes", verbose_name=_("WKSBM")
    )
    kind = models.CharField(_("hasil"), max_length=12, choices=OutcomeKind.choices, default=OutcomeKind.FORMED)
    notes = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords()
    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("hasil kegiatan")
        verbose_name_plural = _("hasil kegiatan")
        ordering = ["wksbm__wilayah_id", "wksbm__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False) | Q(program__isnull=False),
                name="outcome_has_event_or_program",
                violation_error_code="outcome_has_event_or_program",
                violation_error_message=_("Pilih kegiatan atau program yang menghasilkan WKSBM ini."),
            ),
            models.UniqueConstraint(
                fields=["wksbm", "event"],
                name="outcome_unique_per_event",
                violation_error_code="outcome_unique_per_event",
                violation_error_message=_("WKSBM ini sudah tercatat sebagai hasil kegiatan tersebut."),
            ),
            models.UniqueConstraint(
                fields=["wksbm", "program"],
                condition=Q(event__isnull=True),
                name="outcome_unique_per_program",
                violation_error_code="outcome_unique_per_program",
                violation_error_message=_("WKSBM ini sudah tercatat sebagai hasil program tersebut."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wksbm} — {self.get_kind_display()}"

    def clean(self):
        errors = {}
        if self.event_id and self.program_id and self.event.program_id != self.program_id:
            errors["event"] = _("Kegiatan ini tidak termasuk program yang dipilih.")
        if self.wksbm_id and not errors:
            area = self.area_code()
            if area and not lies_within(self.wksbm.wilayah_id, area):
                errors["wksbm"] = _("WKSBM ini berada di luar wilayah kegiatan atau programnya.")
        if errors:
            raise ValidationError(errors)

    def area_code(self) -> str | None:
        """The wilayah code the WKSBM must lie in: the program's area, else the event's kabupaten."""
        program = self.program if self.program_id else (self.event.program if self.event_id else None)
        if program is not None:
            return program.wilayah_id
        if self.event_id:
            return ancestor_code(self.event.wilayah_id, WilayahLevel.KABUPATEN)
        return None
