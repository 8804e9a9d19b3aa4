"""Fixtures shared by the whole suite."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.fixture
def wilayah_data_dir() -> Path:
    """The folder of the official wilayah CSV files (read in place, never copied into the project)."""
    folder = Path(settings.WILAYAH_DATA_DIR)
    assert (folder / "wilayah-34-diy.csv").is_file(), f"official wilayah CSV not found in {folder}"
    return folder


@pytest.fixture
def diy(db) -> None:
    """DI Yogyakarta's 522 wilayah, loaded from the packaged Kepmendagri list."""
    call_command("load_wilayah", "--provinsi", "34", stdout=io.StringIO())
