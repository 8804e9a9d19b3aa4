"""Every field page is limited to the user's area: outside it a page answers 404 and a POST changes nothing.

The matrix runs over every URL of registry/urls.py (a test checks none is missing), for a Sleman operator
(another kabupaten) and a Semin penyuluh (the other Candirejo), against a WKSBM of Semanu's Candirejo while a
Semin WKSBM with its own board, members and report stands by to leak. Pimpinan read and never write.
"""

from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, reverse

from registry import urls as registry_urls
from registry.enums import Role
from registry.forms import KpsEditForm, MembershipEditForm, PengurusEditForm, ReportEditForm, WksbmEditForm
from registry.models import (
    ActivityKind,
    ActivityReport,
    AidDistribution,
    FormSubmission,
    FundCollection,
    Kps,
    KpsKind,
    KpsMembership,
    Pengurus,
    PengurusRole,
    Wksbm,
)
from tests.factories import KpsFactory
from tests.registry.field.conftest import SEMANU, SEMANU_CANDIREJO

pytestmark = pytest.mark.usefixtures("diy")


@pytest.fixture
def free_kps(wksbm):
    return KpsFactory(name="Posyandu Mawar", wilayah=wksbm.wilayah, kind=KpsKind.objects.get(slug="posyandu"))


def as_posted(initial: dict) -> dict:
    """An edit form's initial values as the browser sends them back unchanged."""
    return {key: "" if value is None else getattr(value, "pk", value) for key, value in initial.items()}


def pages(wksbm, free_kps):
    """(URL name, address, valid POST data or None for read-only pages) for every field page of `wksbm`."""
    pengurus = wksbm.pengurus.first()
    membership = wksbm.memberships.first()
    stored_report = wksbm.reports.first()
    token = {"form_token": "6f1c1c1e-8d5f-4a39-9a3e-1f0c8c2c7a11"}
    edit = as_posted(WksbmEditForm.initial_for(wksbm))
    report_edit = as_posted(ReportEditForm.initial_for(stored_report)) | {"description": "Diubah"}
    report_edit |= {"dana-TOTAL_FORMS": "3", "dana-INITIAL_FORMS": "0"}
    report_edit |= {"bantuan-TOTAL_FORMS": "3", "bantuan-INITIAL_FORMS": "0"}
    report = {"date": "17/06/2025", "kind": ActivityKind.objects.first().pk}
    report |= {"dana-TOTAL_FORMS": "3", "dana-INITIAL_FORMS": "0"}
    report |= {"bantuan-TOTAL_FORMS": "3", "bantuan-INITIAL_FORMS": "0", **token}
    ketua = PengurusRole.objects.get(slug="ketua").pk
    return [
        ("home", reverse("home"), None),
        ("attention", reverse("attention"), None),
        ("attention_export", reverse("attention_export") + "?format=csv", None),
        ("wksbm_detail", reverse("wksbm_detail", args=[wksbm.pk]), None),
        ("wksbm_edit", reverse("wksbm_edit", args=[wksbm.pk]), {**edit, "name": "Diubah"}),
        ("pengurus_add", reverse("pengurus_add", args=[wksbm.pk]), {"name": "Penyusup", "role": ketua, **token}),
        ("pengurus_end", reverse("pengurus_end", args=[wksbm.pk, pengurus.pk]), {"on": "01/01/2025"}),
        (
            "pengurus_edit",
            reverse("pengurus_edit", args=[wksbm.pk, pengurus.pk]),
            as_posted(PengurusEditForm.initial_for(pengurus)) | {"name": "Diubah"},
        ),
        (
            "kps_edit",
            reverse("kps_edit", args=[wksbm.pk, membership.pk]),
            as_posted(KpsEditForm.initial_for(membership.kps)) | {"name": "Diubah"},
        ),
        (
            "membership_edit",
            reverse("membership_edit", args=[wksbm.pk, membership.pk]),
            as_posted(MembershipEditForm.initial_for(membership)) | {"joined_on": "01/01/2020"},
        ),
        ("report_edit", reverse("report_edit", args=[wksbm.pk, stored_report.pk]), report_edit),
        ("report_remove", reverse("report_remove", args=[wksbm.pk, stored_report.pk]), {}),
        (
            "kps_create",
            reverse("kps_create", args=[wksbm.pk]),
            {"name": "KPS Penyusup", "kind": KpsKind.objects.first().pk, **token},
        ),
        ("kps_link", reverse("kps_link", args=[wksbm.pk]), {"kps": free_kps.pk, **token}),
        ("membership_end", reverse("membership_end", args=[wksbm.pk, membership.pk]), {"on": "01/01/2025"}),
        ("report_create", reverse("report_create", args=[wksbm.pk]), report),
        ("wksbm_profile", reverse("wksbm_profile", args=[wksbm.pk]), None),
        # The picture of the network of the WKSBM's kecamatan (registry/views/network_map.py).
        ("network_map", reverse("network_map", args=[SEMANU]), None),
        ("network_map_print", reverse("network_map_print", args=[SEMANU]), None),
        ("network_map_svg", reverse("network_map_svg", args=[SEMANU]), None),
        ("wksbm_create", reverse("wksbm_create"), {"wilayah": SEMANU_CANDIREJO, "name": "WKSBM Penyusup", **token}),
    ]


OBJECT_PAGES = [
    "wksbm_detail",
    "wksbm_edit",
    "pengurus_add",
    "pengurus_end",
    "pengurus_edit",
    "kps_create",
    "kps_link",
    "kps_edit",
    "membership_edit",
    "membership_end",
    "report_create",
    "report_edit",
    "report_remove",
    "wksbm_profile",
]
# The network picture of the WKSBM's kecamatan: read pages addressed by the wilayah (the access matrix has each role).
MAP_PAGES = ["network_map", "network_map_print", "network_map_svg"]
OBJECT_PAGES += MAP_PAGES
READ_PAGES = ["home", "wksbm_detail", "wksbm_profile"]


