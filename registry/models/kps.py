"""KPS (Keperangkatan Pelayanan Sosial): the grassroots bodies a WKSBM brings together."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import dates
from registry.models.imports import ImportBatchHistory
from registry.models.verification import VerifiedRecord
from registry.models.wksbm import name_key_expression
from registry.querysets import KpsQuerySet, MembershipQuerySet
from registry.validators import clean_name, validate_phone
from registry.wilayah_codes import lies_within


class Kps(VerifiedRecord):
    """A grassroots social-service body (Karang Taruna, PKK, posyandu, LKS, PSM…) in one wilayah.

    Its name is unique within its wilayah, case and spaces ignored (the import's natural key).
    """

    name = models.CharField(_("nama KPS"), max_length=200)
    kind = models.ForeignKey("registry.KpsKind", models.PROTECT, verbose_name=_("jenis KPS"))
    wilayah = models.ForeignKey("registry.Wilayah", models.PROTECT, related_name="kps_set", verbose_name=_("wilayah"))
    leader = models.CharField(_("ketua"), max_length=150, blank=True)
    member_count = models.PositiveIntegerField(_("jumlah anggota"), null=True, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    # History is read per record (`id`) and per import batch, never by wilayah or kind: no index on them (see
    # `ImportBatchHistory`).
    history = HistoricalRecords(bases=[ImportBatchHistory], no_db_index=["wilayah", "kind"])
    objects = KpsQuerySet.as_manager()

    class Meta:
        verbose_name = _("KPS")
        verbose_name_plural = _("KPS")
        ordering = ["wilayah_id", "name"]
        constraints = [
            models.UniqueConstraint(
                name_key_expression(),
                "wilayah",
                name="kps_name_unique_per_wilayah",
                violation_error_code="kps_name_unique_per_wilayah",
                violation_error_message=_("Sudah ada KPS dengan nama ini di wilayah yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = clean_name(self.name or "")


class KpsMembership(VerifiedRecord):
    """A KPS belonging to a WKSBM from `joined_on` until `left_on` (open while empty).

    A KPS is a current member of at most one WKSBM, and only of one whose wilayah contains its own.
    """

    kps = models.ForeignKey(Kps, models.CASCADE, related_name="memberships", verbose_name=_("KPS"))
    wksbm = models.ForeignKey("registry.Wksbm", models.CASCADE, related_name="memberships", verbose_name=_("WKSBM"))
    joined_on = models.DateField(_("tanggal bergabung"), null=True, blank=True)
    left_on = models.DateField(_("tanggal keluar"), null=True, blank=True)
    # The member KPS's kind, copied by the database itself: triggers of migration 0009 set it on every insert
    # and on every update naming `kps` or `kind`, and follow a KPS whose kind changes, whoever writes (forms,
    # services, imports by COPY, seed_scale), so application code never writes it. It serves the "jenis KPS
    # anggota" filter of the WKSBM list: over 500,000 KPS, looking the kind up through the KPS joined every
    # current membership to its KPS (about 340 ms to count the WKSBM with a posyandu, bench/admin_lists.py),
    # where the partial index below reads the memberships of one kind (about 100 ms). Not in the history: it is
    # the KPS's, whose own history records it. On SQLite, a migration that rebuilds this table or the KPS table
    # drops their triggers: such a migration must create them again (`test_kps_kind_is_copied_to_memberships`
    # fails otherwise).
    kind = models.ForeignKey(
        "registry.KpsKind",
        models.DO_NOTHING,
        null=True,
        editable=False,
        related_name="+",
        db_constraint=False,
        db_index=False,
        verbose_name=_("jenis KPS"),
    )

    # History is read per record (`id`) and per import batch, never by KPS or WKSBM: no index on them (see
    # `ImportBatchHistory`).
    history = HistoricalRecords(bases=[ImportBatchHistory], excluded_fields=["kind"], no_db_index=["kps", "wksbm"])
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("keanggotaan KPS")
        verbose_name_plural = _("keanggotaan KPS")
        indexes = [
            models.Index(
                fields=["kind", "wksbm"], condition=Q(left_on__isnull=True), name="membership_current_kind_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kps"],
                condition=Q(left_on__isnull=True),
                name="kps_one_current_membership",
                violation_error_code="kps_one_current_membership",
                violation_error_message=_(
                    "KPS ini masih tercatat sebagai anggota sebuah WKSBM; isi tanggal keluarnya lebih dulu."
                ),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="kps_membership_dates_in_order",
                violation_error_code="kps_membership_dates_in_order",
                violation_error_message=_("Tanggal keluar tidak boleh sebelum tanggal bergabung."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kps} — {self.wksbm}"

    def clean(self):
        # Joining and leaving are things that happened: neither lies ahead (a membership with a leave date is over).
        errors = dates.future_date_errors(self, ("joined_on", "left_on"))
        if errors:
            raise ValidationError(errors)
        if self.kps_id and self.wksbm_id:
            home, area = self.kps.wilayah_id, self.wksbm.wilayah_id
            if not lies_within(home, area):
                # Not tied to a field: on either parent's page the other side is the hidden inline key.
                raise ValidationError(_("KPS ini berada di luar wilayah WKSBM %(wksbm)s.") % {"wksbm": self.wksbm.name})

    def validate_constraints(self, exclude=None):
        """Validates every constraint, even when a form leaves out `kps` or `wksbm`.

        An inline on a KPS's page excludes `kps` (the parent), which would skip "one current membership per
        KPS" and end in a database error instead of a message.
        """
        super().validate_constraints(exclude=set(exclude or ()) - {"kps", "wksbm"})
