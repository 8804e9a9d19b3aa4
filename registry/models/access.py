"""Where a user may work: one or more wilayah per user (what they may do there is their role, a Django group)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.enums import Role
from registry.querysets import UserAreaQuerySet


class RoleGroup(models.Model):
    """The Django group that holds a role's permissions, found by the role's stable code (`Role` value).

    The group's name is only what people read (the role's Indonesian label when the group was made); code never
    looks a role up by it, so renaming the group or translating the label keeps every user's role.
    """

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, primary_key=True)
    group = models.OneToOneField("auth.Group", models.CASCADE, related_name="role_group", verbose_name=_("grup"))

    class Meta:
        verbose_name = _("grup peran")
        verbose_name_plural = _("grup peran")

    def __str__(self) -> str:
        return str(self.get_role_display())


class UserArea(models.Model):
    """One wilayah a user works in; they see and change what lies in it or under it.

    A user with no area sees nothing (scoping fails closed); superusers see everything.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="areas", verbose_name=_("pengguna"))
    wilayah = models.ForeignKey("registry.Wilayah", models.PROTECT, related_name="+", verbose_name=_("wilayah"))

    history = HistoricalRecords()
    objects = UserAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah kerja")
        verbose_name_plural = _("wilayah kerja")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "wilayah"],
                name="user_area_unique",
                violation_error_code="user_area_unique",
                violation_error_message=_("Wilayah ini sudah menjadi wilayah kerja pengguna tersebut."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.wilayah}"
