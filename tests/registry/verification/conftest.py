"""Fixtures of the verification queue's tests: DI Yogyakarta's real wilayah, a penyuluh of Semanu whose entries
wait, the operator of Gunungkidul who verifies them, an operator of Sleman outside their area, and helpers."""

import pytest

from registry.enums import Role
from registry.models import ActivityKind, FundSource, KpsKind, Wilayah
from tests.factories import WksbmFactory
from tests.registry.field.conftest import (  # noqa: F401 (fixtures shared with the field pages' tests)
    GUNUNGKIDUL,
    SEMANU,
    SEMANU_CANDIREJO,
    SLEMAN,
    make_user,
    outsider,
    penyuluh,
)
from tests.registry.network.conftest import operator  # noqa: F401 (an operator of Gunungkidul)
from tests.trainings.conftest import user_with_role

DIY = "34"


def unit(code: str = SEMANU_CANDIREJO, **fields):
    """A WKSBM in the wilayah `code`, entered by the office (verified)."""
    return WksbmFactory(wilayah=Wilayah.objects.get(code=code), **fields)


def first(model):
    """The first row of a reference list (seeded by the migrations)."""
    return model.objects.order_by("pk").first()


@pytest.fixture
def admin_provinsi(diy):
    return user_with_role("admin_diy", Role.PROVINSI, DIY)


@pytest.fixture
def pimpinan(diy):
    return user_with_role("pimpinan_gk", Role.PIMPINAN, GUNUNGKIDUL)


@pytest.fixture
def references(db):
    """An activity kind, a fund source and a KPS kind from the seeded reference lists."""
    return {"activity": first(ActivityKind), "fund": first(FundSource), "kps": first(KpsKind)}
