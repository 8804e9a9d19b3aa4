"""The security log (wksbm.security_log): logins, failed logins, lockouts, logouts, imports, exports, uploads
and refusals, each with the user and the client's address; NIK and phone numbers masked in every log line."""

import contextlib
import logging
import tempfile

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from registry.enums import Role
from registry.models import ImportBatch, Wilayah
from tests.factories import WksbmFactory
from tests.registry.test_admin_import_export import HEADER, ROW_SEMIN, csv_file
from tests.security.conftest import PASSWORD
from wksbm.security_log import MaskPersonalData, mask_personal_data

ADDRESS = "10.0.0.7"


@pytest.fixture
def security_log(caplog):
    """The security log's lines so far; lines() after `force_login` (logged too) should call lines.clear() first."""
    caplog.set_level(logging.INFO, logger="wksbm.security")

    def lines() -> list[str]:
        return [record.getMessage() for record in caplog.records if record.name == "wksbm.security"]

    lines.clear = caplog.clear
    return lines


@pytest.fixture(autouse=True)
def upload_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def log_in(client, username: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def test_a_login_and_a_logout_are_logged_with_user_and_address(client, petugas, security_log):
    petugas("sutrisno")

    log_in(client, "sutrisno")
    client.post("/accounts/logout/", REMOTE_ADDR=ADDRESS)

    assert security_log() == [
        f"masuk user='sutrisno' address={ADDRESS} path='/accounts/login/'",
        f"keluar user='sutrisno' address={ADDRESS} path='/accounts/logout/'",
    ]


def test_failed_logins_and_the_lockout_are_logged_as_warnings(client, petugas, caplog, security_log):
    petugas("sutrisno")

    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "sutrisno", "salah")

    failed = f"masuk_gagal user='sutrisno' address={ADDRESS} path='/accounts/login/'"
    locked = f"dikunci user='sutrisno' address={ADDRESS} path='/accounts/login/'"
    assert security_log() == [failed] * settings.AXES_FAILURE_LIMIT + [locked]
    assert {record.levelname for record in caplog.records if record.name == "wksbm.security"} == {"WARNING"}


def test_a_forged_newline_in_a_username_cannot_start_a_false_line(client, petugas, security_log):
    log_in(client, "x\nmasuk user='admin'")

    assert security_log() == [f"masuk_gagal user=\"x\\nmasuk user='admin'\" address={ADDRESS} path='/accounts/login/'"]


def test_behind_the_proxy_the_clients_address_is_logged(client, petugas, settings, security_log):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    petugas("sutrisno")

    client.post(
        "/accounts/login/",
        {"username": "sutrisno", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="203.0.113.9",
    )

    assert security_log() == ["masuk user='sutrisno' address=203.0.113.9 path='/accounts/login/'"]


def test_an_import_logs_the_upload_and_the_committed_batch(
    client, petugas, security_log, django_capture_on_commit_callbacks
):
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03"))
    security_log.clear()
    data = csv_file(HEADER, ROW_SEMIN)

    preview = client.post(
        "/admin/registry/wksbm/import/",
        {"import_file": SimpleUploadedFile("daftar.csv", data)},
        REMOTE_ADDR=ADDRESS,
    )
    ticket = preview.context["confirm_form"].initial["ticket"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/registry/wksbm/process_import/", {"ticket": ticket}, REMOTE_ADDR=ADDRESS)

    upload, batch = security_log()
    assert upload == (
        f"unggah user='operator' address={ADDRESS} path='/admin/registry/wksbm/import/' "
        f"file='daftar.csv' size={len(data)} status=200"
    )
    assert batch.startswith(
        f"impor user='operator' address={ADDRESS} path='/admin/registry/wksbm/process_import/' "
        "kind='wksbm' file='daftar.csv' rows=1 batch="
    )


def test_an_import_rolled_back_after_its_batch_was_written_logs_no_import(
    petugas, security_log, django_capture_on_commit_callbacks
):
    operator = petugas("operator", Role.KABUPATEN, "34.03")
    security_log.clear()

    with django_capture_on_commit_callbacks(execute=True), contextlib.suppress(RuntimeError), transaction.atomic():
        ImportBatch.objects.create(kind=ImportBatch.Kind.WKSBM, user=operator, filename="daftar.csv", rows=1)
        raise RuntimeError("refused at the last moment")

    assert (ImportBatch.objects.count(), security_log()) == (0, [])


def test_an_export_is_logged_with_its_file(client, petugas, security_log):
    client.force_login(petugas("pimpinan", Role.PIMPINAN, "34"))
    security_log.clear()

    response = client.post("/admin/registry/wksbm/export/", {"format": "0"}, REMOTE_ADDR=ADDRESS)
    b"".join(response.streaming_content)

    (line,) = security_log()
    assert line.startswith(f"unduh user='pimpinan' address={ADDRESS} path='/admin/registry/wksbm/export/' file=")
    assert line.endswith(".csv'")


def test_a_refused_page_is_logged(client, petugas, security_log):
    client.force_login(petugas("penyuluh", Role.PENYULUH, "34.03.08"))
    security_log.clear()

    response = client.get("/admin/registry/wksbm/import/", REMOTE_ADDR=ADDRESS)

    assert response.status_code == 403
    assert security_log() == [
        f"ditolak user='penyuluh' address={ADDRESS} path='/admin/registry/wksbm/import/' method='GET'"
    ]


@pytest.mark.parametrize("page", ["/wksbm/{pk}/", "/admin/registry/wksbm/{pk}/change/"])
def test_a_record_outside_the_users_area_is_logged_as_refused(client, petugas, security_log, page):
    elsewhere = WksbmFactory(wilayah=Wilayah.objects.filter(code__startswith="34.01.", level=4).first())
    # An operator: the admin refuses a penyuluh whatever the record (tests/test_access_matrix.py).
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03.08"))
    security_log.clear()
    path = page.format(pk=elsewhere.pk)

    response = client.get(path, REMOTE_ADDR=ADDRESS)

    assert response.status_code == 404
    assert security_log() == [f"ditolak user='operator' address={ADDRESS} path={path!r} method='GET' status=404"]


def test_an_address_that_is_no_page_is_not_logged_as_refused(client, petugas, security_log):
    anonymous = client.get("/wp-login.php", REMOTE_ADDR=ADDRESS)
    client.force_login(petugas("penyuluh", Role.PENYULUH, "34.03.08"))
    security_log.clear()
    signed_in = client.get("/tidak/ada/", REMOTE_ADDR=ADDRESS)

    assert (anonymous.status_code, signed_in.status_code) == (404, 404)
    assert security_log() == []


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("NIK 3403081203850001 ditolak", "NIK 3403••••••••••01 ditolak"),
        ("telepon 0812-3456-7890", "telepon 08******890"),
        ("telepon +62 812 3456 7890", "telepon 08******890"),
        ("telepon 6281234567890.", "telepon 08******890."),
        ("kode 34.03.08.2004 pada 2025-08-17 10:22", "kode 34.03.08.2004 pada 2025-08-17 10:22"),
        ("batch=1234 rows=5000", "batch=1234 rows=5000"),
    ],
)
def test_nik_and_phone_numbers_are_masked_in_log_lines(text, masked):
    assert mask_personal_data(text) == masked


