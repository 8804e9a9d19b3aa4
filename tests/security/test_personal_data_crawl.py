"""A crawl, as each role, of every page reachable from a WKSBM, its pengurus and their history (field pages,
admin change and history pages, history versions, the profil printout and the downloads): no page shows a NIK
whole (UU 27/2022, PDP), in any spelling, and none shows the pimpinan a whole phone number, which the roles
that change records do see. test_cache_control.py crawls the same way for its header."""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from registry.enums import Role
from registry.roles import works_in_admin
from registry.services.petugas import petugas_save
from registry.validators import mask_phone
from tests.security.conftest import PASSWORD
from tests.test_access_matrix import INSIDE, admin_url
from trainings.models import Peserta

NIKS = ["3403081203850001", "3403084507900002"]  # the board member's NIK before and after a correction
PHONES = ["+6281357924680", "+6285246813579", "+6282198765401"]  # pengurus (before and after), WKSBM and KPS
PESERTA_PHONE = "+6287711223344"
SEPARATOR = r"[\s.\-()/]{0,3}"
MAX_PAGES = 400
# Logging out would end the crawl; the wilayah tree and the reference lists hold no personal data.
REFERENCE_LISTS = ["wilayah", "kpskind", "pengurusrole", "activitykind", "fundsource", "aidpurpose"]
SKIPPED = (
    "/accounts/logout/",
    "/admin/logout/",
    "/static/",
    "/admin/jsi18n/",
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


class Links(HTMLParser):
    """The `href`s of a page's links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.found += [value for name, value in attrs if name == "href" and value]


def links(base: str, body: str) -> list[str]:
    parser = Links()
    parser.feed(body)
    urls = []
    for href in parser.found:
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue  # tel:, mailto:, other sites
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIPPED):
            urls.append(path)
    return urls


def text_of(response) -> str:
    """A page's or a download's text: HTML and CSV as they are, spreadsheets cell by cell."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join("" if cell is None else str(cell) for cell in row) for sheet in book for row in sheet.values
        )
    return content.decode("utf-8-sig", errors="replace")


def crawl_key(path: str) -> str:
    """Pages that differ only by their query string (an admin list's filters and order, a rekap's wilayah) show
    the same kind of rows: one visit each is enough, and a download once in each list and format."""
    parts = urlsplit(path)
    if not parts.query or parts.path.startswith("/admin/"):
        return parts.path
    query = dict(parse_qsl(parts.query))
    kept = {key: query[key] for key in ("daftar", "format") if key in query and parts.path.startswith("/rekap/")}
    return f"{parts.path}?{sorted(kept.items())}"


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
    """Every page reachable from `starts` by same-site links (GET only), up to MAX_PAGES: url → response."""
    seen, visited = set(), {}
    queue = deque(starts)
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        if crawl_key(url) in seen:
            continue
        seen.add(crawl_key(url))
        response = client.get(url)
        visited[url] = response
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            queue.extend(links(url, response.content.decode()))
    return visited


ROLES = [None, Role.PROVINSI, Role.KABUPATEN, Role.PENYULUH, Role.PIMPINAN]


def log_in(client, role: Role | None) -> User:
    if role is None:
        user = User.objects.create_superuser("admin", password=PASSWORD)
    else:
        user = petugas_save(by=None, username="penguji", role=role, area_codes=[INSIDE[role]], password=PASSWORD)[0]
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES, ids=["superuser", *[role.value for role in ROLES[1:]]])
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
