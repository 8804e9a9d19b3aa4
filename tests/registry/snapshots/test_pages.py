"""The snapshot pages: freezing from the rekap ("Bekukan rekap"), the list of the user's area, a snapshot's page with
its banner, its print and its download (formula-safe); scoped as the rekap is (a kabupaten operator sees the
snapshots of the kabupaten and its kecamatan, not the province's); the penyuluh reads but does not freeze; the admin
shows a snapshot read-only and lets only a superuser delete one, with history."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from registry.enums import Role
from registry.models import ActivityKind, FundSource, RekapSnapshot
from registry.reports.snapshots import freeze_rekap
from registry.services.petugas import petugas_save
from registry.services.wksbm import report_create
from tests.registry.reports.conftest import recent, ref
from tests.registry.snapshots.conftest import GUNUNGKIDUL, PASSWORD, SEMANU, SLEMAN, client_of


def freeze_page(code: str) -> str:
    return f"{reverse('rekap_snapshot_freeze')}?wilayah={code}"


def test_the_rekap_page_offers_freezing_to_whoever_may_freeze(world, operator, penyuluh):
    offered = client_of(operator).get(reverse("rekap"), {"wilayah": SEMANU}).content.decode()
    not_offered = client_of(penyuluh).get(reverse("rekap"), {"wilayah": SEMANU}).content.decode()

    assert (freeze_page(SEMANU) in offered, freeze_page(SEMANU) in not_offered) == (True, False)
    assert ("Rekap beku" in offered, "Rekap beku" in not_offered) == (True, True)


def test_an_operator_freezes_the_rekap_of_their_area_from_its_page(world, operator):
    client = client_of(operator)
    form = client.get(freeze_page(SEMANU))
    token = form.context["form"]["form_token"].value()

    response = client.post(freeze_page(SEMANU), {"form_token": token, "title": "Rekap Pemutakhiran 2027", "note": ""})

    snapshot = RekapSnapshot.objects.get()
    assert (response.status_code, response.url) == (302, reverse("rekap_snapshot", args=[snapshot.pk]))
    assert (snapshot.wilayah_id, snapshot.frozen_by) == (SEMANU, operator)
    page = client.get(response.url).content.decode()
    assert "Dibekukan pada" in page and f"oleh {snapshot.frozen_by_name}" in page
    assert snapshot.printed_html in page
    # Sent twice, frozen once.
    client.post(freeze_page(SEMANU), {"form_token": token, "title": "Rekap Pemutakhiran 2027", "note": ""})
    assert RekapSnapshot.objects.count() == 1


def test_freezing_without_a_title_loses_nothing_typed(world, operator):
    client = client_of(operator)
    token = client.get(freeze_page(SEMANU)).context["form"]["form_token"].value()

    response = client.post(freeze_page(SEMANU), {"form_token": token, "title": "", "note": "Catatan panjang"})

    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Isi judul rekap beku."]
    assert "Catatan panjang" in response.content.decode()
    assert RekapSnapshot.objects.count() == 0


def test_freezing_is_refused_to_the_penyuluh_and_outside_the_area(world, operator, penyuluh):
    assert client_of(penyuluh).get(freeze_page(SEMANU)).status_code == 403
    assert client_of(penyuluh).post(freeze_page(SEMANU), {"title": "x"}).status_code == 403
    assert client_of(operator).get(freeze_page(SLEMAN)).status_code == 404
    assert client_of(operator).post(freeze_page(SLEMAN), {"title": "x"}).status_code == 404
    assert RekapSnapshot.objects.count() == 0


def test_a_user_of_several_areas_freezes_one_wilayah_at_a_time(world, diy):
    user = petugas_save(
        by=None, username="dua-wilayah", role=Role.KABUPATEN, area_codes=[GUNUNGKIDUL, SLEMAN], password=PASSWORD
    )[0]
    client = client_of(user)
    form = client.get(reverse("rekap_snapshot_freeze"))
    token = form.context["form"]["form_token"].value()

    response = client.post(reverse("rekap_snapshot_freeze"), {"form_token": token, "title": "Rekap"})

    assert "Pilih satu wilayah pada halaman rekap" in form.content.decode()
    assert (response.status_code, RekapSnapshot.objects.count()) == (200, 0)
    assert "Pilih satu wilayah untuk dibekukan." in response.content.decode()


SNAPSHOT_PAGES = ("rekap_snapshot", "rekap_snapshot_print", "rekap_snapshot_export", "rekap_snapshot_compare")


@pytest.fixture
def snapshots(world, provinsi, operator):
    """A snapshot of the province, of Gunungkidul and of Semanu."""
    return {
        code: freeze_rekap(by=provinsi, area_code=code, title=f"Rekap {code}") for code in ("34", GUNUNGKIDUL, SEMANU)
    }


@pytest.mark.parametrize(
    ("who", "seen"),
    [
        ("provinsi", {"34", GUNUNGKIDUL, SEMANU}),
        ("operator", {GUNUNGKIDUL, SEMANU}),
        ("penyuluh", {SEMANU}),
        ("sleman_operator", set()),
    ],
)
def test_a_user_sees_the_snapshots_of_their_area_and_what_lies_under_it(request, snapshots, who, seen):
    client = client_of(request.getfixturevalue(who))

    listed = client.get(reverse("rekap_snapshots")).context["page"].object_list
    assert {snapshot.wilayah_id for snapshot in listed} == seen
    for code, snapshot in snapshots.items():
        for name in SNAPSHOT_PAGES:
            expected = 200 if code in seen else 404
            assert client.get(reverse(name, args=[snapshot.pk])).status_code == expected, (name, code)


def test_the_list_narrows_to_a_wilayah_and_what_lies_under_it(snapshots, provinsi):
    listed = client_of(provinsi).get(reverse("rekap_snapshots"), {"wilayah": GUNUNGKIDUL}).context["page"]

    assert {snapshot.wilayah_id for snapshot in listed} == {GUNUNGKIDUL, SEMANU}


def test_the_download_is_formula_safe(world, operator):
    rumus = FundSource.objects.create(name='=HYPERLINK("http://contoh.invalid")', slug="rumus")
    report_create(
        by=None,
        wksbm=world["candirejo"],
        date=recent(),
        kind=ref(ActivityKind, "penghimpunan-dana"),
        collected=[(rumus, 1)],
    )
    snapshot = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title="Rekap")

    response = client_of(operator).get(reverse("rekap_snapshot_export", args=[snapshot.pk]), {"format": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")

    assert response["Content-Disposition"].startswith(f'attachment; filename="rekap-beku-{GUNUNGKIDUL}-')
    assert '\'=HYPERLINK(""http://contoh.invalid"")' in content
    assert ";=HYPERLINK" not in content


def test_the_admin_shows_a_snapshot_read_only_and_only_a_superuser_deletes_one(snapshots, provinsi):
    snapshot = snapshots[SEMANU]
    change = reverse("admin:registry_rekapsnapshot_change", args=[snapshot.pk])
    delete = reverse("admin:registry_rekapsnapshot_delete", args=[snapshot.pk])
    admin_provinsi = client_of(provinsi)
    assert admin_provinsi.get(change).status_code == 200
    assert admin_provinsi.post(change, {"title": "Diubah"}).status_code == 403
    assert admin_provinsi.post(delete, {"post": "yes"}).status_code == 403

    root = User.objects.create_superuser("root", "root@contoh.invalid", "Gunungkidul-2025!")
    assert client_of(root).post(delete, {"post": "yes"}).status_code == 302

    assert not RekapSnapshot.objects.filter(pk=snapshot.pk).exists()
    assert [(h.history_type, h.history_user) for h in RekapSnapshot.history.filter(id=snapshot.pk)] == [
        ("-", root),
        ("+", provinsi),
    ]


def test_the_admin_freezes_through_the_service(world, operator):
    client = client_of(operator)

    response = client.post(
        reverse("admin:registry_rekapsnapshot_add"), {"wilayah": SEMANU, "title": "Rekap dari admin", "note": ""}
    )

    snapshot = RekapSnapshot.objects.get()
    assert response.status_code == 302
    assert (snapshot.wilayah_id, snapshot.frozen_by, snapshot.title) == (SEMANU, operator, "Rekap dari admin")
    assert "Rekap WKSBM" in snapshot.printed_html
