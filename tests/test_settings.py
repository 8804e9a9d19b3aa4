"""Settings come from the environment; production refuses to start without its secrets."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
SHOW = "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"


# Read by the tests of the files' storage and the shared cache.
SHARED = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.STORAGES['default'], s.CACHES['default'], s.AXES_HANDLER, s.SESSION_ENGINE]))"
)
UNSET = ("DATABASE_URL", "SECRET_KEY", "DEBUG", "S3_BUCKET", "REDIS_URL", "ATTACHMENT_ACCEL_REDIRECT")


def start(code: str = SHOW, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in UNSET}
    environment.update(env, DJANGO_SETTINGS_MODULE="wksbm.settings")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)


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


def test_without_s3_or_redis_files_are_in_media_root_and_the_cache_in_each_process():
    result = start(SHARED)

    storage, cache, axes, sessions = json.loads(result.stdout)
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    # What every server shares even so: failed logins and sessions, in the database.
    assert (axes, sessions) == ("axes.handlers.database.AxesDatabaseHandler", "django.contrib.sessions.backends.db")


def test_s3_bucket_keeps_the_files_in_object_storage_privately():
    result = start(
        SHARED,
        S3_BUCKET="wksbm-berkas",
        S3_ENDPOINT_URL="https://s3.dinsos.example.go.id",
        S3_ACCESS_KEY="kunci",
        S3_SECRET_KEY="rahasia",
        S3_REGION="ap-southeast-3",
    )

    assert json.loads(result.stdout)[0] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "wksbm-berkas",
            "endpoint_url": "https://s3.dinsos.example.go.id",
            "access_key": "kunci",
            "secret_key": "rahasia",
            "region_name": "ap-southeast-3",
            "default_acl": "private",
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }


def test_s3_bucket_alone_leaves_the_rest_to_the_machines_credentials():
    """On a server whose role or ~/.aws gives the credentials, only the bucket is set."""
    result = start(SHARED, S3_BUCKET="wksbm-berkas")

    options = json.loads(result.stdout)[0]["OPTIONS"]
    assert [options[key] for key in ("endpoint_url", "access_key", "secret_key", "region_name")] == [None] * 4


def test_nginx_cannot_send_files_that_are_in_a_bucket():
    result = start(SHARED, S3_BUCKET="wksbm-berkas", ATTACHMENT_ACCEL_REDIRECT="/_lampiran/")

    assert result.returncode == 1
    assert "ATTACHMENT_ACCEL_REDIRECT hanya untuk berkas di MEDIA_ROOT" in result.stderr


def test_redis_url_makes_the_cache_shared_by_every_server():
    result = start(SHARED, REDIS_URL="redis://redis.dinsos.example.go.id:6379/2")

    assert json.loads(result.stdout)[1] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis.dinsos.example.go.id:6379/2",
        "KEY_PREFIX": "wksbm",
    }


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
