"""Admin registrations of the registry, one module per concept."""

from registry.admin import forum, kps, network, office, reference, snapshots, users, wilayah, wksbm  # noqa: F401
