"""The security tests (issue 9): every test in this folder is marked `security` (run them alone with
`pytest -m security`), and the closing summary prints how many passed, by subject, beside the access matrix's
cell count."""

import importlib
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps

from registry.enums import Role
from registry.services.petugas import petugas_save
from tests.browser.conftest import reference_lists  # noqa: F401 (a fixture)
from tests.test_access_matrix import world  # noqa: F401 (the access matrix's records, one of each: a fixture)

HERE = Path(__file__).parent
PASSED = Counter()
PASSWORD = "Gunungkidul-2025!"


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.security)


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed and "security" in report.keywords:
        subject = Path(report.fspath).stem.removeprefix("test_")
        PASSED[subject] += 1


def pytest_terminal_summary(terminalreporter):
    if PASSED:
        by_subject = ", ".join(f"{subject} {count}" for subject, count in sorted(PASSED.items()))
        terminalreporter.write_line(f"security tests: {sum(PASSED.values())} passed ({by_subject})")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Logging in is real (the forms check the password), without a second of key stretching per attempt.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def petugas(diy):
    """Makes a petugas: `petugas(username, role, area)`, with the password PASSWORD."""

    def make(username: str = "sutrisno", role: Role = Role.KABUPATEN, area: str = "34.03"):
        return petugas_save(by=None, username=username, role=role, area_codes=[area], password=PASSWORD)[0]

    return make


@pytest.fixture
def seeded(reference_lists):  # noqa: F811 (the fixture imported above)
    """The registry's and the trainings' reference lists, as their data migrations seed them: a test on
    committed data (transactional_db) may follow another that emptied every table."""
    importlib.import_module("trainings.migrations.0002_reference_lists").seed(apps, None)
