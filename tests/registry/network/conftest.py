"""Fixtures of the network's tests: DI Yogyakarta's real wilayah and users with a role and areas."""

import pytest

from registry.enums import Role
from tests.trainings.conftest import user_with_role

SEMANU = "34.03.08"
SEMANU_CANDIREJO = "34.03.08.2004"
SEMIN = "34.03.12"
SEMIN_CANDIREJO = "34.03.12.2006"
GUNUNGKIDUL = "34.03"
SLEMAN = "34.04"
DIY = "34"


@pytest.fixture
def make_user(diy):
    """Makes a user with `role` working in the wilayah `codes` (tests log in with force_login)."""

    def make(username, role=Role.PENYULUH, *codes):
        return user_with_role(username, role, *codes)

    return make


@pytest.fixture
def penyuluh(make_user):
    """A penyuluh of Kapanewon Semanu (Gunungkidul)."""
    return make_user("penyuluh_semanu", Role.PENYULUH, SEMANU)


@pytest.fixture
def operator(make_user):
    """An operator of Kabupaten Gunungkidul."""
    return make_user("operator_gk", Role.KABUPATEN, GUNUNGKIDUL)


@pytest.fixture
def outsider(make_user):
    """An operator of Kabupaten Sleman: every Gunungkidul record is outside their area."""
    return make_user("operator_sleman", Role.KABUPATEN, SLEMAN)
