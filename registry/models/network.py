"""The network of a WKSBM: partner organisations (mitra) with their contact people, and ties (jejaring)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry import dates
from registry.enums import MITRA_LEVEL_DEPTH, MitraLevel
from registry.models.imports import ImportBatchHistory
from registry.models.wksbm import name_key_expression
from registry.network.querysets import JejaringQuerySet, MitraContactQuerySet, MitraQuerySet
from registry.network.rules import is_active, periods_overlap
from registry.validators import clean_name, validate_phone
from registry.wilayah_codes import ancestor_code, level_of


class Mitra(models.Model):
    """A partner organisation of the WKSBM (a *sistem sumber*): a company's CSR, Baznas, a Puskesmas, an LKS…

    It works at a `level` (desa … nasional) and has its seat in a wilayah at or below that level. Its name is
    unique within its seat's wilayah, case and spaces ignored, as a WKSBM's (the import's natural key). `reach`
    is its working area, derived on save: the seat's wilayah at the mitra's level ("" for a national mitra); who
    sees it is `registry.network.querysets.MitraQuerySet`.
    """

    name = models.CharField(_("nama mitra"), max_length=200)
    kind = models.ForeignKey("registry.MitraKind", models.PROTECT, verbose_name=_("jenis mitra"))
    level = models.CharField(_("tingkat"), max_length=10, choices=MitraLevel.choices, default=MitraLevel.KABUPATEN)
    wilayah = models.ForeignKey(
        "registry.Wilayah",
        models.PROTECT,
        related_name="mitra_set",
        verbose_name=_("wilayah kedudukan"),
        help_text=_("Wilayah tempat mitra berkedudukan, pada tingkatnya atau di bawahnya."),
    )
    reach = models.CharField(_("wilayah kerja"), max_length=13, blank=True, editable=False, db_index=True)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    registration_number = models.CharField(
        _("nomor registrasi"), max_length=100, blank=True, help_text=_("Misalnya nomor tanda daftar LKS.")
    )
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords(bases=[ImportBatchHistory], no_db_index=["wilayah", "kind", "reach"])
    objects = MitraQuerySet.as_manager()

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["name", "wilayah_id"]
        # The lists' order (the admin adds "-id" to make it total): a page of the national list reads 50 rows of
        # the index instead of sorting every mitra (bench/admin_lists.py: 270 ms to 2 ms of SQL).
        indexes = [models.Index(fields=["name", "wilayah", "-id"], name="mitra_list_order_idx")]
        constraints = [
            models.UniqueConstraint(
                name_key_expression(),
                "wilayah",
                name="mitra_name_unique_per_wilayah",
                violation_error_code="mitra_name_unique_per_wilayah",
                violation_error_message=_("Sudah ada mitra dengan nama ini di wilayah yang sama."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.reach = self.working_area()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "reach"}
        super().save(*args, **kwargs)

    def working_area(self) -> str:
        """The code of the wilayah the mitra works in: its seat at its level; "" for a national mitra (or a seat
        above its level, which `clean` refuses)."""
        depth = MITRA_LEVEL_DEPTH.get(self.level)
        if depth is None or not self.wilayah_id or level_of(self.wilayah_id) < depth:
            return ""
        return ancestor_code(self.wilayah_id, depth)

    def clean(self):
        self.name = clean_name(self.name or "")
        depth = MITRA_LEVEL_DEPTH.get(self.level)
        if depth is not None and self.wilayah_id and level_of(self.wilayah_id) < depth:
            raise ValidationError(
                {
                    "wilayah": _("Mitra tingkat %(level)s berkedudukan di %(level)s itu atau di bawahnya.")
                    % {"level": self.get_level_display().lower()}
                }
            )


class MitraContact(models.Model):
    """A contact person of a mitra: name, position and phone (personal data: masked by the registry's rule)."""

    mitra = models.ForeignKey(Mitra, models.CASCADE, related_name="contacts", verbose_name=_("mitra"))
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=100, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])

    # A mitra list's import adds and changes contacts: their history names its batch, as the mitra's does.
    history = HistoricalRecords(bases=[ImportBatchHistory])
    objects = MitraContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("narahubung mitra")
        verbose_name_plural = _("narahubung mitra")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})" if self.position else self.name

    def clean(self):
        self.name = clean_name(self.name or "")


