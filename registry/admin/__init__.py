"""Admin registrations of the registry, one module per concept."""

from registry.admin import kps, reference, users, wilayah, wksbm  # noqa: F401
