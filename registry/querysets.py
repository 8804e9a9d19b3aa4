"""Reusable reads of the registry's models."""

from django.db import models
from django.db.models import Q


def code_prefix_q(field: str, codes) -> Q:
    """A Q matching rows whose wilayah code `field` is one of `codes` or lies under one of them.

    `code_prefix_q("wilayah", ["34.03"])` matches `34.03` and `34.03.08.2004` but not `34.031…`-like siblings,
    because the prefix always ends at a dot. An empty `codes` matches nothing.
    """
    condition = Q(pk__in=[])
    for code in codes:
        condition |= Q(**{field: code}) | Q(**{f"{field}__startswith": f"{code}."})
    return condition


class WilayahQuerySet(models.QuerySet):
    """Reads of the wilayah tree."""

    def within(self, codes) -> "WilayahQuerySet":
        """The wilayah with any of `codes` and everything under them."""
        return self.filter(code_prefix_q("code", codes))

    def children_of(self, code: str) -> "WilayahQuerySet":
        """The direct children of the wilayah `code`, by code prefix (served by the primary key index)."""
        return self.filter(code__startswith=f"{code}.", level=code.count(".") + 2)
