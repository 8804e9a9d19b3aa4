"""Pendampingan and supervisi visits (*kunjungan*) to a WKSBM and their follow-ups (*tindak lanjut*).

- `VisitKind`: the kinds of visit, a reference list superusers extend (bantuan teknis … uji petik); code finds a
  kind by its `slug` (`UJI_PETIK`), never by its name.
- `Kunjungan`: one visit: when, what kind, who visited (a user of the registry, or a named person with a role:
  exactly one of the two), the pengurus present (of that WKSBM only), what was discussed, found, advised and agreed,
  and when the next visit is due.
- `TindakLanjut`: what a visit left to do, by whom and by when; open until it is closed (done or dropped) at a
  later visit of the same WKSBM or on its own.

Every rule is here, with its Indonesian message: the named constraints, `clean()`, and `Kunjungan.present_errors`
for the pengurus present (a many-to-many, judged before it is written). Services, forms and the admin call them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import dates
from registry.models.reference import ReferenceItem
from registry.models.verification import VerifiedRecord
from registry.scoping import ScopedQuerySetMixin
from trainings.enums import FollowUpStatus, VisitorRole

# The code of the visit kind the uji petik sample is recorded as.
UJI_PETIK = "uji-petik"
# A WKSBM not visited for this many months is listed as "Belum dikunjungi 6 bulan".
VISIT_EXPECTED_MONTHS = 6


class VisitKind(ReferenceItem):
    """A kind of visit: the four pendampingan kinds (bantuan, konsultasi, bimbingan and pemantapan teknis),
    supervisi, monitoring-evaluasi and uji petik."""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("jenis kunjungan")
        verbose_name_plural = _("jenis kunjungan")


def open_follow_up_q(prefix: str = "") -> Q:
    """The one rule of an open follow-up: its status is *terbuka*."""
    return Q(**{f"{prefix}status": FollowUpStatus.TERBUKA})


class KunjunganQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of visits, scoped by the visited WKSBM's wilayah."""

    area_field = "wksbm__wilayah__code"

    @staticmethod
    def overdue_condition(on=None) -> Q:
        """A visit is overdue on `on` (today by default) when one of its follow-ups is open past its due date, or
        its next visit's due date has passed without a later visit of the WKSBM."""
        on = on or dates.today()
        late_follow_up = TindakLanjut.objects.filter(open_follow_up_q(), visit=OuterRef("pk"), due_on__lt=on)
        later_visit = Kunjungan.objects.filter(wksbm=OuterRef("wksbm"), date__gt=OuterRef("date"))
        return Exists(late_follow_up) | (Q(next_visit_due__lt=on) & ~Exists(later_visit))

    def overdue(self, on=None) -> "KunjunganQuerySet":
        return self.filter(self.overdue_condition(on))

    def timeline(self) -> "KunjunganQuerySet":
        """Newest first, with what a list of visits shows already joined."""
        return self.select_related("kind", "visitor").order_by("-date", "-pk")


class TindakLanjutQuerySet(ScopedQuerySetMixin, models.QuerySet):
    """Reads of follow-ups, scoped by their visit's WKSBM."""

    area_field = "visit__wksbm__wilayah__code"

    def open(self) -> "TindakLanjutQuerySet":
        return self.filter(open_follow_up_q())

    @staticmethod
    def overdue_condition(on=None) -> Q:
        """Open and due before `on` (today by default)."""
        return open_follow_up_q() & Q(due_on__lt=on or dates.today())

    def overdue(self, on=None) -> "TindakLanjutQuerySet":
        return self.filter(self.overdue_condition(on))


