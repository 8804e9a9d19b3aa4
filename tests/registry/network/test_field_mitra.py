"""A mitra's page on the field: who sees it, what it shows (phones masked for read-only roles, ties and flows
within the area), and correcting it and its contacts for those whose area holds its seat."""

import datetime
import uuid

import pytest
from django.urls import reverse

from registry.enums import Role
from registry.forms.network import ContactEditForm, MitraEditForm
from registry.models import ActivityKind, AidPurpose, FundSource, Wilayah
from registry.network import services
from registry.services import wksbm as wksbm_services
from tests.factories import WksbmFactory
from tests.registry.field.test_scoping import as_posted
from tests.registry.network.conftest import GUNUNGKIDUL, SEMANU_CANDIREJO, SEMIN_CANDIREJO
from tests.registry.network.factories import JejaringFactory, MitraContactFactory, MitraFactory

pytestmark = pytest.mark.usefixtures("diy")

SLEMAN_DESA = "34.04.01.2001"


def place(code):
    return Wilayah.objects.get(code=code)


def report(wksbm, *, mitra, amount, referred):
    wksbm_services.report_create(
        by=None,
        wksbm=wksbm,
        date=datetime.date(2025, 6, 17),
        kind=ActivityKind.objects.get(slug="rapat"),
        collected=[(FundSource.objects.get(slug="csr"), amount)],
        distributed=[(AidPurpose.objects.get(slug="kesehatan"), 0, 0)],
    )
    line = wksbm.reports.get().collections.get()
    line.mitra = mitra
    line.save()
    aid = wksbm.reports.get().distributions.get()
    aid.referred_to, aid.referred_count = mitra, referred
    aid.save()


@pytest.fixture
def mitra():
    mitra = MitraFactory(name="Puskesmas Semanu", level="kecamatan", wilayah=place(SEMANU_CANDIREJO))
    MitraContactFactory(mitra=mitra, name="dr. Ratna", phone="+6281234567890")
    return mitra


def test_the_page_shows_contacts_ties_and_flows_within_the_area(client, penyuluh, mitra):
    inside = WksbmFactory(name="WKSBM Candirejo", wilayah=place(SEMANU_CANDIREJO))
    outside = WksbmFactory(name="WKSBM Semin Rahasia", wilayah=place(SEMIN_CANDIREJO))
    JejaringFactory(wksbm=inside, mitra=mitra)
    JejaringFactory(wksbm=outside, mitra=mitra)
    report(inside, mitra=mitra, amount=500_000, referred=3)
    report(outside, mitra=mitra, amount=9_000_000, referred=40)
    client.force_login(penyuluh)

    response = client.get(reverse("mitra_detail", args=[mitra.pk]))

    body = response.content.decode()
    assert [tie.wksbm.name for tie in response.context["ties"]] == ["WKSBM Candirejo"]
    assert "WKSBM Semin Rahasia" not in body
    assert (response.context["funds"]["total"], response.context["referrals"]["people"]) == (500_000, 3)
    assert "0812-3456-7890" in body
    assert reverse("mitra_edit", args=[mitra.pk]) in body


def test_a_pimpinan_reads_the_phones_masked_and_gets_no_edit_links(client, make_user, mitra):
    client.force_login(make_user("pimpinan", Role.PIMPINAN, GUNUNGKIDUL))

    body = client.get(reverse("mitra_detail", args=[mitra.pk])).content.decode()

    assert "0812-3456-7890" not in body
    assert "dr. Ratna" in body
    assert reverse("mitra_edit", args=[mitra.pk]) not in body


def test_a_mitra_outside_for_user_answers_404_on_every_page(client, penyuluh):
    hidden = MitraFactory(name="BUMDes Sleman", level="desa", wilayah=place(SLEMAN_DESA))
    contact = MitraContactFactory(mitra=hidden)
    client.force_login(penyuluh)

    statuses = [
        client.get(reverse(name, args=args)).status_code
        for name, args in [
            ("mitra_detail", [hidden.pk]),
            ("mitra_edit", [hidden.pk]),
            ("contact_add", [hidden.pk]),
            ("contact_edit", [hidden.pk, contact.pk]),
        ]
    ]

    assert statuses == [404, 404, 404, 404]


