"""Uploads waiting for the admin's confirm step: kept in the temporary folder only while a preview can be confirmed."""

import os
import stat
import tempfile
import time

import pytest
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
    store_upload,
    upload_path,
)

HOUR = 60 * 60
PASSWORD = "Gunungkidul-2025!"
EXPIRED_AGE = (PREVIEW_LIFETIME + REMOVAL_MARGIN).total_seconds() + HOUR
STILL_CONFIRMABLE_AGE = PREVIEW_LIFETIME.total_seconds() - HOUR


@pytest.fixture(autouse=True)
def upload_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def aged(path, seconds: float):
    moment = time.time() - seconds
    os.utime(path, (moment, moment))
    return path


def stored(data: bytes) -> str:
    return store_upload(data, [1, 0, 0])


def test_an_upload_is_stored_under_its_prefix_readable_by_its_owner_only(upload_folder):
    name = stored(b"kode_wilayah;nama_wksbm\r\n")

    path = upload_folder / name
    assert name.startswith(PREFIX) and os.sep not in name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_upload(name).data == b"kode_wilayah;nama_wksbm\r\n"


def test_a_stored_name_is_always_read_inside_the_temporary_folder(upload_folder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / f"{PREFIX}rahasia"
    outside.write_bytes(b"[0, 0, 0]\noutside")
    (upload_folder / outside.name).write_bytes(b"[0, 0, 0]\ninside")

    assert upload_path(str(outside)) == str(upload_folder / outside.name)
    assert read_upload(str(outside)).data == b"inside"


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
