"""Admin registrations of the registry, one module per concept."""

from registry.admin import wilayah  # noqa: F401
