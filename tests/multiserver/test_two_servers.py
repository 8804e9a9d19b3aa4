"""Two application servers behind one address, as a province with more than one runs them (README, "Beberapa
server aplikasi"): two gunicorn processes over the same PostgreSQL database, the same MEDIA_ROOT and the same
Redis (tests/multiserver/servers.py), started once for this module. Whichever server a request reaches, the user
gets the same answer: a list previewed on one is confirmed on the other, a session opened on one is open on the
other, failed logins on both count towards one lockout, and the API's requests to both count towards one rate
limit (in the shared Redis cache), and a photo uploaded through one is served by the other.

The servers read the test database, so the tests write committed data (transactional_db). PostgreSQL only: an
SQLite file is no database several servers share (CI runs the suite on PostgreSQL too).
"""

import io
import re
from urllib.parse import urlsplit

import pytest
import requests
from django.db import connection
from PIL import Image

from registry.enums import Role
from registry.models import Attachment, AttachmentKind, ImportBatch, Wksbm
from registry.services.petugas import petugas_save
from registry.uploads.pending import FOLDER
from tests.browser.conftest import reference_lists  # noqa: F401 (a fixture)
from tests.factories import WksbmFactory
from tests.multiserver.servers import database_url, start_servers

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="beberapa server aplikasi berbagi satu basis data PostgreSQL; SQLite tidak (CI juga menjalankan PostgreSQL)",
)

PASSWORD = "Gunungkidul-2025!"
FAILURE_LIMIT = 3  # the servers' LOGIN_FAILURE_LIMIT: each failed login costs a real password check
API_REQUESTS_A_MINUTE = 4  # the servers' API_RATE_LIMIT
WKSBM_LIST = (
    "kode_wilayah;nama_wksbm;status\r\n"
    "34.03.08.2004;WKSBM Ngudi Rahayu;aktif\r\n"
    "34.03.08.2004;WKSBM Sido Mulyo;vakum\r\n"
    "34.03.01.2001;WKSBM Tunas Harapan;aktif\r\n"
).encode("utf-8-sig")


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, tmp_path_factory):
    """Servers A and B (`servers.urls`), sharing the test database, a MEDIA_ROOT and a Redis."""
    folder = tmp_path_factory.mktemp("two-servers")
    with django_db_blocker.unblock():
        database = database_url(connection.settings_dict)
    running = start_servers(
        2,
        database=database,
        media_root=folder / "media",
        log_folder=folder / "logs",
        environment={
            "DEBUG": "true",
            "LOGIN_FAILURE_LIMIT": str(FAILURE_LIMIT),
            "API_RATE_LIMIT": f"{API_REQUESTS_A_MINUTE}/min",
        },
    )
    yield running
    running.stop()


@pytest.fixture
def shared_media(servers, settings):
    """This process reads the servers' MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(servers.media_root)
    return servers.media_root


@pytest.fixture
def operator(diy, reference_lists):  # noqa: F811 (the fixture imported above)
    """The operator of Kabupaten Gunungkidul (committed, as the servers read it), who may import its lists."""
    return petugas_save(by=None, username="wulan", role=Role.KABUPATEN, area_codes=["34.03"], password=PASSWORD)[0]


class Browser:
    """One person's browser: one cookie jar for both servers, as for one host name behind a load balancer."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, url: str) -> requests.Response:
        return self.session.get(url, allow_redirects=False, timeout=60)

    def post(self, url: str, data: dict, files: dict | None = None) -> requests.Response:
        """A form sent as a browser sends it: with the CSRF token of the cookie it holds (fetched first if none)."""
        if "csrftoken" not in self.session.cookies:
            parts = urlsplit(url)
            self.get(f"{parts.scheme}://{parts.netloc}/accounts/login/")
        data = {**data, "csrfmiddlewaretoken": self.session.cookies["csrftoken"]}
        return self.session.post(url, data=data, files=files, allow_redirects=False, timeout=60)

    def log_in(self, server: str, username: str, password: str) -> requests.Response:
        return self.post(f"{server}/accounts/login/", {"username": username, "password": password})


def test_a_session_opened_on_one_server_is_open_on_the_other(servers, operator):
    a, b = servers.urls
    browser, stranger = Browser(), Browser()

    login = browser.log_in(a, "wulan", PASSWORD)
    on_b = browser.get(f"{b}/admin/")

    assert (login.status_code, "login" in login.headers["Location"]) == (302, False)
    assert on_b.status_code == 200, servers.logs()
    assert "wulan" in on_b.text
    assert stranger.get(f"{b}/admin/").status_code == 302


