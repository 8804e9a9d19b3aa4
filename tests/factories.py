"""factory_boy factories. Wilayah are never made up: tests load real ones (the `diy` fixture) and pass them in.

Reference entries (roles, kinds, sources, purposes) come from the seeded lists, looked up by slug.
"""

import datetime

import factory

from registry import models


def reference(model, slug):
    """A seeded reference entry, as a lazy factory value."""
    return factory.LazyFunction(lambda: model.objects.get(slug=slug))


def desa(code: str = "34.03.08.2004") -> models.Wilayah:
    """A loaded wilayah by code (default: Candirejo, Semanu, Gunungkidul)."""
    return models.Wilayah.objects.get(code=code)


class WksbmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Wksbm

    name = factory.Sequence(lambda n: f"WKSBM Sejahtera {n}")
    wilayah = factory.LazyFunction(desa)
    formed_on = datetime.date(2019, 8, 8)


class PengurusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Pengurus

    wksbm = factory.SubFactory(WksbmFactory)
    name = factory.Sequence(lambda n: f"Pengurus {n}")
    role = reference(models.PengurusRole, "anggota")
    period_from = datetime.date(2019, 8, 8)


class KpsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Kps

    name = factory.Sequence(lambda n: f"KPS {n}")
    kind = reference(models.KpsKind, "karang-taruna")
    wilayah = factory.LazyFunction(desa)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.KpsMembership

    kps = factory.SubFactory(KpsFactory)
    wksbm = factory.SubFactory(WksbmFactory)
    joined_on = datetime.date(2019, 9, 1)


class ActivityReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActivityReport

    wksbm = factory.SubFactory(WksbmFactory)
    date = datetime.date(2025, 6, 17)
    kind = reference(models.ActivityKind, "rapat")
