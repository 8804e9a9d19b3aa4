"""What a user may do through the API: the web's rule, from the user's Django model permissions per action, after
the area (a record outside it answers 404 before any permission is looked at); a read-only token reads only."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from registry.api.auth import token_of

READ_ONLY_TOKEN = _("Token ini hanya untuk membaca; buat token baca-tulis untuk mengubah data.")
# The model permission each standard action needs.
ACTION_PERMISSIONS = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


def action_permissions(view) -> tuple[str, ...]:
    """The permissions (`app.codename`) the current action of `view` needs: its `required_permissions` when the
    action names them, else the view's `permissions_by_action` for it (the field pages' sets), else the model
    permission of a standard action, else none."""
    named = getattr(view, "required_permissions", None)
    if named is not None:
        return tuple(named)
    by_action = getattr(view, "permissions_by_action", {})
    if getattr(view, "action", None) in by_action:
        return tuple(by_action[view.action])
    action = ACTION_PERMISSIONS.get(getattr(view, "action", None) or "")
    queryset = getattr(view, "queryset", None)
    if action is None or queryset is None:
        return ()
    meta = queryset.model._meta
    return (f"{meta.app_label}.{action}_{meta.model_name}",)


class RecordPermission(BasePermission):
    """Signed in; a write with a read-write token (or the session); the action's permissions (`action_permissions`),
    for a single record only once it was found in the user's area."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        token = token_of(request)
        if token is not None and not token.writes and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(READ_ONLY_TOKEN)
        if getattr(view, "detail", False):
            return True  # checked in has_object_permission, after the area (404 first)
        return request.user.has_perms(action_permissions(view))

    def has_object_permission(self, request, view, obj):
        return request.user.has_perms(action_permissions(view))
