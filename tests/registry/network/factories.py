"""factory_boy factories of the network: mitra, their contacts, ties (jejaring) and the Forum Komunikasi WKSBM.

Wilayah are never made up (they come from the loaded `diy` fixture); kinds come from the seeded reference lists.
"""

import datetime

import factory

from registry import models
from registry.enums import MitraLevel
from tests.factories import WksbmFactory, desa, reference


def kabupaten(code: str = "34.03") -> models.Wilayah:
    """A loaded wilayah by code (default: Kabupaten Gunungkidul), for a forum."""
    return models.Wilayah.objects.get(code=code)


class MitraFactory(factory.django.DjangoModelFactory):
    """A kabupaten-level mitra seated in Candirejo (Semanu, Gunungkidul) unless told otherwise."""

    class Meta:
        model = models.Mitra

    name = factory.Sequence(lambda n: f"Mitra Peduli {n}")
    kind = reference(models.MitraKind, "dunia-usaha")
    level = MitraLevel.KABUPATEN
    wilayah = factory.LazyFunction(desa)


class MitraContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MitraContact

    mitra = factory.SubFactory(MitraFactory)
    name = factory.Sequence(lambda n: f"Narahubung {n}")
    position = "Koordinator"
    phone = "081234567890"


class JejaringFactory(factory.django.DjangoModelFactory):
    """An open tie of a WKSBM with a new mitra; pass `mitra=None, partner_wksbm=…` for a tie between two WKSBM."""

    class Meta:
        model = models.Jejaring

    wksbm = factory.SubFactory(WksbmFactory)
    mitra = factory.SubFactory(MitraFactory)
    partner_wksbm = None
    kind = reference(models.JejaringKind, "kemitraan-dana")
    started_on = datetime.date(2024, 1, 15)


class ForumFactory(factory.django.DjangoModelFactory):
    """A kabupaten forum of Gunungkidul unless told otherwise."""

    class Meta:
        model = models.ForumKomunikasi

    name = factory.Sequence(lambda n: f"Forum Komunikasi WKSBM {n}")
    wilayah = factory.LazyFunction(kabupaten)
    formed_on = datetime.date(2020, 3, 1)
    sk_number = factory.Sequence(lambda n: f"188/{n}/KPTS/2020")
    sk_date = datetime.date(2020, 3, 2)
    sk_signed_by = "Bupati Gunungkidul"


class ForumPengurusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ForumPengurus

    forum = factory.SubFactory(ForumFactory)
    name = factory.Sequence(lambda n: f"Pengurus Forum {n}")
    role = reference(models.PengurusRole, "anggota")
    period_from = datetime.date(2020, 3, 1)


class ForumMemberFactory(factory.django.DjangoModelFactory):
    """A WKSBM of Candirejo joining a Gunungkidul forum."""

    class Meta:
        model = models.ForumMember

    forum = factory.SubFactory(ForumFactory)
    wksbm = factory.SubFactory(WksbmFactory)
    joined_on = datetime.date(2020, 4, 1)


class ForumMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ForumMeeting

    forum = factory.SubFactory(ForumFactory)
    date = datetime.date(2025, 6, 17)
    kind = reference(models.ActivityKind, "rapat")
    place = "Balai desa"


class ForumAttendanceFactory(factory.django.DjangoModelFactory):
    """A member WKSBM at a meeting (make the WKSBM a member on the day first)."""

    class Meta:
        model = models.ForumAttendance

    meeting = factory.SubFactory(ForumMeetingFactory)
    wksbm = factory.SubFactory(WksbmFactory)
    persons = 3
