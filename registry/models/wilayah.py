"""The official administrative tree: provinsi → kabupaten/kota → kecamatan → desa/kelurahan."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry import wilayah_codes
from registry.enums import WilayahKind, WilayahLevel
from registry.querysets import WilayahQuerySet


def validate_wilayah_code(value: str) -> None:
    """Refuses anything that is not a dotted Kemendagri code (`34`, `34.03`, `34.03.08`, `34.03.08.2004`)."""
    if not wilayah_codes.is_valid_code(value):
        raise ValidationError(
            _("Kode wilayah %(code)s tidak sah: gunakan bentuk 34, 34.03, 34.03.08 atau 34.03.08.2004."),
            params={"code": value},
            code="invalid_wilayah_code",
        )


class Wilayah(models.Model):
    """One region of the Kemendagri tree, keyed by its dotted code.

    The code is the identity: names repeat (Candirejo is a desa in both Semanu and Semin), codes do not. Because
    the code prefix is the hierarchy, "everything under 34.03" is an indexed prefix match on the code, or on any
    foreign key to it. Rows are written only by `load_wilayah`; a region dropped by a newer decree is kept.
    """

    code = models.CharField(_("kode"), max_length=13, primary_key=True, validators=[validate_wilayah_code])
    name = models.CharField(_("nama"), max_length=100)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=WilayahLevel.choices)
    kind = models.CharField(_("jenis"), max_length=12, choices=WilayahKind.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
        # Neither an index nor a database foreign key: each cost as much as the rest of loading the 91,599
        # regions. Children are found by code prefix and level (`WilayahQuerySet.children_of`), which the
        # primary key serves; the loader is the only writer and refuses a source with a missing parent, and
        # PROTECT still stops the ORM from deleting a parent.
        db_index=False,
        db_constraint=False,
    )

    objects = WilayahQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        indexes = [
            # The provinsi and kabupaten filters list one level in code order on every admin list page: 17 ms
            # scanning 91,599 regions, under 1 ms here. Only the 552 regions of those two levels are in it, which
            # keeps its cost in `load_wilayah` small; kecamatan are listed a kabupaten's worth (or the first 101)
            # at a time, which the primary key serves by code prefix and order.
            models.Index(
                fields=["level", "code"],
                condition=models.Q(level__lte=WilayahLevel.KABUPATEN),
                name="wilayah_provinsi_kabupaten_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level=WilayahLevel.PROVINSI, parent__isnull=True)
                | models.Q(level__gt=WilayahLevel.PROVINSI, parent__isnull=False),
                name="wilayah_parent_matches_level",
                violation_error_code="wilayah_parent_matches_level",
                violation_error_message=_("Hanya provinsi yang tidak memiliki wilayah induk."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def local_term(self) -> str:
        """The regional word for this kind (Kapanewon, Kalurahan, Kemantren, Distrik…); "" above kecamatan."""
        return wilayah_codes.local_term(self.code, self.kind)

    @property
    def display_name(self) -> str:
        """The name as people of the region write it: "Kapanewon Playen", "Kalurahan Candirejo"."""
        term = self.local_term
        return f"{term} {self.name}" if term else self.name
