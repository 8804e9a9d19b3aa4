"""Fixtures of the kept-form tests: two penyuluh of Semanu sharing a browser, a WKSBM of theirs and its
pengurus form."""

import pytest
from django.urls import reverse

from registry.enums import Role
from registry.models import PengurusRole, Wilayah
from tests.factories import WksbmFactory
from tests.trainings.conftest import user_with_role

SEMANU, SEMANU_CANDIREJO = "34.03.08", "34.03.08.2004"


@pytest.fixture
def penyuluh(diy):
    return user_with_role("penyuluh_semanu", Role.PENYULUH, SEMANU)


@pytest.fixture
def colleague(diy):
    """Another penyuluh of the same kapanewon: may open the same form, must never get the other's typing."""
    return user_with_role("penyuluh_kedua", Role.PENYULUH, SEMANU)


@pytest.fixture
def wksbm(diy):
    return WksbmFactory(name="WKSBM Candirejo Sejahtera", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))


@pytest.fixture
def form_path(wksbm) -> str:
    """The page adding a pengurus: a creating field form."""
    return reverse("pengurus_add", args=[wksbm.pk])


@pytest.fixture
def typed(diy) -> dict:
    """What the penyuluh typed into the pengurus form (the one-time token aside)."""
    role = PengurusRole.objects.get(slug="bendahara")
    return {"role": str(role.pk), "name": "Sri Lestari", "phone": "0812 3456 7890", "nik": "3403085505800002"}
