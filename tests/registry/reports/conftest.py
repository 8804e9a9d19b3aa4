"""The hand-counted world of the rekap tests: the 2019 Gunungkidul program, the domain's worked example (ten WKSBM
formed by ten sessions) and five more WKSBM in Gunungkidul whose every figure is counted below, beside records in
Sleman that could leak into a Gunungkidul rekap.

Counted by hand, for Kabupaten Gunungkidul (34.03, 18 kecamatan, 144 desa/kelurahan):
- WKSBM: the program's 10 (aktif, no board, no report) + Candirejo Sejahtera (aktif, complete board, report a
  month ago) + Ngeposari Makmur (aktif, only a ketua, last report 400 days ago) + Dadapayu (vakum, no board) +
  Forum Kapanewon Semanu (kecamatan level, aktif, complete board, report a month ago) + Candirejo Semin (bubar)
  = 15: 13 aktif, 1 vakum, 1 bubar.
- Boards of the 14 not dissolved: incomplete 12 (the program's 10, Ngeposari, Dadapayu), complete 2.
- Possibly dormant: 11 (the program's 10, formed 2019 without any report; Ngeposari).
- Desa with an active WKSBM: the program's 10 desa (Candirejo Semanu among them) + Ngeposari = 11 of 144 (7%).
- KPS: Karang Taruna and Posyandu (members in Candirejo Semanu), PKK in Candirejo Semin = 3.
- Formed per year: 2015 1, 2018 1, 2019 11, 2020 1, 2021 1.
- Penyuluhan: 10 events in 2019, 400 participants; one program, target 10, formed 10 (100%).
- Funds: a month ago Perantau Rp125.000.000; 400 days ago Swadaya Rp5.000.000. Aid a month ago: Pendidikan
  Rp10.000.000 to 20 people, Lansia Rp2.500.000 to 10 people.
Sleman holds one more WKSBM with Rp999.000.000 collected, a KPS and an event of 7 participants.
"""

import datetime

import pytest

from registry import dates
from registry.enums import Role, WksbmStatus
from registry.models import ActivityKind, AidPurpose, FundSource, KpsKind, PengurusRole, Wilayah
from registry.services.wksbm import report_create
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.trainings.conftest import gunungkidul_2019, gunungkidul_2019_pk, user_with_role  # noqa: F401
from tests.trainings.factories import PenyuluhanFactory, PesertaCountFactory

GUNUNGKIDUL, SEMANU, SEMIN, SLEMAN = "34.03", "34.03.08", "34.03.12", "34.04"
CANDIREJO_SEMANU, NGEPOSARI, DADAPAYU = "34.03.08.2004", "34.03.08.2001", "34.03.08.2005"
CANDIREJO_SEMIN, BALECATUR = "34.03.12.2006", "34.04.01.2001"


def ref(model, slug):
    return model.objects.get(slug=slug)


def recent() -> datetime.date:
    return dates.today() - datetime.timedelta(days=30)


def long_ago() -> datetime.date:
    return dates.today() - datetime.timedelta(days=400)


def board(wksbm, *roles):
    for role in roles:
        PengurusFactory(wksbm=wksbm, name=f"{role.title()} {wksbm.name}", role=ref(PengurusRole, role))


@pytest.fixture
def world(gunungkidul_2019):  # noqa: F811
    """The records counted in the module docstring, by name."""
    wilayah = {code: Wilayah.objects.get(code=code) for code in (SEMANU, CANDIREJO_SEMANU, NGEPOSARI, DADAPAYU)}
    candirejo = WksbmFactory(
        name="WKSBM Candirejo Sejahtera",
        wilayah=wilayah[CANDIREJO_SEMANU],
        formed_on=datetime.date(2019, 8, 12),
        sk_number="141/12/KPTS/2025",
        sk_date=datetime.date(2025, 6, 17),
        phone="+6281234567890",
    )
    board(candirejo, "ketua", "sekretaris")
    MembershipFactory(wksbm=candirejo, kps=KpsFactory(name="Karang Taruna Tunas Muda", wilayah=candirejo.wilayah))
    posyandu = KpsFactory(name="Posyandu Melati", wilayah=candirejo.wilayah, kind=ref(KpsKind, "posyandu"))
    MembershipFactory(wksbm=candirejo, kps=posyandu)
    report_create(
        by=None,
        wksbm=candirejo,
        date=recent(),
        kind=ref(ActivityKind, "penghimpunan-dana"),
        collected=[(ref(FundSource, "perantau"), 125_000_000)],
        distributed=[(ref(AidPurpose, "pendidikan"), 10_000_000, 20)],
    )
    ngeposari = WksbmFactory(
        name="WKSBM Ngeposari Makmur", wilayah=wilayah[NGEPOSARI], formed_on=datetime.date(2021, 3, 1)
    )
    board(ngeposari, "ketua")
    report_create(
        by=None,
        wksbm=ngeposari,
        date=long_ago(),
        kind=ref(ActivityKind, "penghimpunan-dana"),
        collected=[(ref(FundSource, "swadaya"), 5_000_000)],
    )
    dadapayu = WksbmFactory(
        name="WKSBM Dadapayu", wilayah=wilayah[DADAPAYU], formed_on=datetime.date(2018, 1, 10), status=WksbmStatus.VAKUM
    )
    forum = WksbmFactory(
        name="Forum WKSBM Kapanewon Semanu", wilayah=wilayah[SEMANU], formed_on=datetime.date(2020, 5, 5)
    )
    board(forum, "ketua", "sekretaris")
    report_create(
        by=None,
        wksbm=forum,
        date=recent(),
        kind=ref(ActivityKind, "penyaluran-bantuan"),
        distributed=[(ref(AidPurpose, "lansia"), 2_500_000, 10)],
    )
    semin = WksbmFactory(
        name="WKSBM Candirejo Semin",
        wilayah=Wilayah.objects.get(code=CANDIREJO_SEMIN),
        formed_on=datetime.date(2015, 2, 2),
        status=WksbmStatus.BUBAR,
        status_changed_on=datetime.date(2020, 1, 1),
    )
    KpsFactory(name="PKK Candirejo", wilayah=semin.wilayah, kind=ref(KpsKind, "pkk"))

    balecatur = Wilayah.objects.get(code=BALECATUR)
    leak = WksbmFactory(name="WKSBM Sleman Bocor", wilayah=balecatur, formed_on=datetime.date(2019, 1, 1))
    report_create(
        by=None,
        wksbm=leak,
        date=recent(),
        kind=ref(ActivityKind, "penghimpunan-dana"),
        collected=[(ref(FundSource, "perantau"), 999_000_000)],
    )
    KpsFactory(name="KPS Sleman Bocor", wilayah=balecatur)
    PesertaCountFactory(event=PenyuluhanFactory(theme="Penyuluhan Sleman Bocor", wilayah=balecatur), count=7)
    return {
        "candirejo": candirejo,
        "ngeposari": ngeposari,
        "dadapayu": dadapayu,
        "forum": forum,
        "semin": semin,
        "leak": leak,
        "program": gunungkidul_2019,
    }


@pytest.fixture
def make_user(db):
    """A user with `role` (or none) working in the wilayah `codes` (tests log in with force_login)."""

    return user_with_role


@pytest.fixture
def operator(make_user):
    """An operator of Kabupaten Gunungkidul."""
    return make_user("operator-gk", Role.KABUPATEN, GUNUNGKIDUL)


@pytest.fixture
def as_operator(client, operator):
    client.force_login(operator)
    return client
