"""The deploy check and the headers: `manage.py check --deploy --fail-level WARNING` passes with the production
variables documented in deploy/wksbm.env.example once its placeholder SECRET_KEY is replaced by a secret one (and
refuses the placeholder, as it refuses a missing key), every response carries the security headers, and the
systemd units run the application alike."""

import configparser
import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from registry.views.attachments import SANDBOX_POLICY

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTED = ROOT / "deploy" / "wksbm.env.example"
CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def documented_variables() -> dict[str, str]:
    lines = DOCUMENTED.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


# The documented variables as an operator fills them in: the secret key generated as the example file says.
PRODUCTION = {**documented_variables(), "SECRET_KEY": secrets.token_urlsafe(50)}


def unit(name: str) -> configparser.ConfigParser:
    """A systemd unit file of deploy/, read as the INI file it is (keys keep their case)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(ROOT / "deploy" / name)
    return parser


def manage(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")}
    environment.update(PRODUCTION, **overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_the_deploy_check_passes_with_the_documented_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert (result.returncode, result.stderr) == (0, "")
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("key", [None, documented_variables()["SECRET_KEY"]], ids=["missing", "placeholder"])
def test_the_deploy_check_refuses_the_example_files_placeholder_key_as_a_missing_one(key):
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")}
    environment.update({name: value for name, value in PRODUCTION.items() if name != "SECRET_KEY"})
    if key is not None:
        environment["SECRET_KEY"] = key
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]

    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)

    assert result.returncode == 1
    assert "DEBUG=false membutuhkan SECRET_KEY yang rahasia" in result.stderr


def test_the_deploy_check_fails_when_a_protection_is_switched_off():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_SECONDS="0", SECURE_COOKIES="false")

    assert result.returncode == 1
    assert ("security.W004" in result.stderr, "security.W012" in result.stderr) == (True, True)


def test_production_cookies_are_secure_and_http_only_and_sessions_end_with_the_browser():
    shown = (
        "SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SESSION_COOKIE_HTTPONLY CSRF_COOKIE_HTTPONLY "
        "SESSION_EXPIRE_AT_BROWSER_CLOSE SECURE_SSL_REDIRECT SECURE_PROXY_SSL_HEADER"
    )
    code = f"from django.conf import settings as s; print([getattr(s, n) for n in {shown.split()!r}])"

    result = manage("shell", "--no-imports", "-c", code)

    assert result.stdout.strip() == "[True, True, True, True, True, True, ('HTTP_X_FORWARDED_PROTO', 'https')]"


def test_production_serves_static_files_through_whitenoise_from_hashed_names():
    code = "from django.conf import settings as s; print(s.STORAGES['staticfiles']['BACKEND'], s.MIDDLEWARE[1])"

    result = manage("shell", "--no-imports", "-c", code)

    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_gunicorn_loads_the_application():
    code = "from gunicorn.util import import_app; print(callable(import_app('wksbm.wsgi:application')))"
    environment = {**os.environ, **PRODUCTION}

    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)

    assert (result.returncode, result.stdout.strip()) == (0, "True")


def test_production_and_the_load_test_start_gunicorn_with_one_configuration():
    configuration = ROOT / "deploy" / "gunicorn.conf.py"
    unit = (ROOT / "deploy" / "wksbm.service").read_text()
    bench = (ROOT / "bench" / "load_test.py").read_text()
    servers = (ROOT / "tests" / "multiserver" / "servers.py").read_text()  # which starts the bench's servers

    values = runpy.run_path(str(configuration))

    assert f"--config /srv/wksbm/app/deploy/{configuration.name} wksbm.wsgi" in unit
    assert '"--config", str(GUNICORN_CONFIG)' in bench
    assert '"-m", "gunicorn", "wksbm.wsgi"' in servers
    assert (values["bind"], values["workers"], values["threads"]) == ("127.0.0.1:8000", os.cpu_count() * 2 + 1, 2)
    assert (values["accesslog"], values["errorlog"]) == ("-", "-")


def test_the_housekeeping_runs_daily_as_the_service_runs_the_application():
    service, housekeeping, timer = (
        unit(name) for name in ("wksbm.service", "wksbm-housekeeping.service", "wksbm-housekeeping.timer")
    )
    alike = [
        "User",
        "Group",
        "WorkingDirectory",
        "EnvironmentFile",
        "NoNewPrivileges",
        "PrivateTmp",
        "ProtectSystem",
        "ProtectHome",
        "ReadWritePaths",
    ]
    venv = service["Service"]["ExecStart"].split()[0].removesuffix("/bin/gunicorn")

    assert {key: housekeeping["Service"][key] for key in alike} == {key: service["Service"][key] for key in alike}
    assert (housekeeping["Service"]["Type"], housekeeping["Service"]["ExecStart"]) == (
        "oneshot",
        f"{venv}/bin/python manage.py housekeeping",
    )
    assert dict(timer["Timer"]) == {"OnCalendar": "*-*-* 02:30:00", "Persistent": "true"}
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_gunicorn_accepts_the_configuration():
    configuration = ROOT / "deploy" / "gunicorn.conf.py"
    environment = {**os.environ, **PRODUCTION}
    command = [sys.executable, "-m", "gunicorn", "--config", str(configuration), "--check-config", "wksbm.wsgi"]

    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/", "/tidak-ada/"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)

    assert set(response.headers["Content-Security-Policy"].split("; ")) == CSP
    assert {
        name: response.headers.get(name)
        for name in (
            "X-Content-Type-Options",
            "X-Frame-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
        )
    } == {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


@pytest.mark.django_db
def test_hsts_is_sent_over_https_as_configured(settings):
    from django.test import Client

    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = Client().get("/accounts/login/", secure=True)

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_when_configured(settings):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True

    response = Client().get("/accounts/login/")

    assert (response.status_code, response.url) == (301, "https://testserver/accounts/login/")


def nginx_location(prefix: str) -> list[str]:
    """The directives of deploy/nginx-wksbm.conf's `location PREFIX { … }`, one a line."""
    conf = (ROOT / "deploy" / "nginx-wksbm.conf").read_text()
    body = re.search(rf"\n\s*location {re.escape(prefix)} \{{\n(.*?)\n\s*\}}", conf, re.S).group(1)
    return [line.strip() for line in body.splitlines() if line.strip() and not line.strip().startswith("#")]


def test_nginx_sends_the_attachments_from_media_root_only_when_the_application_says_so():
    """ATTACHMENT_ACCEL_REDIRECT names nginx's internal location of MEDIA_ROOT, and nginx sets again the two
    headers of registry.views.attachments that it would otherwise drop from an X-Accel-Redirect answer."""
    variables = documented_variables()
    prefix, media_root = variables["ATTACHMENT_ACCEL_REDIRECT"], variables["MEDIA_ROOT"]

    directives = nginx_location(prefix)

    assert directives == [
        "internal;",
        f"alias {media_root.rstrip('/')}/;",
        'add_header X-Content-Type-Options "nosniff" always;',
        f'add_header Content-Security-Policy "{SANDBOX_POLICY}" always;',
    ]


def test_the_services_may_write_the_stored_files():
    """The units make the whole system read-only but for what they list: MEDIA_ROOT must be among it."""
    media_root = documented_variables()["MEDIA_ROOT"]

    writable = {
        name: unit(name)["Service"]["ReadWritePaths"].split()
        for name in ("wksbm.service", "wksbm-housekeeping.service")
    }

    assert writable == {name: ["/tmp", media_root] for name in writable}
