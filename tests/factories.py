"""factory_boy factories. Wilayah are never made up: tests load real ones (the `diy` fixture) and pass them in.

Reference entries (roles, kinds, sources, purposes) come from the seeded lists, looked up by slug.
"""

import datetime
import uuid

import factory
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

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


class UserFactory(factory.django.DjangoModelFactory):
    """A user with no role and no area: for records that only need someone to belong to."""

    class Meta:
        model = settings.AUTH_USER_MODEL

    username = factory.Sequence(lambda n: f"pengguna{n}")


class FormSubmissionFactory(factory.django.DjangoModelFactory):
    """A handled creating form. `created_at` is set on save; move it with `FormSubmission.objects.update`."""

    class Meta:
        model = models.FormSubmission

    token = factory.LazyFunction(uuid.uuid4)
    user = factory.SubFactory(UserFactory)
    url = factory.Sequence(lambda n: f"/wksbm/{n}/")


class SessionFactory(factory.django.DjangoModelFactory):
    """A stored session, by default valid for another hour."""

    class Meta:
        model = Session

    session_key = factory.Sequence(lambda n: f"sesi{n:028d}")
    session_data = ""
    expire_date = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=1))


class AccessAttemptFactory(factory.django.DjangoModelFactory):
    """django-axes's record of failed logins for one username from one address, as left at the limit."""

    class Meta:
        model = AccessAttempt

    username = factory.Sequence(lambda n: f"petugas{n}")
    ip_address = "10.0.0.7"
    user_agent = "Mozilla/5.0"
    failures_since_start = factory.LazyFunction(lambda: settings.AXES_FAILURE_LIMIT)
