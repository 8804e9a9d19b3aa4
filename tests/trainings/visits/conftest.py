"""Fixtures of the visit tests: those of the registry's field pages (DI Yogyakarta's real wilayah, a penyuluh of
Semanu, WKSBM Candirejo Sejahtera with ketua and sekretaris, and a WKSBM of Semin that must never leak)."""

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


def as_posted(initial: dict) -> dict:
    """A form's initial values as the browser sends them back unchanged (lists of rows as lists of pks)."""

    def posted(value):
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return [getattr(item, "pk", item) for item in value]
        return getattr(value, "pk", value)

    return {key: posted(value) for key, value in initial.items()}


def visit_post(unit, **fields) -> dict:
    """A valid POST of the visit form for `unit`: a bimbingan teknis by the user on 17/06/2025, no follow-ups."""
    from trainings.models import VisitKind

    data = {
        "form_token": "6f1c1c1e-8d5f-4a39-9a3e-1f0c8c2c7a12",
        "date": "17/06/2025",
        "kind": VisitKind.objects.get(slug="bimbingan-teknis").pk,
        "visitor_choice": "saya",
        "findings": "Buku kas belum diisi sejak Maret.",
        "tindak-TOTAL_FORMS": "3",
        "tindak-INITIAL_FORMS": "0",
    }
    return {**data, **fields}
