"""Fixtures of the field pages' tests: DI Yogyakarta's real wilayah, users with a role and areas, and a WKSBM
with everything hanging off it beside one that could leak (the other Candirejo, in Semin)."""

import datetime

import pytest

from registry.enums import Role
from registry.models import ActivityKind, AidPurpose, FundSource, KpsKind, PengurusRole, Wilayah
from registry.services import wksbm as services
from tests.factories import ActivityReportFactory, KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.trainings.conftest import user_with_role

SEMANU = "34.03.08"
SEMANU_CANDIREJO = "34.03.08.2004"
SEMIN = "34.03.12"
SEMIN_CANDIREJO = "34.03.12.2006"
GUNUNGKIDUL = "34.03"
SLEMAN = "34.04"

pytestmark = pytest.mark.usefixtures("diy")


@pytest.fixture
def make_user(diy):
    """Makes a user with `role` working in the wilayah `codes` (no password: tests log in with force_login)."""

    def make(username, role=Role.PENYULUH, *codes):
        return user_with_role(username, role, *codes)

    return make


@pytest.fixture
def penyuluh(make_user):
    """A penyuluh of Kapanewon Semanu (Gunungkidul)."""
    return make_user("penyuluh_semanu", Role.PENYULUH, SEMANU)


@pytest.fixture
def outsider(make_user):
    """An operator of Kabupaten Sleman: every Semanu record is outside their area."""
    return make_user("operator_sleman", Role.KABUPATEN, SLEMAN)


@pytest.fixture
def neighbour(make_user):
    """A penyuluh of Semin, whose desa Candirejo shares its name with Semanu's."""
    return make_user("penyuluh_semin", Role.PENYULUH, SEMIN)


@pytest.fixture
def as_penyuluh(client, penyuluh):
    client.force_login(penyuluh)
    return client


def ref(model, slug):
    return model.objects.get(slug=slug)


@pytest.fixture
def wksbm(db):
    """WKSBM Candirejo Sejahtera in Semanu's Candirejo: ketua and sekretaris, one member KPS, one report."""
    unit = WksbmFactory(name="WKSBM Candirejo Sejahtera", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    PengurusFactory(wksbm=unit, name="Sutrisno", role=ref(PengurusRole, "ketua"))
    PengurusFactory(wksbm=unit, name="Wahyuni", role=ref(PengurusRole, "sekretaris"))
    MembershipFactory(wksbm=unit, kps=KpsFactory(name="Karang Taruna Tunas Muda", wilayah=unit.wilayah))
    services.report_create(
        by=None,
        wksbm=unit,
        date=datetime.date(2025, 6, 17),
        kind=ref(ActivityKind, "rapat"),
        collected=[(ref(FundSource, "perantau"), 125_000)],
        distributed=[(ref(AidPurpose, "pendidikan"), 100_000, 4)],
    )
    return unit


@pytest.fixture
def leak(db):
    """A WKSBM in Semin's Candirejo, with a pengurus, a member KPS, a free KPS and a report: never shown to Semanu."""
    wilayah = Wilayah.objects.get(code=SEMIN_CANDIREJO)
    unit = WksbmFactory(name="WKSBM Candirejo Semin", wilayah=wilayah)
    PengurusFactory(wksbm=unit, name="Rahasia Semin", role=ref(PengurusRole, "ketua"))
    MembershipFactory(wksbm=unit, kps=KpsFactory(name="PKK Semin", wilayah=wilayah))
    KpsFactory(name="Posyandu Semin Bebas", wilayah=wilayah, kind=ref(KpsKind, "posyandu"))
    ActivityReportFactory(wksbm=unit)
    return unit
