"""The registry's endpoints, one module per concept, registered on the API's router by `register()`."""

from registry.api import routes


def register() -> None:
    """Registers the registry's endpoints (called once, from `RegistryConfig.ready`)."""
    from registry.api.endpoints import wilayah, wksbm

    routes.register("wilayah", wilayah.WilayahViewSet)
    routes.register("wksbm", wksbm.WksbmViewSet)
