"""Fixtures shared by the whole suite."""

import functools
from pathlib import Path

import pytest
from django.conf import settings

from registry.services.wilayah_load import load_wilayah, read_packaged_source, select_provinces


@pytest.fixture
def wilayah_data_dir() -> Path:
    """The folder of the official wilayah CSV files (read in place, never copied into the project)."""
    folder = Path(settings.WILAYAH_DATA_DIR)
    assert (folder / "wilayah-34-diy.csv").is_file(), f"official wilayah CSV not found in {folder}"
    return folder


@functools.cache
def diy_source_rows():
    """DI Yogyakarta's rows of the packaged list, selected once per test run."""
    return select_provinces(read_packaged_source(), ["34"])


@pytest.fixture
def diy(db) -> None:
    """DI Yogyakarta's 522 wilayah, loaded from the packaged Kepmendagri list (as `load_wilayah --provinsi 34`)."""
    load_wilayah(source=diy_source_rows(), scope=["34"])


def pytest_terminal_summary(terminalreporter):
    """Prints how many cells the access matrix checked (tests/test_access_matrix.py)."""
    from tests.test_access_matrix import CELLS

    if CELLS["count"]:
        terminalreporter.write_line(f"access matrix: {CELLS['count']} cells checked")
