"""A worklist world: in Semanu (Gunungkidul), one WKSBM of each kind of the registry's worklist and one that needs
nothing; in Semin (Gunungkidul) and in Sleman, a possibly dormant WKSBM each, to check that nothing outside a
user's area is listed."""

import datetime
from dataclasses import dataclass

import pytest

from registry import dates
from registry.enums import Role, WksbmStatus
from registry.models import PengurusRole, Wilayah
from registry.wilayah_codes import lies_within
from tests.factories import ActivityReportFactory, PengurusFactory, WksbmFactory
from tests.trainings.conftest import user_with_role

SEMANU_CANDIREJO = "34.03.08.2004"
SEMIN_CANDIREJO = "34.03.12.2006"
AREAS = {Role.PROVINSI: "34", Role.KABUPATEN: "34.03", Role.PENYULUH: "34.03.08", Role.PIMPINAN: "34.03"}
REGISTRY_KINDS = ("mungkin-vakum", "belum-lengkap", "masa-bakti")


@dataclass
class Planted:
    """A WKSBM of the world, where it lies and how many entries of each kind it makes."""

    name: str
    code: str
    entries: dict


def role(slug):
    return PengurusRole.objects.get(slug=slug)


def full_board(unit, **extra):
    for slug in ("ketua", "sekretaris"):
        PengurusFactory(wksbm=unit, role=role(slug), period_to=None, **extra)


def sleman_desa() -> str:
    return Wilayah.objects.filter(code__startswith="34.04.", level=4).order_by("code").values_list("code", flat=True)[0]


def make_world() -> list[Planted]:
    """The world's WKSBM (see the module's docstring), each with the entries it should make."""
    today = dates.today()
    old = datetime.date(2019, 8, 8)
    planted = []

    def plant(name, code, entries, **fields):
        unit = WksbmFactory(name=name, wilayah=Wilayah.objects.get(code=code), **fields)
        planted.append(Planted(name, code, entries))
        return unit

    quiet = plant("WKSBM Sepi Semanu", SEMANU_CANDIREJO, {"mungkin-vakum": 1}, formed_on=old)
    full_board(quiet)
    short = plant("WKSBM Tanpa Sekretaris", SEMANU_CANDIREJO, {"belum-lengkap": 1}, formed_on=today)
    PengurusFactory(wksbm=short, role=role("ketua"))
    ending = plant("WKSBM Masa Bakti", SEMANU_CANDIREJO, {"masa-bakti": 2}, formed_on=old)
    full_board(ending)
    ActivityReportFactory(wksbm=ending, date=today)
    PengurusFactory(
        wksbm=ending, name="Bendahara Segera", role=role("bendahara"), period_to=today + datetime.timedelta(days=20)
    )
    PengurusFactory(
        wksbm=ending, name="Anggota Selesai", role=role("anggota"), period_to=today - datetime.timedelta(days=10)
    )
    # Ended, but with a successor in the same role: nothing to do.
    PengurusFactory(
        wksbm=ending, name="Seksi Lama", role=role("anggota"), period_to=today - datetime.timedelta(days=400)
    )
    fine = plant("WKSBM Baik", SEMANU_CANDIREJO, {}, formed_on=old)
    full_board(fine)
    ActivityReportFactory(wksbm=fine, date=today)
    plant("WKSBM Bubar", SEMANU_CANDIREJO, {}, formed_on=old, status=WksbmStatus.BUBAR)
    semin = plant("WKSBM Sepi Semin", SEMIN_CANDIREJO, {"mungkin-vakum": 1}, formed_on=old)
    full_board(semin)
    sleman = plant("WKSBM Sepi Sleman", sleman_desa(), {"mungkin-vakum": 1}, formed_on=old)
    full_board(sleman)
    return planted


def expected_counts(planted: list[Planted], area: str | None) -> dict[str, int]:
    """Each registry kind's count for a user of `area` (None: everywhere)."""
    counts = dict.fromkeys(REGISTRY_KINDS, 0)
    for unit in planted:
        if area is None or lies_within(unit.code, area):
            for key, number in unit.entries.items():
                counts[key] += number
    return counts


@pytest.fixture
def world(diy):
    return make_world()


@pytest.fixture
def operator(diy):
    return user_with_role("operator_gk", Role.KABUPATEN, AREAS[Role.KABUPATEN])