def test_a_mitra_seen_but_seated_elsewhere_is_read_only(client, penyuluh):
    baznas = MitraFactory(name="Baznas Gunungkidul", level="kabupaten", wilayah=place(SEMIN_CANDIREJO))
    client.force_login(penyuluh)

    page = client.get(reverse("mitra_detail", args=[baznas.pk]))
    edit = client.get(reverse("mitra_edit", args=[baznas.pk]))

    assert (page.status_code, page.context["may_change"], edit.status_code) == (200, False, 403)


def test_a_mitra_is_corrected_and_a_stale_form_answers_409(client, penyuluh, mitra):
    client.force_login(penyuluh)
    url = reverse("mitra_edit", args=[mitra.pk])
    opened = as_posted(MitraEditForm.initial_for(mitra))
    services.mitra_update(by=None, mitra=mitra, address="Jl. Operator")

    stale = client.post(url, opened | {"registration_number": "LKS/12"})
    mitra.refresh_from_db()
    fresh = client.post(url, as_posted(MitraEditForm.initial_for(mitra)) | {"registration_number": "LKS/12"})

    mitra.refresh_from_db()
    assert (stale.status_code, fresh.status_code) == (409, 302)
    assert (mitra.address, mitra.registration_number) == ("Jl. Operator", "LKS/12")
    assert mitra.history.first().history_user == penyuluh


def test_a_contact_is_added_once_and_corrected(client, penyuluh, mitra):
    client.force_login(penyuluh)
    data = {"form_token": str(uuid.uuid4()), "name": "Bidan Sari", "position": "Bidan", "phone": "0813 1111 2222"}

    client.post(reverse("contact_add", args=[mitra.pk]), data)
    client.post(reverse("contact_add", args=[mitra.pk]), data)
    sari = mitra.contacts.get(name="Bidan Sari")
    client.post(
        reverse("contact_edit", args=[mitra.pk, sari.pk]),
        as_posted(ContactEditForm.initial_for(sari)) | {"position": "Koordinator"},
    )

    sari.refresh_from_db()
    assert mitra.contacts.count() == 2
    assert (sari.position, sari.phone) == ("Koordinator", "+6281311112222")


def test_a_duplicate_name_in_the_same_wilayah_is_refused_next_to_the_name(client, penyuluh, mitra):
    other = MitraFactory(name="Puskesmas Pembantu", level="desa", wilayah=place(SEMANU_CANDIREJO))
    client.force_login(penyuluh)

    response = client.post(
        reverse("mitra_edit", args=[other.pk]),
        as_posted(MitraEditForm.initial_for(other)) | {"name": "puskesmas  semanu"},
    )

    assert response.context["form"].errors["name"] == ["Sudah ada mitra dengan nama ini di wilayah yang sama."]


@pytest.mark.parametrize("count", [1, 8])
def test_the_page_costs_the_same_queries_for_few_or_many_rows(
    client, penyuluh, mitra, django_assert_num_queries, count
):
    MitraContactFactory.create_batch(count, mitra=mitra)
    for _number in range(count):
        wksbm = WksbmFactory(wilayah=place(SEMANU_CANDIREJO))
        JejaringFactory(wksbm=wksbm, mitra=mitra)
        report(wksbm, mitra=mitra, amount=1000, referred=1)
    client.force_login(penyuluh)

    # Savepoint and release, session, user, areas, the mitra, its ties, funds, referrals, contacts, the
    # permissions (user's, groups') and whether its seat lies in the area; the attachments section two
    # (`{% attachment_section %}`: the mitra's attachments, and whether the user may add to them).
    with django_assert_num_queries(14 + 2):
        response = client.get(reverse("mitra_detail", args=[mitra.pk]))

    assert len(response.context["ties"]) == count
