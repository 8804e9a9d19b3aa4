"""`manage.py housekeeping`: handled forms past their retention, expired sessions and login failures past the
lockout's cool-off are removed; everything still of use stays, and a second run removes nothing more."""

import datetime
import io
import os
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from registry.models import FormSubmission
from registry.uploads.pending import PREFIX, PREVIEW_LIFETIME, REMOVAL_MARGIN
from tests.factories import AccessAttemptFactory, FormSubmissionFactory, SessionFactory

pytestmark = pytest.mark.django_db


def housekeeping(*args: str) -> list[str]:
    output = io.StringIO()
    call_command("housekeeping", *args, stdout=output)
    return output.getvalue().splitlines()


def form_sent(days_ago: float) -> FormSubmission:
    submission = FormSubmissionFactory()
    FormSubmission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return submission


def session_expiring(hours_from_now: float) -> Session:
    return SessionFactory(expire_date=timezone.now() + datetime.timedelta(hours=hours_from_now))


def login_failed(minutes_ago: float) -> AccessAttempt:
    attempt = AccessAttemptFactory()
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    return attempt


def remaining(model) -> set:
    return set(model.objects.values_list("pk", flat=True))


def test_handled_forms_older_than_30_days_are_removed_and_recent_ones_kept():
    form_sent(days_ago=31)
    form_sent(days_ago=400)
    recent = [form_sent(days_ago=29), form_sent(days_ago=0)]

    lines = housekeeping()

    assert lines[0] == "Pengiriman formulir lebih dari 30 hari: 2 dihapus."
    assert remaining(FormSubmission) == {submission.pk for submission in recent}


@override_settings(FORM_SUBMISSION_RETENTION_DAYS=7)
def test_the_retention_setting_decides_which_handled_forms_are_old():
    form_sent(days_ago=8)
    kept = form_sent(days_ago=6)

    lines = housekeeping()

    assert lines[0] == "Pengiriman formulir lebih dari 7 hari: 1 dihapus."
    assert remaining(FormSubmission) == {kept.pk}


@override_settings(FORM_SUBMISSION_RETENTION_DAYS=0)
def test_a_retention_under_one_day_is_refused_and_nothing_is_removed():
    kept = form_sent(days_ago=2)

    with pytest.raises(CommandError) as refused:
        housekeeping()

    assert str(refused.value) == "FORM_SUBMISSION_RETENTION_DAYS paling sedikit 1 hari (sekarang 0)."
    assert remaining(FormSubmission) == {kept.pk}


def test_expired_sessions_are_removed_and_live_ones_kept():
    session_expiring(hours_from_now=-1)
    session_expiring(hours_from_now=-24 * 90)
    live = session_expiring(hours_from_now=7)

    lines = housekeeping()

    assert lines[1] == "Sesi kedaluwarsa: 2 dihapus."
    assert remaining(Session) == {live.pk}


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
def test_sessions_kept_outside_the_database_are_left_alone():
    expired = session_expiring(hours_from_now=-1)

    lines = housekeeping()

    assert lines[1] == "Sesi tidak disimpan di basis data: tidak ada yang perlu dihapus."
    assert remaining(Session) == {expired.pk}


def test_login_failures_past_the_cool_off_are_removed_and_recent_ones_kept():
    cool_off = settings.AXES_COOLOFF_TIME.total_seconds() / 60
    login_failed(minutes_ago=cool_off + 1)
    recent = login_failed(minutes_ago=cool_off - 1)

    lines = housekeeping()

    assert lines[2] == "Catatan gagal masuk yang melewati masa kunci: 1 dihapus."
    assert remaining(AccessAttempt) == {recent.pk}


def test_a_username_locked_out_now_stays_locked_out():
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "sutrisno", "password": "salah-sandi"}, REMOTE_ADDR="10.0.0.7")

    housekeeping()
    again = client.post("/accounts/login/", {"username": "sutrisno", "password": "salah-sandi"}, REMOTE_ADDR="10.0.0.7")

    assert again.status_code == 429


def test_a_dry_run_counts_every_kind_and_removes_nothing():
    old_form, old_session, old_failure = form_sent(days_ago=31), session_expiring(-1), login_failed(60 * 24)

    lines = housekeeping("--dry-run")

    assert lines == [
        "Uji coba (--dry-run): tidak ada yang dihapus.",
        "Pengiriman formulir lebih dari 30 hari: 1 akan dihapus.",
        "Sesi kedaluwarsa: 1 akan dihapus.",
        "Catatan gagal masuk yang melewati masa kunci: 1 akan dihapus.",
    ]
    assert (remaining(FormSubmission), remaining(Session), remaining(AccessAttempt)) == (
        {old_form.pk},
        {old_session.pk},
        {old_failure.pk},
    )


def test_running_again_removes_nothing_more():
    form_sent(days_ago=31)
    session_expiring(-1)
    login_failed(60 * 24)
    kept = form_sent(days_ago=1), session_expiring(1), login_failed(1)

    first = housekeeping()
    second = housekeeping()

    assert first == [
        "Pengiriman formulir lebih dari 30 hari: 1 dihapus.",
        "Sesi kedaluwarsa: 1 dihapus.",
        "Catatan gagal masuk yang melewati masa kunci: 1 dihapus.",
    ]
    assert second == [
        "Pengiriman formulir lebih dari 30 hari: 0 dihapus.",
        "Sesi kedaluwarsa: 0 dihapus.",
        "Catatan gagal masuk yang melewati masa kunci: 0 dihapus.",
    ]
    assert (remaining(FormSubmission), remaining(Session), remaining(AccessAttempt)) == tuple({row.pk} for row in kept)


def waiting_upload(folder, name: str, *, expired: bool):
    path = folder / f"{PREFIX}{name}"
    path.write_bytes(b"[1, 0, 0]\nkode_wilayah;nama_wksbm\r\n")
    age = (PREVIEW_LIFETIME + REMOVAL_MARGIN).total_seconds() + (60 if expired else -7200)
    os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_uploads_no_preview_can_confirm_any_more_are_removed_and_counted(upload_folder):
    waiting_upload(upload_folder, "lama", expired=True)
    confirmable = waiting_upload(upload_folder, "baru", expired=False)

    dry_run = housekeeping("--dry-run")
    files_after_dry_run = len(list(upload_folder.iterdir()))
    lines = housekeeping()

    assert dry_run[-1] == "Berkas unggahan yang pratinjaunya kedaluwarsa: 1 akan dihapus."
    assert files_after_dry_run == 2
    assert lines[-1] == "Berkas unggahan yang pratinjaunya kedaluwarsa: 1 dihapus."
    assert list(upload_folder.iterdir()) == [confirmable]
