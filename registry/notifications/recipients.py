"""Who is told: the users responsible for a wilayah with a permission."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

from registry.models import UserArea
from registry.network.querysets import codes_and_ancestors
from registry.scoping import code_prefix_q


def users_responsible_for(code: str, permission: str, *, including_below: bool = False):
    """The active users holding `permission` ("app.codename", through their role's group or their own
    permissions; a superuser holds every one) who work in the wilayah `code`: one of their areas holds it (is
    `code` or lies above it). With `including_below`, also those whose area lies under it (the penyuluh of a
    kecamatan for a kabupaten's period). A user without an area is responsible for nothing. One query.

    Who may verify a verification item of Candirejo (34.03.08.2004): the operators of Gunungkidul (34.03) and the
    admin provinsi of DIY (34), never the operators of Sleman (34.04).
    """
    app_label, codename = permission.split(".", 1)
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    user_model = get_user_model()
    holds = (
        Q(is_superuser=True)
        | Q(Exists(permissions.filter(group__user=OuterRef("pk"))))
        | Q(Exists(permissions.filter(user=OuterRef("pk"))))
    )
    where = Q(wilayah_id__in=codes_and_ancestors([code]))
    if including_below:
        where |= code_prefix_q("wilayah__code", [code])
    works_there = Exists(UserArea.objects.filter(where, user=OuterRef("pk")))
    return user_model._default_manager.filter(holds, works_there, is_active=True).order_by("pk")
