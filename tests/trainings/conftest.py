"""Fixtures of the trainings tests: scoped users and the 2019 Gunungkidul program (the domain's worked example)."""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.db import transaction

from registry.enums import WilayahLevel
from registry.models import UserArea, Wilayah
from registry.roles import role_group
from registry.services.wilayah_load import load_wilayah
from registry.services.wksbm import wksbm_create
from tests.conftest import diy_source_rows
from trainings import services
from trainings.enums import OutcomeKind
from trainings.models import EventKind, Program, Unsur

# The ten sessions in the order the source lists them, two a day from 8 to 15 August 2019: (desa, kecamatan,
# day). The source gives the span and "two a day"; which weekdays were used is not known, these are plausible.
SESSIONS = [
    ("Kampung", "Ngawen", datetime.date(2019, 8, 8)),
    ("Rejosari", "Semin", datetime.date(2019, 8, 8)),
    ("Salam", "Patuk", datetime.date(2019, 8, 9)),
    ("Pengkok", "Patuk", datetime.date(2019, 8, 9)),
    ("Wareng", "Wonosari", datetime.date(2019, 8, 12)),
    ("Candirejo", "Semanu", datetime.date(2019, 8, 12)),
    ("Nglindur", "Girisubo", datetime.date(2019, 8, 14)),
    ("Jerukwudel", "Girisubo", datetime.date(2019, 8, 14)),
    ("Grogol", "Paliyan", datetime.date(2019, 8, 15)),
    ("Pampang", "Paliyan", datetime.date(2019, 8, 15)),
]

# Who came: people whose names the office keeps (TKSK, PSM, penyuluh, PKH) by name, the rest as headcounts.
NAMED = [("tksk", 1), ("psm", 2), ("penyuluh-sosial-masyarakat", 1), ("pendamping-pkh", 1)]
COUNTED = [
    ("tokoh-masyarakat", 9),
    ("tokoh-agama", 6),
    ("perangkat-desa", 8),
    ("kader", 8),
    ("karang-taruna", 2),
    ("pkk", 2),
]
# The same three people spoke at every session: 3 people, 30 appearances. Names are made up.
NARASUMBER = [
    ("Sri Lestari", "Dinas Sosial DIY", "Kebijakan penyuluhan sosial dan WKSBM"),
    ("Bambang Riyanto", "Praktisi pekerjaan sosial", "Pengalaman mengelola WKSBM"),
    ("Endang Purwaningsih", "Balai pelatihan kesejahteraan sosial", "Pembentukan dan kepengurusan WKSBM"),
]


def user_in(username: str, *codes: str, staff: bool = False, permissions: tuple[str, ...] = ()) -> User:
    """A non-superuser working in the wilayah `codes`, optionally staff with the given `app.codename` rights."""
    user = User.objects.create_user(username, is_staff=staff)
    for code in codes:
        UserArea.objects.create(user=user, wilayah_id=code)
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


def user_with_role(username: str, role, *codes: str) -> User:
    """`user_in` the wilayah `codes`, with the registry role `role` (a Role, or None for a user without one)."""
    user = user_in(username, *codes)
    if role is not None:
        user.groups.add(role_group(role))
    return user


def resolve_desa(name: str, kecamatan: str) -> Wilayah:
    """The Gunungkidul desa called `name` in the kecamatan called `kecamatan` (names alone repeat)."""
    return Wilayah.objects.get(
        code__startswith="34.03.", level=WilayahLevel.DESA, name__iexact=name, parent__name__iexact=kecamatan
    )


@pytest.fixture
def provinsi_staff(diy) -> User:
    """Seksi Penyuluhan of the provincial office: works in all of DI Yogyakarta."""
    return user_in("penyuluhan-diy", "34")


def enter_gunungkidul_2019(*, by) -> Program:
    """The 2019 program entered through the services as an operator would: 10 sessions × 40 participants (5 by
    name, 35 as headcounts per unsur) and 3 narasumber, target 10 new WKSBM, one WKSBM formed per session."""
    program = services.program_create(
        by=by,
        name="Penyuluhan Sosial Pembentukan WKSBM Gunungkidul",
        year=2019,
        starts_on=datetime.date(2019, 8, 8),
        ends_on=datetime.date(2019, 8, 15),
        organiser="Seksi Penyuluhan Dinas Sosial DIY",
        wilayah=Wilayah.objects.get(code="34.03"),
        target_new_wksbm=10,
    )
    kind = EventKind.objects.get(slug="penyuluhan-sosial")
    unsur = {u.slug: u for u in Unsur.objects.all()}
    for name, kecamatan, day in SESSIONS:
        desa = resolve_desa(name, kecamatan)
        event = services.penyuluhan_create(
            by=by,
            kind=kind,
            theme="Penyuluhan sosial pembentukan WKSBM",
            starts_on=day,
            wilayah=desa,
            venue=f"Balai Kalurahan {name}",
            organiser="Seksi Penyuluhan Dinas Sosial DIY",
            program=program,
            expected_participants=40,
        )
        for slug, people in NAMED:
            for person in range(1, people + 1):
                services.peserta_add(
                    by=by, event=event, name=f"{unsur[slug].name} {name} {person}", unsur=unsur[slug], origin=desa
                )
        for slug, count in COUNTED:
            services.peserta_count_set(by=by, event=event, unsur=unsur[slug], count=count)
        for person, institution, topic in NARASUMBER:
            services.narasumber_add(by=by, event=event, name=person, institution=institution, topic=topic)
        wksbm = wksbm_create(by=by, name=f"WKSBM {name}", wilayah=desa, formed_on=day)
        services.outcome_record(by=by, event=event, wksbm=wksbm, kind=OutcomeKind.FORMED)
    return program


@pytest.fixture(scope="module")
def gunungkidul_2019_pk(django_db_setup, django_db_blocker) -> int:
    """Enters the program once per test module, in a transaction rolled back after the module's last test.

    Django's `setUpTestData` pattern: each test runs in a savepoint inside this transaction, so the ~1,800
    writes are paid once per module rather than once per test, and nothing outlives the module.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load_wilayah(source=diy_source_rows(), scope=["34"])
        yield enter_gunungkidul_2019(by=user_in("entri-2019", "34")).pk
        transaction.set_rollback(True)


@pytest.fixture
def gunungkidul_2019(gunungkidul_2019_pk, db) -> Program:
    """The 2019 Gunungkidul program, the domain's worked example (see `enter_gunungkidul_2019`)."""
    return Program.objects.get(pk=gunungkidul_2019_pk)
