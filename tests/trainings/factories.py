"""factory_boy factories of the trainings app. Wilayah are real (the `diy` fixture); reference entries seeded."""

import datetime

import factory

from tests.factories import WksbmFactory, desa, reference
from trainings import models
from trainings.enums import OutcomeKind


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Program

    name = factory.Sequence(lambda n: f"Penyuluhan Sosial WKSBM {n}")
    year = 2019
    wilayah = factory.LazyFunction(lambda: desa("34.03"))
    target_new_wksbm = 10


class PenyuluhanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Penyuluhan

    kind = reference(models.EventKind, "penyuluhan-sosial")
    theme = factory.Sequence(lambda n: f"Pembentukan WKSBM {n}")
    starts_on = datetime.date(2019, 8, 8)
    ends_on = factory.SelfAttribute("starts_on")
    wilayah = factory.LazyFunction(desa)


class NarasumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Narasumber

    event = factory.SubFactory(PenyuluhanFactory)
    name = factory.Sequence(lambda n: f"Narasumber {n}")
    institution = "Dinas Sosial DIY"


class PesertaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Peserta

    event = factory.SubFactory(PenyuluhanFactory)
    name = factory.Sequence(lambda n: f"Peserta {n}")
    unsur = reference(models.Unsur, "kader")


class PesertaCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PesertaCount

    event = factory.SubFactory(PenyuluhanFactory)
    unsur = reference(models.Unsur, "tokoh-masyarakat")
    count = 5


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Outcome

    event = factory.SubFactory(PenyuluhanFactory)
    wksbm = factory.SubFactory(WksbmFactory, wilayah=factory.SelfAttribute("..event.wilayah"))
    kind = OutcomeKind.FORMED
