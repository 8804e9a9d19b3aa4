"""A board member's shape and rules, shared by the board of a WKSBM and that of a Forum Komunikasi WKSBM."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.querysets import term_is_current
from registry.validators import clean_name, mask_nik, validate_nik, validate_phone


class BoardMember(models.Model):
    """A person in a position (`PengurusRole`) for a term, open-ended while `period_to` is empty.

    The rules are the same on every board: the name is cleaned, the term has begun (its start is not ahead; its
    end may be planned), its end is not before its start (`term_order_constraint`, which each board names for its
    own table), and the NIK is optional personal data (UU 27/2022), shown masked. A term is current by the one
    rule of `registry.querysets.current_term_q`. A board is complete when every required role has a current
    holder.
    """

    name = models.CharField(_("nama"), max_length=150)
    role = models.ForeignKey("registry.PengurusRole", models.PROTECT, verbose_name=_("jabatan"))
    phone = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])
    nik = models.CharField(_("NIK"), max_length=16, blank=True, validators=[validate_nik])
    period_from = models.DateField(_("masa bakti dari"), null=True, blank=True)
    period_to = models.DateField(_("masa bakti sampai"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"

    @staticmethod
    def term_order_constraint(name: str) -> models.CheckConstraint:
        """The check "a term does not end before it starts", named `name` for the board's own table."""
        return models.CheckConstraint(
            condition=Q(period_to__isnull=True) | Q(period_from__isnull=True) | Q(period_to__gte=F("period_from")),
            name=name,
            violation_error_code=name,
            violation_error_message=_("Akhir masa bakti tidak boleh sebelum awalnya."),
        )

    def clean(self):
        self.name = clean_name(self.name or "")
        # A term may be planned to end later (masa bakti 2024–2029), but it has begun: its start is not ahead.
        if errors := dates.future_date_errors(self, ("period_from",), _("Awal masa bakti tidak boleh di masa depan.")):
            raise ValidationError(errors)

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)

    def is_current(self, on=None) -> bool:
        """True when the term is current on `on` (today by default), by the one rule (`current_term_q`)."""
        return term_is_current(self.period_from, self.period_to, on or dates.today())
