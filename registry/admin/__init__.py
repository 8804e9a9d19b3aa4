"""Admin registrations of the registry, one module per concept."""

from registry.admin import kps, reference, wilayah, wksbm  # noqa: F401