def handlers_reached(name: str) -> list[logging.Handler]:
    """The handlers a record of logger `name` reaches, configured by settings.LOGGING (pytest's own capture
    handlers have no name)."""
    found, logger = [], logging.getLogger(name)
    while logger:
        found += [handler for handler in logger.handlers if handler.name]
        logger = logger.parent if logger.propagate else None
    return found


@pytest.mark.parametrize("name", ["django.request", "django.security.csrf", "wksbm.security", "axes", "registry"])
def test_every_log_handler_masks_personal_data(name):
    record = logging.LogRecord(name, logging.WARNING, __file__, 1, "Gagal: %s", ("3403081203850001",), None)
    handlers = handlers_reached(name)

    passed = [all(f.filter(record) for f in handler.filters) for handler in handlers]

    assert [type(f) for handler in handlers for f in handler.filters] == [MaskPersonalData]
    assert (passed, record.getMessage()) == ([True], "Gagal: 3403••••••••••01")


def test_a_header_that_is_no_address_falls_back_to_the_connections(client, petugas, settings, security_log):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    petugas("sutrisno")

    client.post(
        "/accounts/login/", {"username": "sutrisno", "password": "salah"}, REMOTE_ADDR=ADDRESS, HTTP_X_REAL_IP="x y"
    )

    assert security_log() == [f"masuk_gagal user='sutrisno' address={ADDRESS} path='/accounts/login/'"]


@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("/admin/registry/wksbm/import/", 403),
        ("/wksbm/baru/", 403),
        ("/wksbm/{pk}/", 404),
        ("/admin/registry/wksbm/{pk}/change/", 404),
        ("/admin/registry/wksbm/{pk}/history/", 404),
    ],
)
def test_a_refused_request_writes_one_security_line_and_no_traceback(client, petugas, caplog, page, status):
    elsewhere = WksbmFactory(wilayah=Wilayah.objects.filter(code__startswith="34.01.", level=4).first())
    client.force_login(petugas("operator", Role.KABUPATEN, "34.03.08"))
    Group.objects.get(name=str(Role.KABUPATEN.label)).permissions.remove(
        *Permission.objects.filter(codename="add_wksbm")
    )
    caplog.set_level(logging.DEBUG)
    caplog.clear()

    response = client.get(page.format(pk=elsewhere.pk), REMOTE_ADDR=ADDRESS)

    records = [(r.name, r.levelname, r.exc_info) for r in caplog.records if r.levelno >= logging.INFO]
    assert (response.status_code, records) == (status, [("wksbm.security", "WARNING", None)])
