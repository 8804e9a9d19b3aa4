"""The API's router: the one list of endpoints under /api/v1/. Apps add theirs with `register` (registry's in
`registry.api.endpoints`, trainings' from its `AppConfig.ready()`); the URLs are read from it on the first request."""

from rest_framework.routers import DefaultRouter


class ApiRouter(DefaultRouter):
    """A DefaultRouter whose root page lists the endpoints in the order registered."""

    include_format_suffixes = False


router = ApiRouter()


def register(prefix: str, viewset, basename: str | None = None) -> None:
    """Adds `viewset` at /api/v1/`prefix`/ (list) and /api/v1/`prefix`/<pk>/ (one record); `basename` names its
    URLs (`api:<basename>-list`, `-detail`), by default the prefix. Registering a prefix twice is refused."""
    if any(existing == prefix for existing, _viewset, _basename in router.registry):
        raise ValueError(f"API prefix {prefix!r} registered twice")
    router.register(prefix, viewset, basename=basename or prefix)
