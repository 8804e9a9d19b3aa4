"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
SHOW = "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"


def start(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")}
    environment.update(env, DJANGO_SETTINGS_MODULE="wksbm.settings")
    return subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=environment, capture_output=True, text=True)


def test_language_and_time_zone_are_indonesian():
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("id", "Asia/Jakarta")


def test_without_database_url_the_embedded_default_is_sqlite():
    result = start()

    assert (result.returncode, result.stdout.strip()) == (0, "django.db.backends.sqlite3")


def test_database_url_selects_postgresql():
    result = start(DATABASE_URL="postgres://u@127.0.0.1:5432/x")

    assert (result.returncode, result.stdout.strip()) == (0, "django.db.backends.postgresql")


def test_production_without_secret_key_stops_with_a_clear_message():
    result = start(DEBUG="false", ALLOWED_HOSTS="wksbm.example.id")

    assert result.returncode == 1
    assert "DEBUG=false membutuhkan SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_stops_with_a_clear_message():
    result = start(DEBUG="false", SECRET_KEY="k" * 50, ALLOWED_HOSTS="")

    assert result.returncode == 1
    assert "DEBUG=false membutuhkan ALLOWED_HOSTS" in result.stderr


def test_production_with_its_variables_starts():
    result = start(DEBUG="false", SECRET_KEY="k" * 50, ALLOWED_HOSTS="wksbm.example.id")

    assert (result.returncode, result.stderr) == (0, "")


def test_no_setting_names_a_folder_outside_the_project(media_root):
    """A clone anywhere must run: no setting points beside the clone (as a wilayah data folder once did). The
    test's own media folder (tests/conftest.py, `media_root`) aside."""
    outside = {
        name: str(value)
        for name in dir(settings)
        if name.isupper()
        for value in [getattr(settings, name)]
        if isinstance(value, Path) and not value.resolve().is_relative_to(ROOT) and value != media_root
    }

    assert outside == {}


def test_no_code_of_the_app_the_benchmarks_or_ci_names_a_path_above_the_clone():
    """The app, the benchmarks and CI read only the clone's own files (the tests are run by `.ci/run` in a fresh
    clone in an empty temporary folder, where a path above the clone finds nothing)."""
    files = [
        path
        for folder in ("wksbm", "registry", "trainings", "bench", ".ci")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in (".py", ".html", ".txt", "") and "__pycache__" not in path.parts
    ]
    files += [ROOT / "Makefile", ROOT / "pyproject.toml"]

    assert len(files) > 100
    assert [str(path.relative_to(ROOT)) for path in files if "../" in path.read_text(errors="ignore")] == []
