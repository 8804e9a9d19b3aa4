"""Creating and updating the registry's users (petugas): a role and the wilayah they work in."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from registry.enums import Role
from registry.models import UserArea, Wilayah
from registry.roles import role_group, staff_status


def petugas_save(*, by, username: str, role: Role, area_codes: list[str], password: str | None = None):
    """Creates the user `username`, or updates an existing one, with exactly `role` and the areas `area_codes`.

    Every code must be a loaded wilayah; the password (required for a new user) must pass the project's
    password validators. Raises ValidationError with Indonesian messages, changing nothing. Returns
    (user, created).
    """
    if not area_codes:
        raise ValidationError(_("Petugas membutuhkan paling sedikit satu wilayah kerja (--wilayah)."))
    found = set(Wilayah.objects.filter(code__in=area_codes).values_list("code", flat=True))
    unknown = [code for code in area_codes if code not in found]
    if unknown:
        raise ValidationError(
            _("Wilayah tidak dikenal: %(codes)s. Muat wilayah dengan load_wilayah.") % {"codes": ", ".join(unknown)}
        )

    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username)
    if created and not password:
        raise ValidationError(_("Petugas baru membutuhkan kata sandi."))
    if password:
        validate_password(password, user)
        user.set_password(password)
    # What they may do in the admin is their group's permissions.
    user.is_staff = staff_status(role, superuser=user.is_superuser)
    user._history_user = by
    with transaction.atomic():
        user.save()
        role_assign(user=user, role=role)
        user.areas.exclude(wilayah_id__in=area_codes).delete()
        for code in area_codes:
            UserArea.objects.get_or_create(user=user, wilayah_id=code)
    return user, created


def role_assign(*, user, role: Role | None) -> None:
    """Gives `user` exactly the role `role` (its group), removing any other role's; None removes every role. Other
    groups the user belongs to are kept."""
    user.groups.remove(*[role_group(other) for other in Role if other != role])
    if role is not None:
        user.groups.add(role_group(role))
