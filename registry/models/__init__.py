"""The registry's models, one module per concept."""

from registry.models.wilayah import Wilayah

__all__ = ["Wilayah"]
