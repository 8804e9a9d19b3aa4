"""Fixtures of the training-history tests: DI Yogyakarta's real wilayah, a WKSBM of Semanu's Candirejo with its
board, and users of Gunungkidul, Sleman and the province."""

import pytest

from registry.enums import Role
from registry.models import PengurusRole, Wilayah
from tests.factories import PengurusFactory, WksbmFactory
from tests.trainings.conftest import user_with_role

SEMANU = "34.03.08"
SEMANU_CANDIREJO = "34.03.08.2004"
NGEPOSARI = "34.03.08.2001"  # Semanu
SEMIN_CANDIREJO = "34.03.12.2006"
GUNUNGKIDUL = "34.03"
SLEMAN = "34.04"
SLEMAN_DESA = "34.04.09.2004"  # Sambirejo, Sleman

pytestmark = pytest.mark.usefixtures("diy")


def role(slug: str) -> PengurusRole:
    return PengurusRole.objects.get(slug=slug)


@pytest.fixture
def board(diy):
    """WKSBM Candirejo Sejahtera (Semanu's Candirejo): ketua Sutrisno, sekretaris Wahyuni, bendahara Sri Lestari."""
    unit = WksbmFactory(name="WKSBM Candirejo Sejahtera", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    return {
        "wksbm": unit,
        "ketua": PengurusFactory(wksbm=unit, name="Sutrisno", role=role("ketua")),
        "sekretaris": PengurusFactory(wksbm=unit, name="Wahyuni", role=role("sekretaris")),
        "bendahara": PengurusFactory(wksbm=unit, name="Sri Lestari", role=role("bendahara")),
    }


@pytest.fixture
def operator_gk(diy):
    return user_with_role("operator_gk", Role.KABUPATEN, GUNUNGKIDUL)


@pytest.fixture
def operator_sleman(diy):
    return user_with_role("operator_sleman", Role.KABUPATEN, SLEMAN)


@pytest.fixture
def provinsi(diy):
    return user_with_role("admin_diy", Role.PROVINSI, "34")


@pytest.fixture
def penyuluh_semanu(diy):
    return user_with_role("penyuluh_semanu", Role.PENYULUH, SEMANU)
