"""A DIY world for the open data: WKSBM with boards whose people have names, phones and NIK, KPS, penyuluhan with
named participants and a confirmed evaluation, spread over two kabupaten and a kecamatan-level forum."""

import datetime

import pytest

from registry.enums import Role, WksbmStatus
from registry.models import KpsKind, OpenDataSetting, Wilayah
from registry.opendata.release import publish_open_data
from registry.services.petugas import petugas_save
from tests.factories import KpsFactory, PengurusFactory, WksbmFactory
from tests.trainings.factories import PenyuluhanFactory, PesertaCountFactory, PesertaFactory
from trainings.evaluation_services import Answer, evaluation_create, instrument_indicators
from trainings.models import Instrument

# What must never leave the registry through the open data.
PERSON_NAMES = ["Sumarni Wijayanti", "Bagus Prasetyo", "Tri Handayani Kusuma"]
PHONES = ["+6281234567890", "+6285612345678"]
NIKS = ["3403081203850001"]
SECRETARIAT_PHONE = "+6281399887766"


def place(code):
    return Wilayah.objects.get(code=code)


@pytest.fixture
def world(diy):
    """Candirejo (Semanu) has an active WKSBM that agreed to the directory and one dissolved; Ngeposari a dormant
    one; Semanu a kecamatan-level forum; Sleman's Balecatur an active one that did not agree."""
    candirejo = WksbmFactory(
        name="WKSBM Candirejo Makmur",
        wilayah=place("34.03.08.2004"),
        phone=SECRETARIAT_PHONE,
        address="Balai Kalurahan Candirejo",
        directory_consent=True,
    )
    WksbmFactory(name="WKSBM Candirejo Lama", wilayah=place("34.03.08.2004"), status=WksbmStatus.BUBAR)
    ngeposari = WksbmFactory(name="WKSBM Ngeposari", wilayah=place("34.03.08.2001"), status=WksbmStatus.VAKUM)
    WksbmFactory(name="Forum WKSBM Semanu", wilayah=place("34.03.08"))
    balecatur = WksbmFactory(
        name="WKSBM Balecatur", wilayah=place("34.04.01.2001"), phone=PHONES[1], address="Jl. Wates km 9"
    )
    PengurusFactory(wksbm=candirejo, name=PERSON_NAMES[0], phone=PHONES[0], nik=NIKS[0])
    PengurusFactory(wksbm=balecatur, name=PERSON_NAMES[1])
    KpsFactory(wilayah=place("34.03.08.2004"), name="Karang Taruna Tunas Muda")
    KpsFactory(wilayah=place("34.04.01.2001"), name="Posyandu Melati", kind=KpsKind.objects.get(slug="posyandu"))
    event = PenyuluhanFactory(wilayah=place("34.03.08.2004"), starts_on=datetime.date(2025, 8, 8))
    PesertaFactory(event=event, name=PERSON_NAMES[2])
    PesertaCountFactory(event=event, count=7)
    PenyuluhanFactory(wilayah=place("34.03"), starts_on=datetime.date(2024, 3, 1))
    operator = petugas_save(
        by=None, username="operator", role=Role.KABUPATEN, area_codes=["34.03"], password="x-Pass-2025!"
    )[0]
    instrument = Instrument.objects.get(is_example=True)
    evaluation_create(
        by=operator,
        wksbm=ngeposari,
        instrument=instrument,
        evaluated_on=datetime.date(2026, 1, 5),
        answers=[Answer(i, list(i.options.all())[0]) for i in instrument_indicators(instrument)],
    )
    return {"candirejo": candirejo, "balecatur": balecatur, "ngeposari": ngeposari, "operator": operator}


def set_level(level, *, directory=False, code="34"):
    OpenDataSetting.objects.update_or_create(
        wilayah_id=code, defaults={"lowest_level": level, "directory_enabled": directory}
    )


@pytest.fixture
def published(world):
    """The world published down to desa, its directory on."""
    set_level(4, directory=True)
    publish_open_data()
    return world
