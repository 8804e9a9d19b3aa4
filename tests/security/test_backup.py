"""Backups (deploy/backup.sh, deploy/restore.sh): a dated pg_dump and an archive of MEDIA_ROOT beside it, rotated
to the newest BACKUP_KEEP; a restore brings back every record of every table after the database was wiped, and
every stored file as it was. The round trip needs PostgreSQL, as the
scripts do (CI runs the suite on PostgreSQL too); the refusals of restore.sh need only its pg_restore check."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from registry.enums import Role
from registry.models import ImportBatch, Wksbm
from tests.factories import ActivityReportFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.multiserver.servers import database_url as libpq_url

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL")


def database_url() -> str:
    """The test database as a libpq URL, as DATABASE_URL holds the production one."""
    return libpq_url(connection.settings_dict)


def run(script: str, *args: str, input: str | None = None, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DATABASE_URL": database_url() if connection.vendor == "postgresql" else "", **env}
    return subprocess.run(
        ["bash", str(DEPLOY / script), *args], env=environment, input=input, capture_output=True, text=True
    )


def every_record() -> dict[str, list[dict]]:
    """Every row of every table the project's models have, in primary key order."""
    return {
        model._meta.db_table: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        return cursor.fetchone()[0]


@on_postgresql
def test_a_backup_wiped_and_restored_gives_back_every_record_and_file(
    transactional_db, seeded, petugas, tmp_path, settings
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = str(media)
    photo = bytes(range(256)) * 40  # not text: the bytes must come back exactly
    stored = default_storage.save("lampiran/2026/05/foto-kegiatan.jpg", ContentFile(photo))
    default_storage.save("impor-menunggu/wksbm-impor-x", ContentFile(b"[1, 0, 0]\nwaiting, not a record"))
    for _ in range(3):
        membership = MembershipFactory()
        PengurusFactory(wksbm=membership.wksbm, nik="3403081203850001", phone="+6281234567890")
        ActivityReportFactory(wksbm=membership.wksbm)
    WksbmFactory(name="WKSBM Ngudi Rahayu")
    ImportBatch.objects.create(kind=ImportBatch.Kind.WKSBM, filename="daftar.csv", sha256="0" * 64, rows=1)
    petugas("operator", Role.KABUPATEN, "34.03")
    before = every_record()

    backups = tmp_path / "cadangan"
    backup = run("backup.sh", BACKUP_DIR=str(backups), MEDIA_ROOT=str(media))
    dump, archive = backup.stdout.splitlines()
    with connection.cursor() as cursor:  # the database lost: every table, sequence and extension gone
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    wiped = tables()
    default_storage.delete(stored)  # the files lost too, and one written since the backup
    default_storage.save("lampiran/2026/06/sesudah.jpg", ContentFile(b"after the backup"))
    restore = run("restore.sh", "--yes", dump, MEDIA_ROOT=str(media))

    assert (backup.returncode, backup.stderr) == (0, "")
    assert re.fullmatch(rf"{backups}/wksbm-(\d{{8}}-\d{{6}})\.dump", dump)
    assert archive == dump.removesuffix(".dump") + "-berkas.tar.gz"
    assert [oct(Path(path).stat().st_mode & 0o777) for path in (dump, archive)] == ["0o600", "0o600"]
    assert wiped == 0
    assert (restore.returncode, restore.stderr) == (0, "")
    after = every_record()
    assert sum(len(rows) for rows in before.values()) > 600  # 522 wilayah, the records, users, groups, history
    assert after == before
    assert sorted(str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()) == [stored]
    assert (media / stored).read_bytes() == photo


@on_postgresql
def test_backups_are_rotated_to_the_newest_ones(db, tmp_path):
    for stamp in ("20261128-011500", "20261129-011500", "20261130-011500"):
        (tmp_path / f"wksbm-{stamp}.dump").write_bytes(b"older")
    (tmp_path / "catatan.txt").write_text("not a backup: kept")

    result = run("backup.sh", BACKUP_DIR=str(tmp_path), BACKUP_KEEP="2")

    kept = sorted(path.name for path in tmp_path.iterdir())
    assert result.returncode == 0
    assert kept == ["catatan.txt", "wksbm-20261130-011500.dump", Path(result.stdout.strip()).name]
    assert oct(Path(result.stdout.strip()).stat().st_mode & 0o777) == "0o600"


@on_postgresql
def test_the_files_archives_are_rotated_with_the_dumps(db, tmp_path):
    backups, media = tmp_path / "cadangan", tmp_path / "media"
    media.mkdir()
    backups.mkdir()
    for stamp in ("20261129-011500", "20261130-011500"):
        (backups / f"wksbm-{stamp}.dump").write_bytes(b"older")
        (backups / f"wksbm-{stamp}-berkas.tar.gz").write_bytes(b"older")

    result = run("backup.sh", BACKUP_DIR=str(backups), BACKUP_KEEP="2", MEDIA_ROOT=str(media))

    new = [Path(path).name for path in result.stdout.splitlines()]
    assert result.returncode == 0
    assert sorted(path.name for path in backups.iterdir()) == sorted(
        ["wksbm-20261130-011500.dump", "wksbm-20261130-011500-berkas.tar.gz", *new]
    )


@on_postgresql
def test_restoring_files_without_media_root_is_refused_before_anything_changes(diy, tmp_path):
    (tmp_path / "media").mkdir()
    dump, archive = run("backup.sh", BACKUP_DIR=str(tmp_path), MEDIA_ROOT=str(tmp_path / "media")).stdout.split()
    WksbmFactory(name="WKSBM Baru")  # written after the backup: a restore would remove it

    result = run("restore.sh", "--yes", dump, MEDIA_ROOT="")

    assert (result.returncode, result.stderr) == (
        2,
        f"MEDIA_ROOT belum diisi: berkas dari {archive} tidak dapat dipulihkan\n",
    )
    assert list(Wksbm.objects.values_list("name", flat=True)) == ["WKSBM Baru"]


def test_a_backup_without_database_url_is_refused(tmp_path):
    result = run("backup.sh", BACKUP_DIR=str(tmp_path), DATABASE_URL="")

    assert result.returncode != 0
    assert "DATABASE_URL belum diisi" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_restoring_a_file_that_is_no_dump_is_refused(tmp_path):
    fake = tmp_path / "wksbm-20261201-011500.dump"
    fake.write_text("SELECT 1;")

    result = run("restore.sh", "--yes", str(fake), DATABASE_URL="postgres://nobody@127.0.0.1:1/none")

    assert (result.returncode, result.stderr.splitlines()[-1]) == (
        2,
        f"Bukan berkas cadangan pg_dump yang utuh: {fake}",
    )


@on_postgresql
def test_a_restore_not_confirmed_changes_nothing(diy, tmp_path):
    dump = run("backup.sh", BACKUP_DIR=str(tmp_path)).stdout.strip()
    WksbmFactory(name="WKSBM Baru")  # written after the backup: a restore would remove it

    result = run("restore.sh", dump, input="tidak\n")

    assert (result.returncode, result.stdout.strip().splitlines()[-1]) == (1, "Dibatalkan; tidak ada yang diubah.")
    assert list(Wksbm.objects.values_list("name", flat=True)) == ["WKSBM Baru"]
