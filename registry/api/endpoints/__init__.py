"""The registry's endpoints, one module per concept, registered on the API's router by `register()`."""

from registry.api import routes


def register() -> None:
    """Registers the registry's endpoints (called once, from `RegistryConfig.ready`)."""
    from registry.api.endpoints import attachments, kps, network, pengurus, reference, reports, wilayah, wksbm

    routes.register("wilayah", wilayah.WilayahViewSet)
    routes.register("wksbm", wksbm.WksbmViewSet)
    routes.register("pengurus", pengurus.PengurusViewSet)
    routes.register("kps", kps.KpsViewSet)
    routes.register("keanggotaan", kps.MembershipViewSet)
    routes.register("laporan", reports.ReportViewSet)
    routes.register("mitra", network.MitraViewSet)
    routes.register("jejaring", network.TieViewSet)
    routes.register("forum", network.ForumViewSet)
    routes.register("lampiran", attachments.AttachmentViewSet)
    for part, model in reference.LISTS.items():
        routes.register(f"referensi/{part}", reference.reference_viewset(model), basename=f"referensi-{part}")
