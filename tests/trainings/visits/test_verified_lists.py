"""The rekap's lists of visits and their follow-ups follow the "hanya data terverifikasi" switch: a visit a penyuluh
recorded waits for an operator, and with its follow-ups is left out of the verified lists."""

import datetime

import pytest

from registry.models import Wilayah
from registry.reports.area import rekap_area
from registry.reports.tables import list_table
from tests.factories import WksbmFactory
from tests.registry.network.conftest import operator  # noqa: F401 (an operator of Gunungkidul)
from tests.registry.verification.conftest import GUNUNGKIDUL, SEMANU_CANDIREJO
from trainings import visit_services
from trainings.models import VisitKind

pytestmark = pytest.mark.usefixtures("diy")


def record(by, wksbm, name: str):
    return visit_services.visit_create(
        by=by,
        wksbm=wksbm,
        kind=VisitKind.objects.get(slug="supervisi"),
        date=datetime.date(2025, 6, 17),
        visitor_name=name,
        visitor_role="psm",
        follow_ups=[{"what": f"Tindak lanjut {name}", "responsible": "Ketua", "due_on": datetime.date(2025, 7, 1)}],
    )


def test_a_waiting_visit_and_its_follow_ups_are_left_out_of_the_verified_lists(penyuluh, operator):  # noqa: F811
    wksbm = WksbmFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    record(operator, wksbm, "Operator")
    waiting = record(penyuluh, wksbm, "Penyuluh")

    def rows(slug, column, verified_only):
        area = rekap_area(operator, GUNUNGKIDUL, verified_only=verified_only)
        return sorted(str(row[column]) for row in list_table(area, slug, phones=True).rows)

    waiting.refresh_from_db()
    assert waiting.verification == "menunggu"
    assert rows("tindak-lanjut", "tindak_lanjut", False) == ["Tindak lanjut Operator", "Tindak lanjut Penyuluh"]
    assert rows("tindak-lanjut", "tindak_lanjut", True) == ["Tindak lanjut Operator"]
    assert len(rows("kunjungan", "tanggal_kunjungan", False)) == 2
    assert len(rows("kunjungan", "tanggal_kunjungan", True)) == 1
