"""A crawl, as each role, of every page reachable from a WKSBM, its pengurus and their history (field pages,
admin change and history pages, history versions, the profil printout and the downloads): no page shows a NIK
whole (UU 27/2022, PDP), in any spelling, and none shows the pimpinan a whole phone number, which the roles
that change records do see. test_cache_control.py crawls the same way for its header (tests.crawling)."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from registry.enums import Role
from registry.roles import works_in_admin
from registry.validators import mask_phone
from tests.crawling import ALWAYS_SKIPPED, ROLE_IDS, ROLES, text_of
from tests.crawling import crawl as crawl_pages
from tests.crawling import log_in as log_in_as
from tests.security.conftest import PASSWORD
from tests.test_access_matrix import admin_url
from trainings.models import Peserta

NIKS = ["3403081203850001", "3403084507900002"]  # the board member's NIK before and after a correction
PHONES = ["+6281357924680", "+6285246813579", "+6282198765401"]  # pengurus (before and after), WKSBM and KPS
PESERTA_PHONE = "+6287711223344"
SEPARATOR = r"[\s.\-()/]{0,3}"
MAX_PAGES = 400
# The wilayah tree and the reference lists hold no personal data.
REFERENCE_LISTS = ["wilayah", "kpskind", "pengurusrole", "activitykind", "fundsource", "aidpurpose"]
SKIPPED = (
    *ALWAYS_SKIPPED,
    "/admin/trainings/eventkind/",
    "/admin/trainings/unsur/",
    *(f"/admin/registry/{name}/" for name in REFERENCE_LISTS),
)


def spelled_any_way(digits: str) -> re.Pattern:
    """The digits in order, with any separators (spaces, dots, dashes, brackets) between them."""
    return re.compile(SEPARATOR.join(re.escape(d) for d in digits))


def phone_pattern(stored: str) -> re.Pattern:
    """A phone number as +62 8…, 62 8… or 08…, with or without separators."""
    national = stored.removeprefix("+62")
    return re.compile(r"(?:\+?62|0)" + SEPARATOR + spelled_any_way(national).pattern)


NIK_PATTERNS = [spelled_any_way(nik) for nik in NIKS]
PHONE_PATTERNS = [phone_pattern(phone) for phone in [*PHONES, PESERTA_PHONE]]


@pytest.fixture
def personal_world(world):
    """The access matrix's world, its board member, WKSBM, KPS and participant given NIK and phone numbers, and
    corrected once so that every history has a change to show."""
    pengurus, wksbm, kps = world["pengurus"], world["wksbm"], world["kps"]
    pengurus.nik, pengurus.phone = NIKS[0], PHONES[0]
    pengurus.save()
    pengurus.nik, pengurus.phone, pengurus.name = NIKS[1], PHONES[1], "Sri Lestari"
    pengurus.save()
    for record, phone in ((wksbm, PHONES[2]), (kps, PHONES[2])):
        record.phone = ""
        record.save()
        record.phone = phone
        record.save()
    peserta = Peserta.objects.get(event=world["event"])
    peserta.phone, peserta.pengurus = PESERTA_PHONE, pengurus
    peserta.save()
    return world


def start_pages(world) -> list[str]:
    pengurus, wksbm = world["pengurus"], world["wksbm"]
    versions = [
        f"{admin_url(record, 'history')}{version.history_id}/"
        for record in (pengurus, wksbm, world["kps"])
        for version in record.history.all()
    ]
    return [
        reverse("wksbm_detail", args=[wksbm.pk]),
        reverse("wksbm_profile", args=[wksbm.pk]),
        admin_url(wksbm, "change"),
        admin_url(pengurus, "change"),
        admin_url(pengurus, "history"),
        admin_url(wksbm, "history"),
        *versions,
        reverse("rekap_list_export") + "?daftar=wksbm&format=csv",
        reverse("rekap_list_export") + "?daftar=kps&format=xlsx",
    ]


def crawl(client, starts: list[str]) -> dict[str, object]:
    """Every page reachable from `starts` (`tests.crawling.crawl`) but the reference lists."""
    return crawl_pages(client, starts, skipped=SKIPPED, max_pages=MAX_PAGES)


def log_in(client, role: Role | None) -> User:
    return log_in_as(client, role, password=PASSWORD)


@pytest.mark.parametrize("role", ROLES, ids=ROLE_IDS)
def test_no_page_reachable_from_a_wksbm_shows_a_whole_nik_or_the_pimpinan_a_whole_phone(client, personal_world, role):
    log_in(client, role)

    pages = crawl(client, start_pages(personal_world))
    texts = {url: text_of(response) for url, response in pages.items() if response.status_code == 200}

    assert len(texts) >= (20 if role is None or works_in_admin(role) else 5)
    # The history versions are admin pages; the penyuluh, who do not use the admin, reach none.
    assert bool({url for url in texts if "/history/" in url and url.rstrip("/").split("/")[-1].isdigit()}) is (
        role is None or works_in_admin(role)
    )
    shown_nik = sorted(url for url, text in texts.items() if any(p.search(text) for p in NIK_PATTERNS))
    shown_phone = sorted(url for url, text in texts.items() if any(p.search(text) for p in PHONE_PATTERNS))
    field_page = reverse("wksbm_detail", args=[personal_world["wksbm"].pk])
    assert shown_nik == []
    if role == Role.PIMPINAN:
        assert (shown_phone, mask_phone(PHONES[2]) in texts[field_page]) == ([], True)
    else:
        assert field_page in shown_phone