class Kunjungan(VerifiedRecord):
    """A visit to a WKSBM by a penyuluh, TKSK, PSM or Dinas Sosial officer (pendampingan, supervisi, monitoring).

    Who visited is a user of the registry (`visitor`) or a person named with their role (`visitor_name`,
    `visitor_role`), exactly one of the two. The visit is not in the future; the next visit, when planned, is due
    after it. The pengurus present are of the visited WKSBM (`present_errors`).
    """

    wksbm = models.ForeignKey("registry.Wksbm", models.CASCADE, related_name="kunjungan", verbose_name=_("WKSBM"))
    date = models.DateField(_("tanggal kunjungan"))
    kind = models.ForeignKey(VisitKind, models.PROTECT, verbose_name=_("jenis kunjungan"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petugas (pengguna)"),
    )
    visitor_name = models.CharField(_("nama petugas"), max_length=150, blank=True)
    visitor_role = models.CharField(_("peran petugas"), max_length=30, choices=VisitorRole.choices, blank=True)
    pengurus_present = models.ManyToManyField(
        "registry.Pengurus", blank=True, related_name="+", verbose_name=_("pengurus yang hadir")
    )
    topics = models.TextField(_("pokok bahasan"), blank=True)
    findings = models.TextField(_("temuan/permasalahan"), blank=True)
    advice = models.TextField(_("saran"), blank=True)
    agreements = models.TextField(_("kesepakatan"), blank=True)
    next_visit_due = models.DateField(_("kunjungan berikutnya paling lambat"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[pengurus_present])
    objects = KunjunganQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunjungan")
        verbose_name_plural = _("kunjungan")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["wksbm", "date"], name="kunjungan_wksbm_date")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(visitor__isnull=False, visitor_name="", visitor_role="")
                    | (Q(visitor__isnull=True) & ~Q(visitor_name="") & ~Q(visitor_role=""))
                ),
                name="kunjungan_one_visitor",
                violation_error_code="kunjungan_one_visitor",
                violation_error_message=_(
                    "Isi siapa yang berkunjung: pilih pengguna, atau tulis nama dan perannya — salah satu saja."
                ),
            ),
            models.CheckConstraint(
                condition=Q(next_visit_due__isnull=True) | Q(next_visit_due__gt=F("date")),
                name="kunjungan_next_after_visit",
                violation_error_code="kunjungan_next_after_visit",
                violation_error_message=_("Kunjungan berikutnya harus sesudah tanggal kunjungan ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} — {self.date:%d/%m/%Y}" if self.date and self.kind_id else str(_("Kunjungan"))

    @property
    def visitor_display(self) -> str:
        """Who visited, as people read it: the user's name, or the named person with their role."""
        if self.visitor_id:
            return self.visitor.get_full_name() or self.visitor.username
        return f"{self.visitor_name} ({self.get_visitor_role_display()})" if self.visitor_name else ""

    def clean(self):
        self.visitor_name = " ".join((self.visitor_name or "").split())
        errors = dates.future_date_errors(self, ["date"], message=_("Tanggal kunjungan tidak boleh di masa depan."))
        if errors:
            raise ValidationError(errors)

    def present_errors(self, pengurus) -> ValidationError | None:
        """The refusal of `pengurus` (an iterable of Pengurus) as those present at this visit, or None: each must
        be a pengurus of the visited WKSBM."""
        strangers = [p for p in pengurus if p.wksbm_id != self.wksbm_id]
        if not strangers:
            return None
        return ValidationError(
            {
                "pengurus_present": ValidationError(
                    _("%(names)s bukan pengurus WKSBM ini.") % {"names": ", ".join(p.name for p in strangers)},
                    code="kunjungan_present_not_board",
                )
            }
        )


class TindakLanjut(models.Model):
    """What a visit left to do (*tindak lanjut*): what, who is responsible and by when (not before the visit).

    Open (*terbuka*) until it is closed as done (*selesai*) or dropped (*batal*) on a day (`closed_on`), at a later
    visit of the same WKSBM (`closed_at_visit`, the day of that visit) or on its own.
    """

    # The rekap's "hanya data terverifikasi" lists a follow-up by its visit's state (`registry.reports.area`).
    verified_through = "visit"

    visit = models.ForeignKey(Kunjungan, models.CASCADE, related_name="follow_ups", verbose_name=_("kunjungan"))
    what = models.CharField(_("tindak lanjut"), max_length=255)
    responsible = models.CharField(
        _("penanggung jawab"), max_length=150, help_text=_("Mis. Sekretaris WKSBM, TKSK Kecamatan Semanu.")
    )
    due_on = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.TERBUKA
    )
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    closed_at_visit = models.ForeignKey(
        Kunjungan,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="closed_follow_ups",
        verbose_name=_("ditutup pada kunjungan"),
    )
    closing_note = models.CharField(_("catatan penutupan"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = TindakLanjutQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["due_on", "pk"]
        # The worklist and the admin's "lewat jatuh tempo" read the open ones by due date; most are closed.
        indexes = [
            models.Index(fields=["due_on"], condition=Q(status=FollowUpStatus.TERBUKA), name="tindaklanjut_open_due")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status=FollowUpStatus.TERBUKA, closed_on__isnull=True, closed_at_visit__isnull=True)
                    | (~Q(status=FollowUpStatus.TERBUKA) & Q(closed_on__isnull=False))
                ),
                name="tindaklanjut_closed_when_done",
                violation_error_code="tindaklanjut_closed_when_done",
                violation_error_message=_(
                    "Tindak lanjut yang selesai atau batal perlu tanggal ditutup; yang masih terbuka tidak."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.TERBUKA

    def is_overdue(self, on=None) -> bool:
        """`TindakLanjutQuerySet.overdue_condition` for this row in memory."""
        return self.is_open and self.due_on is not None and self.due_on < (on or dates.today())

    def _related(self, name: str):
        """The visit in `name`: saved, or not yet saved but set (a form judging new lines by the visit's date)."""
        try:
            return getattr(self, name)
        except Kunjungan.DoesNotExist:
            return None

    def clean(self):
        self.what = " ".join((self.what or "").split())
        self.responsible = " ".join((self.responsible or "").split())
        errors = dates.future_date_errors(self, ["closed_on"], message=_("Tanggal ditutup tidak boleh di masa depan."))
        visit = self._related("visit")
        if visit is not None and self.due_on and visit.date and self.due_on < visit.date:
            errors["due_on"] = ValidationError(
                _("Batas waktu tindak lanjut tidak boleh sebelum tanggal kunjungannya."), code="tindaklanjut_due"
            )
        closed_early = visit is not None and self.closed_on and visit.date and self.closed_on < visit.date
        if closed_early and "closed_on" not in errors:
            errors["closed_on"] = ValidationError(
                _("Tanggal ditutup tidak boleh sebelum tanggal kunjungannya."), code="tindaklanjut_closed_early"
            )
        closing = self._related("closed_at_visit")
        if visit is not None and closing is not None:
            if closing.wksbm_id != visit.wksbm_id or closing.pk == visit.pk or closing.date < visit.date:
                errors["closed_at_visit"] = ValidationError(
                    _("Tindak lanjut ditutup pada kunjungan yang lebih kemudian ke WKSBM yang sama."),
                    code="tindaklanjut_closing_visit",
                )
            elif self.closed_on != closing.date:
                errors["closed_on"] = ValidationError(
                    _("Tindak lanjut yang ditutup pada kunjungan bertanggal sama dengan kunjungan itu."),
                    code="tindaklanjut_closed_on_visit",
                )
        if errors:
            raise ValidationError(errors)