def snapshot(wksbm):
    """Everything a field page could change, to compare before and after."""
    models = (Wksbm, Pengurus, Kps, KpsMembership, ActivityReport, FundCollection, AidDistribution, FormSubmission)
    wksbm.refresh_from_db()
    return (
        {model.__name__: model.objects.count() for model in models},
        wksbm.name,
        wksbm.history.count(),
        list(Pengurus.objects.values_list("period_to", flat=True)),
        list(KpsMembership.objects.values_list("joined_on", "left_on")),
        list(Pengurus.objects.values_list("name", flat=True)),
        list(Kps.objects.values_list("name", flat=True)),
        list(ActivityReport.objects.values_list("description", flat=True)),
    )


def test_the_matrix_covers_every_field_page(wksbm, free_kps):
    named = {pattern.name for pattern in registry_urls.urlpatterns if isinstance(pattern, URLPattern) and pattern.name}

    assert {name for name, _, _ in pages(wksbm, free_kps)} == named
    assert set(OBJECT_PAGES) | {"home", "attention", "attention_export", "wksbm_create"} == named


@pytest.mark.parametrize("name", OBJECT_PAGES)
@pytest.mark.parametrize("who", ["outsider", "neighbour"])
def test_a_user_of_another_area_gets_404_and_changes_nothing(client, request, wksbm, leak, free_kps, name, who):
    client.force_login(request.getfixturevalue(who))
    address, data = next((url, data) for page, url, data in pages(wksbm, free_kps) if page == name)
    before = snapshot(wksbm)

    got = client.get(address)
    sent = client.post(address, data or {})

    assert (got.status_code, sent.status_code) == (404, 404)
    assert wksbm.name not in got.content.decode()
    assert snapshot(wksbm) == before


@pytest.mark.parametrize("who", ["outsider", "neighbour"])
def test_the_home_page_of_another_area_does_not_list_the_wksbm(client, request, wksbm, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert wksbm.name not in response.content.decode()
    assert list(response.context["page"]) == []


def test_the_penyuluh_of_the_area_sees_every_page_but_no_leak(as_penyuluh, wksbm, leak, free_kps):
    for name, address, _ in pages(wksbm, free_kps):
        response = as_penyuluh.get(address)

        assert response.status_code == 200, name
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        for secret in ("Candirejo Semin", "Rahasia Semin", "PKK Semin", "Posyandu Semin Bebas"):
            assert secret not in body, (name, secret)


def test_a_page_of_another_wksbm_cannot_be_reached_through_mine(as_penyuluh, wksbm, leak):
    """A pengurus, membership or report of the Semin WKSBM, addressed under the Semanu one, is not found."""
    theirs_pengurus, theirs_membership = leak.pengurus.first(), leak.memberships.first()
    theirs_report = leak.reports.first()
    before = snapshot(wksbm)

    responses = [
        as_penyuluh.post(reverse("pengurus_end", args=[wksbm.pk, theirs_pengurus.pk]), {"on": "01/01/2025"}),
        as_penyuluh.post(reverse("membership_end", args=[wksbm.pk, theirs_membership.pk]), {"on": "01/01/2025"}),
        as_penyuluh.post(
            reverse("pengurus_edit", args=[wksbm.pk, theirs_pengurus.pk]),
            as_posted(PengurusEditForm.initial_for(theirs_pengurus)) | {"name": "Diubah"},
        ),
        as_penyuluh.post(
            reverse("kps_edit", args=[wksbm.pk, theirs_membership.pk]),
            as_posted(KpsEditForm.initial_for(theirs_membership.kps)) | {"name": "Diubah"},
        ),
        as_penyuluh.post(reverse("membership_edit", args=[wksbm.pk, theirs_membership.pk]), {"joined_on": ""}),
        as_penyuluh.get(reverse("report_edit", args=[wksbm.pk, theirs_report.pk])),
        as_penyuluh.post(reverse("report_remove", args=[wksbm.pk, theirs_report.pk])),
    ]

    assert [r.status_code for r in responses] == [404] * 7
    assert snapshot(wksbm) == before


@pytest.mark.parametrize("name", [n for n in OBJECT_PAGES if n not in READ_PAGES + MAP_PAGES] + ["wksbm_create"])
def test_pimpinan_read_but_never_write(client, make_user, wksbm, free_kps, name):
    client.force_login(make_user("pimpinan", Role.PIMPINAN, SEMANU))
    address, data = next((url, data) for page, url, data in pages(wksbm, free_kps) if page == name)
    before = snapshot(wksbm)

    reads = [client.get(reverse(page, args=[wksbm.pk]) if page != "home" else "/").status_code for page in READ_PAGES]
    writes = (client.get(address).status_code, client.post(address, data).status_code)

    assert reads == [200] * len(READ_PAGES)
    assert writes == (403, 403)
    assert snapshot(wksbm) == before


def test_a_user_without_an_area_sees_nothing(client, make_user, wksbm):
    client.force_login(make_user("tanpa_wilayah", Role.PENYULUH))

    home = client.get(reverse("home"))
    detail = client.get(reverse("wksbm_detail", args=[wksbm.pk]))

    assert list(home.context["page"]) == []
    assert "Anda belum memiliki wilayah kerja" in home.content.decode()
    assert detail.status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, wksbm, free_kps):
    for name, address, data in pages(wksbm, free_kps):
        response = client.post(address, data) if data else client.get(address)

        assert response.status_code == 302, name
        assert response["Location"] == f"/accounts/login/?{urlencode({'next': address}, safe='/')}", name
