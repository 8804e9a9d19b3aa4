"""Closing a period of pemutakhiran freezes the rekap of its area, verified data only, in the same transaction:
by the admin closing it, or by the system for a period whose last day has passed
(`close_pemutakhiran_periods`, daily). The snapshot's figures stay whatever is changed afterwards."""

import configparser
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from registry.models import PemutakhiranPeriod, RekapSnapshot
from registry.pemutakhiran import services
from registry.services import wksbm as wksbm_services
from tests.registry.pemutakhiran.conftest import GUNUNGKIDUL, SEMANU_CANDIREJO, SLEMAN, open_period, unit

pytestmark = pytest.mark.usefixtures("diy")


def breakdown_total(snapshot) -> list:
    """The last row of the snapshot's "Rekap per wilayah" (the total), as stored."""
    table = next(table for table in snapshot.tables if table["title"] == "Rekap per wilayah")
    return table["rows"][-1]


def test_closing_freezes_one_snapshot_of_verified_data_that_stays(admin_provinsi, penyuluh, operator):
    period = open_period(GUNUNGKIDUL, name="Pemutakhiran 2027")
    unit(name="WKSBM Lama")
    waiting = wksbm_services.wksbm_create(by=penyuluh, name="WKSBM Menunggu", wilayah=unit().wilayah)

    services.period_close(by=admin_provinsi, period=period)

    (snapshot,) = RekapSnapshot.objects.all()
    frozen = breakdown_total(snapshot)
    assert (snapshot.title, snapshot.wilayah_id, snapshot.verified_only) == (
        "Rekap Pemutakhiran 2027 (ditutup)",
        GUNUNGKIDUL,
        True,
    )
    assert (snapshot.frozen_by, snapshot.frozen_by_name) == (admin_provinsi, "admin_diy")
    # Two verified WKSBM (the waiting one is left out); the printed rekap and the download say which data.
    assert frozen[2] == 2
    assert "Data: hanya yang terverifikasi" in snapshot.printed_html
    assert snapshot.tables[0]["rows"] == [["Data: hanya yang terverifikasi"]]
    assert waiting.verification == "menunggu"

    unit(SEMANU_CANDIREJO, name="WKSBM Sesudahnya")
    wksbm_services.wksbm_update(by=operator, wksbm=waiting, name="WKSBM Diubah")

    assert breakdown_total(RekapSnapshot.objects.get()) == frozen
    assert RekapSnapshot.objects.count() == 1


def test_a_refused_close_freezes_nothing(admin_provinsi):
    period = open_period(GUNUNGKIDUL)
    services.period_close(by=admin_provinsi, period=period)

    with pytest.raises(Exception, match="sudah ditutup"):
        services.period_close(by=admin_provinsi, period=period)

    assert RekapSnapshot.objects.count() == 1


def test_the_command_closes_only_ended_periods_once_each(admin_provinsi):
    ended = open_period(GUNUNGKIDUL, starts=-40, ends=-1, name="Pemutakhiran Gunungkidul")
    running = open_period(SLEMAN, starts=-10, ends=20, name="Pemutakhiran Sleman")
    closed_early = open_period(GUNUNGKIDUL, starts=-90, ends=-60, name="Pemutakhiran lalu")
    services.period_close(by=admin_provinsi, period=closed_early)
    unit(name="WKSBM Gunungkidul")

    first, again = io.StringIO(), io.StringIO()
    call_command("close_pemutakhiran_periods", stdout=first)
    call_command("close_pemutakhiran_periods", stdout=again)

    ended.refresh_from_db()
    running.refresh_from_db()
    assert ended.closed_at is not None and ended.closed_by is None
    assert running.closed_at is None
    system = RekapSnapshot.objects.exclude(frozen_by=admin_provinsi)
    assert [(s.title, s.frozen_by, s.frozen_by_name, s.verified_only) for s in system] == [
        ("Rekap Pemutakhiran Gunungkidul (ditutup)", None, "sistem", True)
    ]
    assert breakdown_total(system.get())[2] == 1
    assert RekapSnapshot.objects.count() == 2
    assert "Pemutakhiran Gunungkidul (34.03) ditutup" in first.getvalue()
    assert again.getvalue().strip() == "Periode pemutakhiran yang ditutup: 0."
    assert PemutakhiranPeriod.objects.filter(closed_at__isnull=True).get() == running


def test_a_daily_timer_runs_the_command_as_the_housekeeping_runs():
    deploy = Path(__file__).resolve().parents[3] / "deploy"

    def unit(name):
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str
        parser.read(deploy / name)
        return parser

    service, housekeeping, timer = (
        unit(name) for name in ("wksbm-pemutakhiran.service", "wksbm-housekeeping.service", "wksbm-pemutakhiran.timer")
    )
    alike = ["Type", "User", "Group", "WorkingDirectory", "EnvironmentFile", "NoNewPrivileges", "ProtectSystem"]

    assert {key: service["Service"][key] for key in alike} == {key: housekeeping["Service"][key] for key in alike}
    assert service["Service"]["ExecStart"] == "/srv/wksbm/app/.venv/bin/python manage.py close_pemutakhiran_periods"
    assert (timer["Timer"]["OnCalendar"], timer["Timer"]["Persistent"]) == ("*-*-* 00:20:00", "true")
