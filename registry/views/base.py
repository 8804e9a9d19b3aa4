"""What every field view shares: the user's WKSBM found through the area scoping, and the role's permissions."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from registry.models import Wksbm


def scoped_wksbm(request, pk: int, *, for_update: bool = False) -> Wksbm:
    """The WKSBM `pk` if it lies in the user's area, with its wilayah up to the kabupaten; 404 otherwise.

    `for_update` locks the row until the request's transaction ends (PostgreSQL; SQLite serialises writes).
    """
    queryset = Wksbm.objects.for_user(request.user).select_related("wilayah__parent__parent")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def require(user, *permissions: str) -> None:
    """Refuses (403) a user whose role lacks any of `permissions`; check the area (404) first."""
    if not user.has_perms(permissions):
        raise PermissionDenied


def detail_url(wksbm: Wksbm, anchor: str = "") -> str:
    """The address of the WKSBM's page, at the section `anchor` when given."""
    url = reverse("wksbm_detail", args=[wksbm.pk])
    return f"{url}#{anchor}" if anchor else url


class ScopedPageMixin:
    """A page of one row of the user's area (`find`, 404 otherwise) that needs `permissions` (403 otherwise); what
    else the page is about is looked up within that row (`load`, 404 too) before the permissions are checked.

    With `lock_on_post`, a POST locks the row until the request's transaction ends.
    """

    permissions: tuple[str, ...] = ()
    lock_on_post = False

    def prepare(self) -> None:
        self.find(for_update=self.lock_on_post and self.request.method == "POST")
        self.load()
        require(self.request.user, *self.permissions)

    def find(self, *, for_update: bool) -> None:
        """Loads the row `self.kwargs["pk"]` of the user's area; raises 404 for any other."""
        raise NotImplementedError

    def load(self) -> None:
        """Loads the rows within the found one that the page is about, from `self.kwargs`; raises 404 for others."""


class WksbmPageMixin(ScopedPageMixin):
    """A page of the WKSBM `pk` of the user's area (`scoped_wksbm`)."""

    def find(self, *, for_update: bool) -> None:
        self.wksbm = scoped_wksbm(self.request, self.kwargs["pk"], for_update=for_update)

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "wksbm": self.wksbm}
