"""What every trainings admin shares with the registry's: area scoping that fails closed, and inlines whose cost
does not grow with their rows (see registry.admin.scoping)."""

from registry.admin.inlines import OneQueryInlineMixin
from registry.admin.scoping import ScopedAdminMixin


class ScopedInlineMixin(OneQueryInlineMixin, ScopedAdminMixin):
    """An inline whose rows and choices are scoped by area, with one query per formset; no empty extra rows."""

    extra = 0


__all__ = ["ScopedAdminMixin", "ScopedInlineMixin"]
