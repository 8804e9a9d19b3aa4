"""Fixtures of the update cycle's tests: DI Yogyakarta's real wilayah, the users who open periods (admin
provinsi), confirm checks (a penyuluh of Semanu, an operator of Gunungkidul) and read (pimpinan), and a period."""

import datetime

import pytest

from registry import dates
from registry.enums import Role
from registry.models import Wilayah
from registry.pemutakhiran import services
from tests.factories import WksbmFactory
from tests.registry.field.conftest import (  # noqa: F401 (fixtures shared with the field pages' tests)
    GUNUNGKIDUL,
    SEMANU,
    SEMANU_CANDIREJO,
    SEMIN_CANDIREJO,
    SLEMAN,
    make_user,
    outsider,
    penyuluh,
)
from tests.registry.network.conftest import operator  # noqa: F401 (an operator of Gunungkidul)
from tests.trainings.conftest import user_with_role

DIY = "34"


def days(number: int) -> datetime.date:
    """The day `number` days from today (negative: before)."""
    return dates.today() + datetime.timedelta(days=number)


def open_period(code: str = DIY, *, starts: int = -10, ends: int = 20, name: str = "Pemutakhiran uji"):
    """A period of the wilayah `code` from `starts` to `ends` days from today (open today by default)."""
    return services.period_open(
        by=None, name=name, wilayah=Wilayah.objects.get(code=code), starts_on=days(starts), ends_on=days(ends)
    )


def unit(code: str = SEMANU_CANDIREJO, **fields):
    """A WKSBM in the wilayah `code`."""
    return WksbmFactory(wilayah=Wilayah.objects.get(code=code), **fields)


@pytest.fixture
def admin_provinsi(diy):
    """The admin provinsi of DI Yogyakarta, who works in the admin too."""
    user = user_with_role("admin_diy", Role.PROVINSI, DIY)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def pimpinan(diy):
    return user_with_role("pimpinan_gk", Role.PIMPINAN, GUNUNGKIDUL)
