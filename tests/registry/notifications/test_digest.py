"""The daily digest: one plain-text Indonesian message per opted-in active user with an address and something new,
with links on the site's address; nothing to anyone else; nothing sent twice."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from registry.models import Notification, NotificationKind, PetugasProfile
from registry.notifications.digest import send_digest
from registry.notifications.services import digest_choice_set

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def opted_in(user, email):
    user.email = email
    user.save()
    digest_choice_set(by=user, wanted=True)
    return user


def note(user, text, url="/wksbm/7/", **fields):
    return Notification.objects.create(
        user=user, kind=NotificationKind.DIKEMBALIKAN, text=text, url=url, created_at=timezone.now(), **fields
    )


def run() -> str:
    out = io.StringIO()
    call_command("send_notification_digest", stdout=out)
    return out.getvalue()


def test_one_message_per_opted_in_user_with_something_new(settings, penyuluh, operator, outsider, admin_provinsi):
    settings.SITE_URL = "https://wksbm.dinsos.example.go.id"
    opted_in(penyuluh, "penyuluh@example.go.id")
    opted_in(operator, "operator@example.go.id")
    opted_in(admin_provinsi, "")  # chose it, but has no address
    outsider.email = "sleman@example.go.id"
    outsider.save()  # has an address, did not choose it
    note(penyuluh, "Data dikembalikan: WKSBM: Ngudi Rahayu — Lengkapi SK.")
    note(penyuluh, "Pemutakhiran 2027 dibuka untuk Kabupaten Gunungkidul.", url="/pemutakhiran/3/")
    note(penyuluh, "Sudah dibaca", read_at=timezone.now())
    note(admin_provinsi, "Tanpa alamat")
    note(outsider, "Tidak memilih ringkasan")
    # The operator chose it but has nothing new.

    assert run() == "Ringkasan dikirim: 1 e-mail, 2 notifikasi.\n"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject) == (["penyuluh@example.go.id"], "Registri WKSBM: 2 notifikasi baru")
    assert "- Data dikembalikan: WKSBM: Ngudi Rahayu — Lengkapi SK.\n  https://wksbm.dinsos.example.go.id/wksbm/7/" in (
        message.body
    )
    assert "https://wksbm.dinsos.example.go.id/pemutakhiran/3/" in message.body
    assert "Sudah dibaca" not in message.body
    assert message.content_subtype == "plain"


def test_nothing_is_sent_twice_and_only_whats_new_goes_next_time(penyuluh):
    opted_in(penyuluh, "penyuluh@example.go.id")
    first = note(penyuluh, "Yang pertama")

    run()
    assert run() == "Ringkasan dikirim: 0 e-mail, 0 notifikasi.\n"
    note(penyuluh, "Yang kedua")
    run()

    assert [("Yang pertama" in m.body, "Yang kedua" in m.body) for m in mail.outbox] == [(True, False), (False, True)]
    first.refresh_from_db()
    assert first.emailed_at is not None and first.read_at is None


def test_an_inactive_user_or_one_who_stopped_gets_nothing(penyuluh, operator):
    opted_in(penyuluh, "penyuluh@example.go.id")
    opted_in(operator, "operator@example.go.id")
    penyuluh.is_active = False
    penyuluh.save()
    digest_choice_set(by=operator, wanted=False)
    note(penyuluh, "Untuk penyuluh")
    note(operator, "Untuk operator")

    assert send_digest().sent == 0
    assert mail.outbox == []
    assert PetugasProfile.objects.get(user=operator).email_digest is False


def test_a_message_that_cannot_be_sent_stays_for_the_next_time(settings, penyuluh, operator, monkeypatch):
    opted_in(penyuluh, "penyuluh@example.go.id")
    opted_in(operator, "operator@example.go.id")
    waiting = note(penyuluh, "Untuk penyuluh")
    note(operator, "Untuk operator")
    from django.core.mail.backends.locmem import EmailBackend

    sent = EmailBackend.send_messages

    def refuse_the_penyuluh(self, messages):
        if messages[0].to == ["penyuluh@example.go.id"]:
            raise ConnectionRefusedError("server surat menolak")
        return sent(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_the_penyuluh)

    with pytest.raises(CommandError, match="1 ringkasan gagal dikirim"):
        run()

    assert [m.to for m in mail.outbox] == [["operator@example.go.id"]]
    waiting.refresh_from_db()
    assert waiting.emailed_at is None


def settings_in(**environment) -> list[str]:
    """EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL and SITE_URL as the application
    reads them from `environment` (in a fresh process, as a server starts)."""
    names = ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL", "SITE_URL"]
    code = f"from django.conf import settings as s; print('|'.join(str(getattr(s, n)) for n in {names!r}))"
    unset = ("DATABASE_URL", "EMAIL_URL", "DEFAULT_FROM_EMAIL", "SITE_URL")
    base = {k: v for k, v in os.environ.items() if k not in unset}
    command = [sys.executable, "manage.py", "shell", "--no-imports", "-c", code]
    result = subprocess.run(command, cwd=ROOT, env={**base, **environment}, capture_output=True, text=True)
    return result.stdout.strip().split("|")


def test_mail_goes_to_the_console_unless_the_environment_names_a_server():
    backend, _host, _port, _tls, sender, site = settings_in()
    assert (backend, sender, site) == (
        "django.core.mail.backends.console.EmailBackend",
        "Registri WKSBM <noreply@localhost>",
        "http://127.0.0.1:8000",
    )
    assert settings_in(
        EMAIL_URL="smtp+tls://dinsos:rahasia@smtp.example.go.id:587",
        DEFAULT_FROM_EMAIL="Dinas Sosial DIY <wksbm@example.go.id>",
        SITE_URL="https://wksbm.example.go.id/",
    ) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.go.id",
        "587",
        "True",
        "Dinas Sosial DIY <wksbm@example.go.id>",
        "https://wksbm.example.go.id",
    ]


def test_the_daily_notifications_run_as_the_service_runs_the_application():
    service = (ROOT / "deploy" / "wksbm.service").read_text().splitlines()
    notifications = (ROOT / "deploy" / "wksbm-notifications.service").read_text().splitlines()
    timer = (ROOT / "deploy" / "wksbm-notifications.timer").read_text().splitlines()
    alike = ("User=", "Group=", "WorkingDirectory=", "EnvironmentFile=", "NoNewPrivileges=", "ProtectSystem=")
    venv = next(line for line in service if line.startswith("ExecStart=")).split()[0].removesuffix("/bin/gunicorn")

    assert [line for line in notifications if line.startswith(alike)] == [
        line for line in service if line.startswith(alike)
    ]
    assert [line for line in notifications if line.startswith("ExecStart=")] == [
        f"{venv}/bin/python manage.py notify_period_deadlines",
        f"{venv}/bin/python manage.py send_notification_digest",
    ]
    assert [line for line in timer if line.startswith(("OnCalendar=", "Persistent="))] == [
        "OnCalendar=*-*-* 06:30:00 Asia/Jakarta",
        "Persistent=true",
    ]