def test_a_list_previewed_on_one_server_is_confirmed_on_the_other(servers, operator, shared_media):
    a, b = servers.urls
    browser = Browser()
    browser.log_in(a, "wulan", PASSWORD)

    preview = browser.post(f"{a}/admin/registry/wksbm/import/", {}, files={"import_file": ("daftar.csv", WKSBM_LIST)})
    ticket = re.search(r'name="ticket" value="([^"]+)"', preview.text)
    waiting = sorted(path.name for path in (shared_media / FOLDER).iterdir())
    confirm = browser.post(f"{b}/admin/registry/wksbm/process_import/", {"ticket": ticket.group(1)})

    batch = ImportBatch.objects.get()
    assert preview.status_code == 200 and ticket, servers.logs()
    assert len(waiting) == 1
    assert (confirm.status_code, confirm.headers["Location"]) == (302, "/admin/registry/wksbm/")
    assert (batch.kind, batch.created, batch.updated, batch.unchanged) == (ImportBatch.Kind.WKSBM, 3, 0, 0)
    assert sorted(Wksbm.objects.values_list("name", "wilayah__code", "status")) == [
        ("WKSBM Ngudi Rahayu", "34.03.08.2004", "aktif"),
        ("WKSBM Sido Mulyo", "34.03.08.2004", "vakum"),
        ("WKSBM Tunas Harapan", "34.03.01.2001", "aktif"),
    ]
    assert list((shared_media / FOLDER).iterdir()) == []  # removed by B once committed


def test_failed_logins_on_both_servers_count_towards_one_lockout(servers, operator):
    a, b = servers.urls
    browser = Browser()

    statuses = [browser.log_in((a, b)[n % 2], "wulan", "salah-sandi").status_code for n in range(FAILURE_LIMIT)]
    right_password_on_a = browser.log_in(a, "wulan", PASSWORD)
    right_password_on_b = browser.log_in(b, "wulan", PASSWORD)

    assert statuses == [200] * (FAILURE_LIMIT - 1) + [429], servers.logs()
    assert (right_password_on_a.status_code, right_password_on_b.status_code) == (429, 429)
    assert "Akun dikunci sementara" in right_password_on_b.text


def test_api_requests_to_both_servers_count_towards_one_rate_limit(servers, operator):
    """Counted in the default cache: Redis, which both servers share (each process's own memory would let every
    server allow the limit again)."""
    a, b = servers.urls
    browser = Browser()
    browser.log_in(a, "wulan", PASSWORD)

    statuses = [browser.get(f"{(a, b)[n % 2]}/api/v1/").status_code for n in range(API_REQUESTS_A_MINUTE + 2)]

    assert statuses == [200] * API_REQUESTS_A_MINUTE + [429, 429], servers.logs()


def test_a_photo_uploaded_through_one_server_is_served_by_the_other(servers, operator, shared_media):
    a, b = servers.urls
    wksbm = WksbmFactory(name="WKSBM Ngudi Rahayu")
    kind = AttachmentKind.objects.get(slug="foto-kegiatan")
    browser = Browser()
    browser.log_in(a, "wulan", PASSWORD)
    add_page = f"{a}/lampiran/tambah/registry.wksbm/{wksbm.pk}/?jenis=foto"
    token = re.search(r'name="form_token" value="([^"]+)"', browser.get(add_page).text)

    sent = browser.post(
        add_page,
        {"form_token": token.group(1), "kind": str(kind.pk), "title": "Rapat pengurus"},
        files={"file": ("foto.jpg", jpeg_bytes(), "image/jpeg")},
    )
    attachment = Attachment.objects.get()
    photo_on_b = browser.get(f"{b}/lampiran/{attachment.pk}/berkas/")
    thumbnail_on_b = browser.get(f"{b}/lampiran/{attachment.pk}/kecil/")

    assert sent.status_code == 302, servers.logs()
    assert (attachment.record, attachment.title) == (wksbm, "Rapat pengurus")
    assert (photo_on_b.status_code, photo_on_b.headers["Content-Type"]) == (200, "image/jpeg"), servers.logs()
    assert photo_on_b.content == (shared_media / attachment.file.name).read_bytes()
    assert thumbnail_on_b.content == (shared_media / attachment.thumbnail.name).read_bytes()
    assert Browser().get(f"{b}/lampiran/{attachment.pk}/berkas/").status_code == 302  # not signed in: to the login


def jpeg_bytes() -> bytes:
    """A small camera photo."""
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 140, 60)).save(out, "JPEG")
    return out.getvalue()
