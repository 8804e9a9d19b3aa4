"""The snapshot tests stand on the rekap tests' hand-counted Gunungkidul world (tests/registry/reports/conftest.py),
with an admin provinsi, a Gunungkidul operator, a Semanu penyuluh and a Sleman operator."""

import pytest
from django.test import Client

from registry.enums import Role
from registry.services.petugas import petugas_save
from tests.registry.reports.conftest import GUNUNGKIDUL, SEMANU, SLEMAN, world  # noqa: F401 (world: a fixture)
from tests.trainings.conftest import gunungkidul_2019, gunungkidul_2019_pk  # noqa: F401

PASSWORD = "Gunungkidul-2025!"


def user_with_role(username: str, role: Role, code: str):
    """A petugas as the admin makes one (`petugas_save`: staff when the role works in the admin)."""
    return petugas_save(by=None, username=username, role=role, area_codes=[code], password=PASSWORD)[0]


@pytest.fixture
def provinsi(diy):
    return user_with_role("admin-diy", Role.PROVINSI, "34")


@pytest.fixture
def operator(diy):
    return user_with_role("operator-gk", Role.KABUPATEN, GUNUNGKIDUL)


@pytest.fixture
def penyuluh(diy):
    return user_with_role("penyuluh-semanu", Role.PENYULUH, SEMANU)


@pytest.fixture
def sleman_operator(diy):
    return user_with_role("operator-sleman", Role.KABUPATEN, SLEMAN)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
