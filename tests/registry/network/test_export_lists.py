"""Mitra and tie lists in the admin: upload, preview and confirm through the list pages, exports of the scoped and
filtered list that import back unchanged, phones masked for who does not work with them, the templates, and query
counts that do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.enums import MitraLevel, Role
from registry.exports.network_lists import JEJARING_COLUMNS, MITRA_COLUMNS
from registry.imports.headers import column_title
from registry.imports.plan import Action
from registry.models import ImportBatch, Jejaring, Mitra, Wilayah
from tests.factories import WksbmFactory, desa
from tests.registry.network.factories import JejaringFactory, MitraContactFactory, MitraFactory
from tests.registry.test_admin_import_export import confirm, exported, petugas, upload

pytestmark = pytest.mark.usefixtures("diy")

MITRA_LIST = "/admin/registry/mitra/"
TIE_LIST = "/admin/registry/jejaring/"
CSV, XLSX = "0", "1"


@pytest.fixture
def gunungkidul(client):
    client.force_login(petugas("wulan", Role.KABUPATEN, "34.03"))
    return client


def csv_lines(data: bytes) -> list[list[str]]:
    return [line.split(";") for line in data.decode("utf-8-sig").splitlines()]


@pytest.fixture
def network():
    """Gunungkidul's Baznas with a contact and its tie with a WKSBM of Candirejo, a university of the province, an
    LKS of Sleman, and a tie between the Candirejo WKSBM and one of Sleman."""
    ngudi = WksbmFactory(name="WKSBM Ngudi Rahayu")
    baznas = MitraFactory(name="Baznas Gunungkidul", wilayah=Wilayah.objects.get(code="34.03.01"))
    MitraContactFactory(mitra=baznas, name="Suparno", position="Ketua", phone="+6281234567890")
    MitraFactory(name="Universitas Gadjah Mada", level=MitraLevel.PROVINSI, wilayah=Wilayah.objects.get(code="34"))
    MitraFactory(name="LKS Condongcatur", wilayah=desa("34.04.07.2003"))
    sleman = WksbmFactory(name="WKSBM Condongcatur", wilayah=desa("34.04.07.2003"))
    return {
        "ngudi": ngudi,
        "baznas": JejaringFactory(wksbm=ngudi, mitra=baznas, basis_number="045/MoU/2024"),
        "sleman": JejaringFactory(wksbm=ngudi, mitra=None, partner_wksbm=sleman),
    }


@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
def test_a_mitra_export_holds_what_the_operator_sees_and_reimports_unchanged(gunungkidul, network, file_format):
    extension = {CSV: "csv", XLSX: "xlsx"}[file_format]

    response = gunungkidul.post(f"{MITRA_LIST}export/", {"format": file_format})
    preview = upload(gunungkidul, exported(response), name=f"mitra.{extension}", url=f"{MITRA_LIST}import/")

    plan = preview.context["plan"]
    # By seat, then name: the province's code (34) before the kabupaten's.
    assert [(row.values["nama_mitra"], row.action) for row in plan.rows] == [
        ("Universitas Gadjah Mada", Action.UNCHANGED),
        ("Baznas Gunungkidul", Action.UNCHANGED),
    ]
    assert plan.errors == []


def test_a_mitra_export_names_the_contact_and_masks_the_phone_for_a_pimpinan(client, network):
    client.force_login(petugas("pimpinan", Role.PIMPINAN, "34.03"))

    lines = csv_lines(exported(client.post(f"{MITRA_LIST}export/?q=baznas", {"format": CSV})))

    assert lines[0] == [column_title(name) for name in MITRA_COLUMNS]
    row = dict(zip(MITRA_COLUMNS, lines[1], strict=True))
    assert (row["narahubung"], row["jabatan_narahubung"], row["telepon_narahubung"]) == (
        "Suparno",
        "Ketua",
        "08******890",
    )


def test_a_tie_export_is_seen_from_the_users_area_and_leaves_out_a_wksbm_outside_it(gunungkidul, network):
    semin = WksbmFactory(name="WKSBM Sejahtera", wilayah=desa("34.03.12.2006"))
    # Stored with the lower id first: the Semin WKSBM (made later) is the partner of Ngudi Rahayu.
    JejaringFactory(wksbm=semin, mitra=None, partner_wksbm=network["ngudi"])

    lines = csv_lines(exported(gunungkidul.post(f"{TIE_LIST}export/", {"format": CSV})))

    assert lines[0] == [column_title(name) for name in JEJARING_COLUMNS]
    rows = [dict(zip(JEJARING_COLUMNS, line, strict=True)) for line in lines[1:]]
    assert sorted((row["nama_wksbm"], row["nama_mitra"], row["wksbm_mitra"]) for row in rows) == [
        ("WKSBM Ngudi Rahayu", "", "WKSBM Sejahtera"),
        ("WKSBM Ngudi Rahayu", "Baznas Gunungkidul", ""),
    ]


def test_a_tie_list_uploaded_in_the_admin_is_previewed_then_confirmed_in_one_batch(gunungkidul, network):
    header = "kode_wilayah;nama_wksbm;nama_mitra;kode_wilayah_mitra;jenis_jejaring;tanggal_mulai;tanggal_berakhir"
    rows = [
        "34.03.08.2004;WKSBM Ngudi Rahayu;Baznas Gunungkidul;34.03.01;kemitraan dana;15/01/2024;31/12/2025",
        "34.03.08.2004;WKSBM Ngudi Rahayu;Universitas Gadjah Mada;34;Pendampingan teknis;01/02/2025;",
    ]
    data = "\r\n".join([header, *rows]).encode("utf-8-sig")

    preview = upload(gunungkidul, data, url=f"{TIE_LIST}import/")
    done = confirm(gunungkidul, preview, f"{TIE_LIST}process_import/")

    batch = ImportBatch.objects.get()
    assert [row.action for row in preview.context["plan"].rows] == [Action.CHANGED, Action.NEW]
    assert (done.status_code, done.url) == (302, TIE_LIST)
    assert (batch.kind, batch.created, batch.updated, batch.unchanged) == ("jejaring", 1, 1, 0)
    assert Jejaring.objects.filter(mitra__name="Universitas Gadjah Mada").count() == 1
    assert Jejaring.history.filter(import_batch=batch).count() == 2


@pytest.mark.parametrize(("role", "area"), [(Role.PENYULUH, "34.03.08"), (Role.PIMPINAN, "34.03")])
def test_penyuluh_and_pimpinan_cannot_import_network_lists(client, role, area):
    client.force_login(petugas("petugas", role, area))

    statuses = [
        client.get(f"{MITRA_LIST}import/").status_code,
        client.post(f"{TIE_LIST}process_import/", {"ticket": "x"}).status_code,
        client.get(f"{MITRA_LIST}templat.csv").status_code,
    ]

    assert statuses == [403] * 3


def test_the_mitra_template_imports_as_a_new_mitra(gunungkidul):
    template = exported(gunungkidul.get(f"{MITRA_LIST}templat.csv"))

    preview = upload(gunungkidul, template, url=f"{MITRA_LIST}import/")
    confirm(gunungkidul, preview, f"{MITRA_LIST}process_import/")

    mitra = Mitra.objects.get()
    assert (mitra.name, mitra.kind.slug, mitra.reach, mitra.contacts.get().name) == (
        "Baznas Kabupaten Gunungkidul",
        "baznas-zakat",
        "34.03",
        "Suparno",
    )
    tie_template = exported(gunungkidul.get(f"{TIE_LIST}templat.csv"))
    WksbmFactory(name="WKSBM Ngudi Rahayu")
    tie_preview = upload(gunungkidul, tie_template, url=f"{TIE_LIST}import/")
    assert [(row.action, row.errors) for row in tie_preview.context["plan"].rows] == [(Action.NEW, [])]


@pytest.mark.parametrize("url", [MITRA_LIST, TIE_LIST])
def test_an_export_costs_the_same_queries_for_one_row_and_for_many(gunungkidul, url):
    def export_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            exported(gunungkidul.post(f"{url}export/", {"format": CSV}))
        return len(queries)

    JejaringFactory(mitra=MitraContactFactory().mitra)
    one = export_queries()
    for _ in range(20):
        JejaringFactory(mitra=MitraContactFactory().mitra)
    many = export_queries()

    assert (one, Mitra.objects.count()) == (many, 21)
