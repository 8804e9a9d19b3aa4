"""Crawling the site as a signed-in user, for tests that check every page a role reaches: the pages reachable
from some start pages by same-site links (GET only), each kind of page visited once, and a page's or a download's
text. Used by tests/security/test_personal_data_crawl.py (no NIK shown), test_cache_control.py and
tests/test_plain_indonesian_crawl.py (no "None", no English)."""

import io
import re
from collections import deque
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import openpyxl
from django.contrib.auth.models import User

from registry.enums import Role
from registry.services.petugas import petugas_save
from tests.test_access_matrix import INSIDE

# Logging out would end the crawl; static files and the admin's JavaScript catalogue are no pages.
ALWAYS_SKIPPED = ("/accounts/logout/", "/admin/logout/", "/static/", "/admin/jsi18n/")
ROLES = [None, Role.PROVINSI, Role.KABUPATEN, Role.PENYULUH, Role.PIMPINAN]
ROLE_IDS = ["superuser", *[role.value for role in ROLES[1:]]]


class Links(HTMLParser):
    """The `href`s of a page's links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.found += [value for name, value in attrs if name == "href" and value]


def links(base: str, body: str, skipped: Iterable[str] = ALWAYS_SKIPPED) -> list[str]:
    """The same-site paths (with their query) the page at `base` links to, but those starting with `skipped`."""
    parser = Links()
    parser.feed(body)
    skipped = tuple(skipped)
    urls = []
    for href in parser.found:
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue  # tel:, mailto:, other sites
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(skipped):
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


def kind_key(path: str) -> str:
    """`crawl_key`, with the records' ids left out: one page of each kind (one WKSBM's page, one wilayah's…), for a
    crawl about the words pages use rather than the records they show."""
    return re.sub(r"/\d+/", "/#/", crawl_key(path))


def crawl(
    client,
    starts: list[str],
    *,
    skipped: Iterable[str] = ALWAYS_SKIPPED,
    max_pages: int = 400,
    key: Callable[[str], str] = crawl_key,
) -> dict:
    """Every page reachable from `starts` by same-site links (GET only) but those starting with `skipped`, up to
    `max_pages`, one for each `key`: url → response."""
    seen, visited = set(), {}
    queue = deque(starts)
    while queue and len(visited) < max_pages:
        url = queue.popleft()
        if key(url) in seen:
            continue
        seen.add(key(url))
        response = client.get(url)
        visited[url] = response
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            queue.extend(links(url, response.content.decode(), skipped))
    return visited


def log_in(client, role: Role | None, *, password: str) -> User:
    """Signs `client` in as a superuser (`role` None) or as a petugas of `role` working in the access matrix's
    area for it."""
    if role is None:
        user = User.objects.create_superuser("admin", password=password)
    else:
        user = petugas_save(by=None, username="penguji", role=role, area_codes=[INSIDE[role]], password=password)[0]
    client.force_login(user)
    return user
