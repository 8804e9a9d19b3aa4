"""Browser tests: Playwright for Python driving Debian's chromium (never a downloaded browser) at a phone's size.

Run with the rest of the suite, or alone with `pytest -m browser`. Chromium comes from apt (`.ci/run` installs
it); without Playwright or chromium these tests are skipped, with the reason in the summary.
"""

import os

import pytest
from django.db import connections

from tests.conftest import restore_reference_lists

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}

# The live server on the IPv4 loopback: with "localhost" chromium tries ::1 first on every connection.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives chromium through Playwright against a live server")


@pytest.fixture(scope="module")
def browser():
    """One headless chromium per test module.

    Playwright's synchronous API keeps an event loop in the test's thread, which Django's guard against ORM
    calls from async code would mistake for async code; the guard is lifted only while the browser runs. It
    also gives the test its own context, so Django opens new database connections there: they are closed
    when the browser stops.
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield launched
            launched.close()
            connections.close_all()


@pytest.fixture
def phone(browser, live_server, settings):
    """Opens a new browser context (its own cookies: another person) at 360×740, at the live server.

    Passwords use a fast hasher: logging in through the form stays real, without a second of key stretching.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    contexts = []

    def open_phone():
        context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="id-ID")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def reference_lists(transactional_db):
    """The reference lists (jabatan, jenis KPS, jenis kegiatan…) and the example evaluation instrument as their data
    migrations seed them.

    A browser test runs against committed data, so each one ends by emptying every table; this puts the
    lists back for the next. (serialized_rollback cannot: its copy belongs to a connection the test, running
    in Playwright's context, does not see.)
    """
    restore_reference_lists()
