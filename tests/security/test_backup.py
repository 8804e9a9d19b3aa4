"""Backups (deploy/backup.sh, deploy/restore.sh): a dated pg_dump, rotated to the newest BACKUP_KEEP; a restore
brings back every record of every table after the database was wiped. The round trip needs PostgreSQL, as the
scripts do (CI runs the suite on PostgreSQL too); the refusals of restore.sh need only its pg_restore check."""

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import connection

from registry.enums import Role
from registry.models import ImportBatch, Wksbm
from tests.factories import ActivityReportFactory, MembershipFactory, PengurusFactory, WksbmFactory

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL")


def database_url() -> str:
    """The test database as a libpq URL, as DATABASE_URL holds the production one."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}:{port}/{db['NAME']}"


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
def test_a_backup_wiped_and_restored_gives_back_every_record(transactional_db, seeded, petugas, tmp_path):
    for _ in range(3):
        membership = MembershipFactory()
        PengurusFactory(wksbm=membership.wksbm, nik="3403081203850001", phone="+6281234567890")
        ActivityReportFactory(wksbm=membership.wksbm)
    WksbmFactory(name="WKSBM Ngudi Rahayu")
    ImportBatch.objects.create(kind=ImportBatch.Kind.WKSBM, filename="daftar.csv", sha256="0" * 64, rows=1)
    petugas("operator", Role.KABUPATEN, "34.03")
    before = every_record()

    backup = run("backup.sh", BACKUP_DIR=str(tmp_path))
    with connection.cursor() as cursor:  # the database lost: every table, sequence and extension gone
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    wiped = tables()
    restore = run("restore.sh", "--yes", backup.stdout.strip())

    assert (backup.returncode, backup.stderr) == (0, "")
    assert re.fullmatch(rf"{tmp_path}/wksbm-\d{{8}}-\d{{6}}\.dump\n", backup.stdout)
    assert wiped == 0
    assert (restore.returncode, restore.stderr) == (0, "")
    after = every_record()
    assert sum(len(rows) for rows in before.values()) > 600  # 522 wilayah, the records, users, groups, history
    assert after == before


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
