"""Who a user is and where they may work: their petugas profile (full name, NIP, jabatan, phone, as printed in a
signature block) and one or more wilayah per user (what they may do there is their role, a Django group)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.enums import Role
from registry.querysets import UserAreaQuerySet
from registry.validators import clean_name, validate_nip, validate_phone


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


class PetugasProfile(models.Model):
    """What an office prints about a petugas: the full name, NIP, jabatan and phone of the person who signs.

    One per user, made the first time it is saved (`profile_of` reads one without making it); every field may
    stay empty. `display_name` is the one way a user's name is shown.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="petugas_profile",
        verbose_name=_("pengguna"),
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True, help_text=_("Dengan gelar."))
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[validate_nip], help_text=_("18 angka."))
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True, validators=[validate_phone])
    # The daily digest of unread notifications (`manage.py send_notification_digest`), to the user's e-mail address.
    email_digest = models.BooleanField(_("kirim ringkasan harian lewat e-mail"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profil petugas")
        verbose_name_plural = _("profil petugas")

    def __str__(self) -> str:
        return display_name(self.user)

    def clean_fields(self, exclude=None):
        """Normalises before the fields' rules run: the name's spaces collapsed, the NIP's spaces (typed between
        its parts, `19700101 199503 1 001`) removed."""
        self.full_name = clean_name(self.full_name)
        self.nip = "".join(self.nip.split())
        super().clean_fields(exclude)


def profile_of(user) -> PetugasProfile:
    """The petugas profile of `user`: the stored one, or a new unsaved empty one (saved when it is filled in)."""
    if user.pk is None:
        return PetugasProfile(user=user)
    try:
        return user.petugas_profile
    except PetugasProfile.DoesNotExist:
        return PetugasProfile(user=user)


def display_name(user) -> str:
    """How a user is named on every page and printout: the full name of their profile, else the first and last
    name Django keeps, else their username."""
    return profile_of(user).full_name or user.get_full_name() or user.get_username()
