"""`manage.py housekeeping` deletes the attachments whose record is gone (with their files) and removes files under
`lampiran/` that no attachment names, once they are a day old; everything still named stays."""

import datetime
import io
import os
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from registry.attachments.orphans import UNNAMED_FILE_AGE, attachment_files_unnamed
from registry.attachments.services import add_attachment
from registry.models import Attachment
from tests.factories import ActivityReportFactory
from tests.registry.attachments import samples


def housekeeping(*args: str) -> list[str]:
    output = io.StringIO()
    call_command("housekeeping", *args, stdout=output)
    return output.getvalue().splitlines()


def attach(record, kind, uploader, data: bytes) -> Attachment:
    return add_attachment(record=record, kind=kind, title="Lampiran", upload=samples.upload("x", data), by=uploader)


def stray_file(media_root, name: str, *, hours_old: float) -> str:
    """A file saved under `name` in storage that no attachment names, last changed `hours_old` ago."""
    saved = default_storage.save(name, ContentFile(b"\xff\xd8\xff sisa"))
    age = time.time() - hours_old * 3600
    os.utime(media_root / saved, (age, age))
    return saved


def test_attachments_of_a_deleted_record_are_deleted_with_their_files_and_history(
    wksbm, kind, uploader, stored, django_capture_on_commit_callbacks
):
    report = ActivityReportFactory(wksbm=wksbm)
    kept = attach(wksbm, kind, uploader, samples.small_jpeg(1))
    orphaned = [
        attach(report, kind, uploader, samples.small_jpeg(2)),
        attach(report, kind, uploader, samples.pdf_bytes()),
    ]
    report.delete()

    dry_run = housekeeping("--dry-run")
    rows_after_dry_run = Attachment.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        lines = housekeeping()
    again = housekeeping()

    assert (dry_run[-1], rows_after_dry_run) == ("Lampiran yang datanya sudah dihapus: 2 akan dihapus.", 3)
    assert lines[-1] == "Lampiran yang datanya sudah dihapus: 2 dihapus."
    assert not any("Lampiran" in line for line in again)
    assert (list(Attachment.objects.all()), stored()) == ([kept], sorted([kept.file.name, kept.thumbnail.name]))
    assert [
        (row.history_type, row.history_user, row.history_change_reason)
        for row in Attachment.history.filter(id__in=[row.pk for row in orphaned], history_type="-")
    ] == [("-", None, "Data yang dilampiri sudah dihapus")] * 2


def test_files_no_attachment_names_are_removed_once_a_day_old(wksbm, kind, uploader, stored, media_root):
    kept = attach(wksbm, kind, uploader, samples.small_jpeg(1))
    old_file = os.path.join(media_root, kept.file.name)
    os.utime(old_file, (time.time() - 3 * 86400, time.time() - 3 * 86400))
    stray_file(media_root, "lampiran/2025/06/lama.jpg", hours_old=25)
    stray_file(media_root, "lampiran/kecil/2025/06/lama.jpg", hours_old=48)
    fresh = stray_file(media_root, "lampiran/2025/07/baru.jpg", hours_old=2)
    logo = stray_file(media_root, "kop/logo.png", hours_old=24 * 400)

    dry_run = housekeeping("--dry-run")
    files_after_dry_run = len(stored())
    lines = housekeeping()
    again = housekeeping()

    assert (dry_run[-1], files_after_dry_run) == ("Berkas lampiran tanpa data lampiran: 2 akan dihapus.", 6)
    assert lines[-1] == "Berkas lampiran tanpa data lampiran: 2 dihapus."
    assert not any("lampiran" in line for line in again)
    assert stored() == sorted([fresh, logo, kept.file.name, kept.thumbnail.name])


def test_an_empty_storage_is_fine(db):
    assert not any("ampiran" in line for line in housekeeping())


def test_the_age_of_an_unnamed_file_is_a_day(media_root, db):

    stray_file(media_root, "lampiran/2025/06/a.jpg", hours_old=23.9)
    stray_file(media_root, "lampiran/2025/06/b.jpg", hours_old=24.1)

    assert (UNNAMED_FILE_AGE, attachment_files_unnamed(now=timezone.now())) == (
        datetime.timedelta(days=1),
        ["lampiran/2025/06/b.jpg"],
    )
