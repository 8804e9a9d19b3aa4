"""Uploads waiting for the admin's confirm step: kept in the storage (MEDIA_ROOT/impor-menunggu/ or the bucket) only
while a preview can be confirmed."""

import os
import stat
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from registry.enums import Role
from registry.models import Wksbm
from registry.services.petugas import petugas_save
from registry.uploads.pending import (
    PREFIX,
    PREVIEW_LIFETIME,
    REMOVAL_MARGIN,
    read_upload,
    remove_expired_uploads,
    remove_upload,
    renew_upload,
    store_upload,
    upload_path,
)

HOUR = 60 * 60
PASSWORD = "Gunungkidul-2025!"
EXPIRED_AGE = (PREVIEW_LIFETIME + REMOVAL_MARGIN).total_seconds() + HOUR
STILL_CONFIRMABLE_AGE = PREVIEW_LIFETIME.total_seconds() - HOUR


def aged(path, seconds: float):
    moment = time.time() - seconds
    os.utime(path, (moment, moment))
    return path


def stored(data: bytes) -> str:
    return store_upload(data, [1, 0, 0])


def test_an_upload_is_stored_under_its_prefix_readable_by_its_owner_and_group_only(upload_folder):
    name = stored(b"kode_wilayah;nama_wksbm\r\n")

    path = upload_folder / name
    assert name.startswith(PREFIX) and os.sep not in name
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert read_upload(name).data == b"kode_wilayah;nama_wksbm\r\n"


def test_a_stored_name_is_always_read_inside_the_waiting_folder(upload_folder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / f"{PREFIX}rahasia"
    outside.write_bytes(b"[0, 0, 0]\noutside")
    (upload_folder / outside.name).write_bytes(b"[0, 0, 0]\ninside")

    assert default_storage.path(upload_path(str(outside))) == str(upload_folder / outside.name)
    assert read_upload(str(outside)).data == b"inside"
    assert read_upload("../../settings.py") is None


def test_the_waiting_uploads_work_on_any_storage_not_only_a_folder(settings):
    """What the S3 bucket gives too: save, open, rewrite, list with modification times, delete (Django's in-memory
    storage stands in for it here)."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    name = store_upload(b"kode_wilayah;nama_wksbm\r\n", [1, 0, 0])
    other = store_upload(b"lain", [0, 1, 0])

    renew_upload(name, [0, 0, 1])
    renewed = read_upload(name)
    remove_upload(other)
    kept_now = remove_expired_uploads()
    removed_tomorrow = remove_expired_uploads(time.time() + EXPIRED_AGE)

    assert (renewed.data, renewed.counts) == (b"kode_wilayah;nama_wksbm\r\n", [0, 0, 1])
    assert read_upload(other) is None
    assert (kept_now, removed_tomorrow, read_upload(name)) == (0, 1, None)


def waiting_file(folder, name: str, age: float):
    path = folder / name
    path.write_bytes(b"kode_wilayah;nama_wksbm\r\n")
    return aged(path, age)


def test_a_new_upload_removes_only_the_waiting_uploads_that_can_no_longer_be_confirmed(upload_folder):
    waiting_file(upload_folder, f"{PREFIX}lama", EXPIRED_AGE)
    confirmable = waiting_file(upload_folder, f"{PREFIX}kemarin", STILL_CONFIRMABLE_AGE)
    somebody_elses = waiting_file(upload_folder, "tmp-lain", EXPIRED_AGE)

    name = stored(b"baru")

    assert sorted(p.name for p in upload_folder.iterdir()) == sorted([confirmable.name, somebody_elses.name, name])


def test_removing_expired_uploads_counts_what_it_removed(upload_folder):
    for index in range(3):
        waiting_file(upload_folder, f"{PREFIX}{index}", EXPIRED_AGE if index else 0)

    assert remove_expired_uploads() == 2
    assert [p.name for p in upload_folder.iterdir()] == [f"{PREFIX}0"]


@pytest.mark.usefixtures("diy")
def test_an_admin_preview_clears_an_abandoned_preview_and_its_own_confirm_still_works(client, settings, upload_folder):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    operator, _new = petugas_save(
        by=None, username="wulan", role=Role.KABUPATEN, area_codes=["34.03"], password=PASSWORD
    )
    client.force_login(operator)
    abandoned = waiting_file(upload_folder, f"{PREFIX}ditinggal", EXPIRED_AGE)
    data = "kode_wilayah;nama_wksbm;status\r\n34.03.08.2004;WKSBM Ngudi Rahayu;aktif\r\n".encode("utf-8-sig")

    preview = client.post("/admin/registry/wksbm/import/", {"import_file": SimpleUploadedFile("daftar.csv", data)})
    waiting = [p.name for p in upload_folder.iterdir()]
    ticket = preview.context["confirm_form"].initial["ticket"]
    done = client.post("/admin/registry/wksbm/process_import/", {"ticket": ticket})

    assert len(waiting) == 1 and waiting[0].startswith(PREFIX) and waiting[0] != abandoned.name
    assert done.status_code == 302
    assert list(Wksbm.objects.values_list("name", flat=True)) == ["WKSBM Ngudi Rahayu"]
    assert list(upload_folder.iterdir()) == []
