"""Fixtures of the field's Penyuluhan pages' tests: those of the registry's field pages (DI Yogyakarta's real
wilayah, users with a role and areas, a WKSBM beside one that could leak)."""

import pytest

from tests.registry.field.conftest import (  # noqa: F401
    as_penyuluh,
    leak,
    make_user,
    neighbour,
    outsider,
    penyuluh,
    wksbm,
)

pytestmark = pytest.mark.usefixtures("diy")
