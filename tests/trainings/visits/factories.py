"""factory_boy factories of visits and follow-ups (in Candirejo, Semanu, Gunungkidul unless told)."""

import datetime

import factory

from tests.factories import UserFactory, WksbmFactory, reference
from trainings.models import Kunjungan, TindakLanjut, VisitKind


class KunjunganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kunjungan

    wksbm = factory.SubFactory(WksbmFactory)
    date = datetime.date(2025, 6, 17)
    kind = reference(VisitKind, "bimbingan-teknis")
    visitor = factory.SubFactory(UserFactory)


class TindakLanjutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TindakLanjut

    visit = factory.SubFactory(KunjunganFactory)
    what = factory.Sequence(lambda n: f"Menyusun program kerja {n}")
    responsible = "Sekretaris WKSBM"
    due_on = datetime.date(2025, 8, 1)
