"""The API tests' world: one of each registry record in Candirejo (Semanu, Gunungkidul) and its twin in Sleman,
users of every role inside and outside, and clients calling with a personal token."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from registry.api import tokens
from registry.enums import Role
from registry.models import ApiScope, FundCollection, FundSource, Wilayah
from registry.services.petugas import petugas_save
from tests.api import more_records
from tests.factories import ActivityReportFactory, KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory

PASSWORD = "Gunungkidul-2025!"
RECORDS_AREA = "34.03.08.2004"  # Candirejo, Semanu, Gunungkidul
OTHER_AREA = "34.04.01.2001"  # a desa of Sleman
INSIDE = {Role.PROVINSI: "34", Role.KABUPATEN: "34.03", Role.PENYULUH: "34.03.08", Role.PIMPINAN: "34.03"}
OUTSIDE = "34.04"  # Sleman
NIK = "3403081708900001"
PHONE = "+6281234567890"


@pytest.fixture(autouse=True)
def empty_throttle_counts():
    """Each test starts with no request counted against the rate limits (kept in the default cache)."""
    cache.clear()
    yield
    cache.clear()


def records_in(code: str, label: str) -> dict:
    """A WKSBM with a pengurus (NIK and phone), a member KPS and a report with a fund line, in the desa `code`."""
    wilayah = Wilayah.objects.get(code=code)
    wksbm = WksbmFactory(name=f"WKSBM {label}", wilayah=wilayah, phone=PHONE)
    pengurus = PengurusFactory(wksbm=wksbm, nik=NIK, phone=PHONE, name=f"Pengurus {label}")
    membership = MembershipFactory(wksbm=wksbm, kps=KpsFactory(wilayah=wilayah, phone=PHONE, name=f"KPS {label}"))
    report = ActivityReportFactory(wksbm=wksbm)
    FundCollection.objects.create(report=report, source=FundSource.objects.first(), amount=125_000)
    return {
        "wilayah": wilayah,
        "wksbm": wksbm,
        "pengurus": pengurus,
        "kps": membership.kps,
        "keanggotaan": membership,
        "laporan": report,
        **more_records.trainings_records(wilayah=wilayah, wksbm=wksbm, pengurus=pengurus, phone=PHONE, label=label),
        **more_records.network_records(wilayah=wilayah, wksbm=wksbm, phone=PHONE, label=label),
    }


@pytest.fixture
def world(diy):
    """The records inside (Candirejo) and their twins outside (Sleman)."""
    return {"inside": records_in(RECORDS_AREA, "Candirejo"), "outside": records_in(OTHER_AREA, "Sleman")}


def make_user(role: Role, where: str = "inside", username: str | None = None):
    area = INSIDE[role] if where == "inside" else OUTSIDE
    user, _ = petugas_save(
        by=None, username=username or f"{role.value}-{where}", role=role, area_codes=[area], password=PASSWORD
    )
    return user


def token_client(user, scope: str = ApiScope.READ_WRITE, days: int = 30) -> APIClient:
    """An API client calling as `user` with a new personal token of `scope`."""
    _stored, token = tokens.token_create(by=user, name=f"uji {scope}", scope=scope, days=days)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def api_as():
    """`api_as(role, where="inside", scope=READ_WRITE)`: a token client of a user of `role` inside or outside."""

    def make(role: Role, where: str = "inside", scope: str = ApiScope.READ_WRITE) -> APIClient:
        return token_client(make_user(role, where), scope)

    return make
