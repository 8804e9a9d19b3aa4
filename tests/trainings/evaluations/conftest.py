"""Fixtures of the evaluation tests: the example instrument shipped by the data migration, a WKSBM of
Candirejo (Semanu, Gunungkidul) and users of each role working there or elsewhere."""

import datetime

import pytest

from registry.enums import Role
from registry.models import Wilayah
from tests.factories import WksbmFactory
from tests.trainings.conftest import user_with_role
from trainings import evaluation_services as services
from trainings.evaluation_services import Answer
from trainings.models import Instrument

EXAMPLE = "Instrumen penilaian WKSBM (contoh)"


@pytest.fixture
def instrument(diy) -> Instrument:
    """The example instrument (9 indicators, 0–90 points; Tumbuh, Berkembang, Mandiri)."""
    return Instrument.objects.get(name=EXAMPLE)


@pytest.fixture
def wksbm(diy):
    return WksbmFactory(name="WKSBM Candirejo", wilayah=Wilayah.objects.get(code="34.03.08.2004"))


@pytest.fixture
def penyuluh(diy):
    return user_with_role("penyuluh-semanu", Role.PENYULUH, "34.03.08")


@pytest.fixture
def operator(diy):
    return user_with_role("operator-gk", Role.KABUPATEN, "34.03")


@pytest.fixture
def operator_sleman(diy):
    return user_with_role("operator-sleman", Role.KABUPATEN, "34.04")


def answers_with(instrument, pick=lambda options: options[0]) -> list[Answer]:
    """One answer per indicator of `instrument`: `pick(options)` of each (by default the first, the highest)."""
    return [
        Answer(indicator=indicator, option=pick(list(indicator.options.all())))
        for indicator in services.instrument_indicators(instrument)
    ]


def evaluate(wksbm, instrument, by, *, on=datetime.date(2026, 3, 1), pick=lambda options: options[0]):
    """An evaluation of `wksbm` recorded through the service."""
    return services.evaluation_create(
        by=by, wksbm=wksbm, instrument=instrument, evaluated_on=on, answers=answers_with(instrument, pick)
    )
