"""Admin registrations of the registry, one module per concept."""

from registry.admin import (  # noqa: F401
    attachments,
    forum,
    kps,
    network,
    office,
    opendata,
    pemutakhiran,
    reference,
    snapshots,
    users,
    verification,
    wilayah,
    wksbm,
)