class Jejaring(models.Model):
    """A tie of a WKSBM with a mitra or with another WKSBM (`partner_wksbm`), of a kind, from `started_on` to
    `ended_on` (active is derived: `registry.network.rules`), on a basis (an MoU or PKS, by number and date).

    A tie between two WKSBM is one record shown on both: it is stored with the lower id as `wksbm`. There is at
    most one active tie of a kind between the same two ends on any day.
    """

    wksbm = models.ForeignKey("registry.Wksbm", models.CASCADE, related_name="ties", verbose_name=_("WKSBM"))
    mitra = models.ForeignKey(
        Mitra, models.PROTECT, null=True, blank=True, related_name="ties", verbose_name=_("mitra")
    )
    partner_wksbm = models.ForeignKey(
        "registry.Wksbm",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="partner_ties",
        verbose_name=_("WKSBM mitra"),
    )
    kind = models.ForeignKey("registry.JejaringKind", models.PROTECT, verbose_name=_("jenis jejaring"))
    started_on = models.DateField(_("tanggal mulai"))
    ended_on = models.DateField(_("tanggal berakhir"), null=True, blank=True)
    basis_number = models.CharField(_("nomor MoU/PKS"), max_length=100, blank=True)
    basis_date = models.DateField(_("tanggal MoU/PKS"), null=True, blank=True)
    description = models.TextField(_("uraian"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    history = HistoricalRecords(bases=[ImportBatchHistory], no_db_index=["wksbm", "mitra", "partner_wksbm", "kind"])
    objects = JejaringQuerySet.as_manager()

    class Meta:
        verbose_name = _("jejaring")
        verbose_name_plural = _("jejaring")
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["mitra", "wksbm"], name="jejaring_mitra_wksbm_idx"),
            models.Index(fields=["partner_wksbm"], name="jejaring_partner_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(mitra__isnull=False) & Q(partner_wksbm__isnull=True))
                | (Q(mitra__isnull=True) & Q(partner_wksbm__isnull=False)),
                name="jejaring_one_other_end",
                violation_error_code="jejaring_one_other_end",
                violation_error_message=_("Pilih satu mitra atau satu WKSBM lain sebagai pihak jejaring."),
            ),
            models.CheckConstraint(
                condition=Q(partner_wksbm__isnull=True) | ~Q(partner_wksbm=F("wksbm")),
                name="jejaring_not_with_itself",
                violation_error_code="jejaring_not_with_itself",
                violation_error_message=_("WKSBM tidak dapat berjejaring dengan dirinya sendiri."),
            ),
            # The database's own guard of "one active tie of a kind between the same two ends" for open ties (two
            # people sending the same tie at once); `clean` checks every overlap with its message first.
            models.UniqueConstraint(
                fields=["wksbm", "mitra", "kind"],
                condition=Q(ended_on__isnull=True, mitra__isnull=False),
                name="jejaring_one_open_tie_with_mitra",
                violation_error_code="jejaring_one_open_tie_with_mitra",
                violation_error_message=_("Sudah ada jejaring aktif jenis ini antara keduanya."),
            ),
            models.UniqueConstraint(
                fields=["wksbm", "partner_wksbm", "kind"],
                condition=Q(ended_on__isnull=True, partner_wksbm__isnull=False),
                name="jejaring_one_open_tie_with_wksbm",
                violation_error_code="jejaring_one_open_tie_with_wksbm",
                violation_error_message=_("Sudah ada jejaring aktif jenis ini antara keduanya."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=F("started_on")),
                name="jejaring_ends_after_start",
                violation_error_code="jejaring_ends_after_start",
                violation_error_message=_("Tanggal berakhir harus sesudah tanggal mulai."),
            ),
        ]

    def __str__(self) -> str:
        other = self.mitra if self.mitra_id else self.partner_wksbm if self.partner_wksbm_id else "?"
        return f"{self.wksbm} — {other} ({self.kind})" if self.kind_id and self.wksbm_id else str(_("jejaring"))

    def save(self, *args, **kwargs):
        self.normalize_ends()
        super().save(*args, **kwargs)

    def other_end(self, wksbm):
        """The other end of the tie seen from `wksbm`: the mitra, or the other WKSBM."""
        if self.mitra_id:
            return self.mitra
        return self.partner_wksbm if self.wksbm_id == wksbm.pk else self.wksbm

    def is_active(self, on=None) -> bool:
        return is_active(self.started_on, self.ended_on, on or dates.today())

    def normalize_ends(self) -> None:
        """Stores a tie between two WKSBM with the lower id first, so that A–B and B–A are the same two ends."""
        if self.partner_wksbm_id and self.wksbm_id and self.partner_wksbm_id < self.wksbm_id:
            self.wksbm, self.partner_wksbm = self.partner_wksbm, self.wksbm

    def same_ends(self):
        """The other ties of the same kind between the same two ends."""
        ends = Q(mitra_id=self.mitra_id, wksbm_id=self.wksbm_id)
        if self.partner_wksbm_id:
            pair = {self.wksbm_id, self.partner_wksbm_id}
            ends = Q(wksbm_id__in=pair, partner_wksbm_id__in=pair)
        return type(self)._default_manager.filter(ends, kind_id=self.kind_id).exclude(pk=self.pk)

    def clean(self):
        errors = dates.future_date_errors(self, ("started_on", "basis_date"))
        if errors:
            raise ValidationError(errors)
        if not (self.kind_id and self.wksbm_id and self.started_on) or not (self.mitra_id or self.partner_wksbm_id):
            return
        if self.ended_on is not None and self.ended_on <= self.started_on:
            return  # the constraint's own message
        self.refuse_overlap()

    def overlapping(self, others=None):
        """The first of `others` whose period overlaps this one's, or None. `others` are ties of the same kind
        between the same two ends: by default `same_ends()` (one query), or a list import's rows held in memory."""
        if others is None:
            others = self.same_ends().only("started_on", "ended_on").order_by("started_on", "pk")
        for other in others:
            if periods_overlap(self.started_on, self.ended_on, other.started_on, other.ended_on):
                return other
        return None

    def refuse_overlap(self, others=None) -> None:
        """Raises the rule's ValidationError, naming the kind and the day, when this tie overlaps one of `others`
        (see `overlapping`)."""
        if (other := self.overlapping(others)) is not None:
            raise ValidationError(
                _("Sudah ada jejaring %(kind)s yang aktif antara keduanya sejak %(start)s.")
                % {"kind": self.kind, "start": other.started_on.strftime("%d/%m/%Y")},
                code="jejaring_one_active_per_kind",
            )

    def validate_constraints(self, exclude=None):
        """Validates the constraints, but says an overlap once: the database's "one open tie" guards (kept for two
        people sending the same tie at once) are a case of `clean`'s overlap, which names the kind and the day."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            open_guards = {"jejaring_one_open_tie_with_mitra", "jejaring_one_open_tie_with_wksbm"}
            said_by_clean = self.kind_id and self.started_on and self.overlapping() is not None
            errors = {
                field: [e for e in errors if not (said_by_clean and e.code in open_guards)]
                for field, errors in error.error_dict.items()
            }
            errors = {field: kept for field, kept in errors.items() if kept}
            if errors:
                raise ValidationError(errors) from error
