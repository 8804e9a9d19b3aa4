"""The Forum Komunikasi WKSBM of a kecamatan, a kabupaten or the province: its SK, its board, its member WKSBM and
its meetings with the WKSBM that attended."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import dates
from registry.enums import WilayahLevel
from registry.models.board import BoardMember
from registry.network.querysets import ForumAttendanceQuerySet, ForumPartQuerySet, ForumQuerySet
from registry.validators import clean_name
from registry.wilayah_codes import lies_within

FORUM_LEVELS = (WilayahLevel.PROVINSI, WilayahLevel.KABUPATEN, WilayahLevel.KECAMATAN)


class ForumKomunikasi(models.Model):
    """A Forum Komunikasi WKSBM: the WKSBM of a wilayah (kecamatan, kabupaten/kota or provinsi) meeting together.

    Its level is its wilayah's. Formed by an SK (number, date, signing official).
    """

    name = models.CharField(_("nama forum"), max_length=200)
    wilayah = models.ForeignKey(
        "registry.Wilayah",
        models.PROTECT,
        related_name="forum_set",
        verbose_name=_("wilayah"),
        help_text=_("Kecamatan, kabupaten/kota, atau provinsi yang dihimpun forum ini."),
    )
    formed_on = models.DateField(_("tanggal pembentukan"), null=True, blank=True)
    sk_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    sk_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    sk_signed_by = models.CharField(_("penandatangan SK"), max_length=150, blank=True)
    address = models.CharField(_("alamat sekretariat"), max_length=255, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords()
    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum komunikasi WKSBM")
        verbose_name_plural = _("forum komunikasi WKSBM")
        ordering = ["wilayah_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sk_date__isnull=True) | Q(formed_on__isnull=True) | Q(sk_date__gte=F("formed_on")),
                name="forum_sk_after_formation",
                violation_error_code="forum_sk_after_formation",
                violation_error_message=_("Tanggal SK tidak boleh sebelum tanggal pembentukan."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def level(self):
        """The forum's level: its wilayah's (`WilayahLevel`)."""
        return WilayahLevel(self.wilayah.level)

    def clean(self):
        self.name = clean_name(self.name or "")
        errors = dates.future_date_errors(self, ("formed_on", "sk_date"))
        if self.wilayah_id and self.wilayah.level not in FORUM_LEVELS:
            errors["wilayah"] = ValidationError(
                _("Forum komunikasi berada di kecamatan, kabupaten/kota, atau provinsi, bukan di desa/kelurahan.")
            )
        if errors:
            raise ValidationError(errors)


class ForumPengurus(BoardMember):
    """A member of a forum's board: the same shape and rules as a WKSBM's (`BoardMember`)."""

    forum = models.ForeignKey(ForumKomunikasi, models.CASCADE, related_name="pengurus", verbose_name=_("forum"))

    history = HistoricalRecords()
    objects = ForumPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengurus forum")
        verbose_name_plural = _("pengurus forum")
        ordering = ["role__sort_order", "name"]
        constraints = [BoardMember.term_order_constraint("forum_pengurus_period_in_order")]


class ForumMember(models.Model):
    """A WKSBM belonging to a forum from `joined_on` until `left_on` (a member while empty; a leave date is never
    ahead, as a KPS's). Only a WKSBM within the forum's wilayah joins it, and only once at a time."""

    forum = models.ForeignKey(ForumKomunikasi, models.CASCADE, related_name="members", verbose_name=_("forum"))
    wksbm = models.ForeignKey(
        "registry.Wksbm", models.CASCADE, related_name="forum_memberships", verbose_name=_("WKSBM")
    )
    joined_on = models.DateField(_("tanggal bergabung"), null=True, blank=True)
    left_on = models.DateField(_("tanggal keluar"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ForumPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("anggota forum")
        verbose_name_plural = _("anggota forum")
        ordering = ["wksbm__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "wksbm"],
                condition=Q(left_on__isnull=True),
                name="forum_member_once_at_a_time",
                violation_error_code="forum_member_once_at_a_time",
                violation_error_message=_("WKSBM ini sudah menjadi anggota forum ini."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="forum_member_dates_in_order",
                violation_error_code="forum_member_dates_in_order",
                violation_error_message=_("Tanggal keluar tidak boleh sebelum tanggal bergabung."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wksbm} — {self.forum}"

    def clean(self):
        if errors := dates.future_date_errors(self, ("joined_on", "left_on")):
            raise ValidationError(errors)
        if self.forum_id and self.wksbm_id and not lies_within(self.wksbm.wilayah_id, self.forum.wilayah_id):
            raise ValidationError(
                {"wksbm": _("WKSBM ini berada di luar wilayah forum %(forum)s.") % {"forum": self.forum.name}}
            )

    def validate_constraints(self, exclude=None):
        """Validates every constraint, even when an inline leaves out `forum` (the parent)."""
        super().validate_constraints(exclude=set(exclude or ()) - {"forum", "wksbm"})


class ForumMeeting(models.Model):
    """A meeting of a forum on a date (its activity report), with the WKSBM that attended (`ForumAttendance`)."""

    forum = models.ForeignKey(ForumKomunikasi, models.CASCADE, related_name="meetings", verbose_name=_("forum"))
    date = models.DateField(_("tanggal"))
    kind = models.ForeignKey("registry.ActivityKind", models.PROTECT, verbose_name=_("jenis kegiatan"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    description = models.TextField(_("uraian"), blank=True)

    history = HistoricalRecords()
    objects = ForumPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("pertemuan forum")
        verbose_name_plural = _("pertemuan forum")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} — {self.date:%d/%m/%Y}" if self.date and self.kind_id else str(_("pertemuan forum"))

    def clean(self):
        if errors := dates.future_date_errors(self, ["date"], _("Tanggal pertemuan tidak boleh di masa depan.")):
            raise ValidationError(errors)


class ForumAttendance(models.Model):
    """A WKSBM present at a forum meeting, with how many of its people came. Only a member of the forum on the
    meeting's day attends."""

    meeting = models.ForeignKey(ForumMeeting, models.CASCADE, related_name="attendance", verbose_name=_("pertemuan"))
    wksbm = models.ForeignKey("registry.Wksbm", models.CASCADE, related_name="+", verbose_name=_("WKSBM"))
    persons = models.PositiveSmallIntegerField(_("jumlah orang hadir"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ForumAttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("kehadiran WKSBM")
        verbose_name_plural = _("kehadiran WKSBM")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "wksbm"],
                name="forum_attendance_once_per_meeting",
                violation_error_code="forum_attendance_once_per_meeting",
                violation_error_message=_("WKSBM ini sudah tercatat hadir pada pertemuan ini."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wksbm} — {self.meeting}"

    def clean(self):
        if not (self.meeting_id and self.wksbm_id):
            return
        day = self.meeting.date
        member = ForumMember.objects.filter(forum_id=self.meeting.forum_id, wksbm_id=self.wksbm_id).filter(
            Q(joined_on__isnull=True) | Q(joined_on__lte=day), Q(left_on__isnull=True) | Q(left_on__gt=day)
        )
        if not member.exists():
            raise ValidationError(
                {
                    "wksbm": _("WKSBM ini bukan anggota forum pada tanggal pertemuan (%(day)s).")
                    % {"day": f"{day:%d/%m/%Y}"}
                }
            )
