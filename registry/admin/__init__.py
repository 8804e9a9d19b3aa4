"""Admin registrations of the registry, one module per concept."""

from registry.admin import forum, kps, network, office, pemutakhiran, reference, users, wilayah, wksbm  # noqa: F401
