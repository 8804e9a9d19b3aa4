"""Fixtures of the network's tests: the field pages' users (a penyuluh of Semanu, an operator of Sleman) and an
operator of Gunungkidul, over DI Yogyakarta's real wilayah."""

import pytest

from registry.enums import Role
from tests.registry.field.conftest import (  # noqa: F401 (fixtures shared with the field pages' tests)
    GUNUNGKIDUL,
    SEMANU,
    SEMANU_CANDIREJO,
    SEMIN,
    SEMIN_CANDIREJO,
    SLEMAN,
    make_user,
    outsider,
    penyuluh,
)
from tests.trainings.conftest import user_with_role

DIY = "34"


@pytest.fixture
def operator(diy):
    """An operator of Kabupaten Gunungkidul."""
    return user_with_role("operator_gk", Role.KABUPATEN, GUNUNGKIDUL)
