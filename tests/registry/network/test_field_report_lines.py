"""An activity report's lines through the network: a fund line names the mitra it came from, an aid line can be a
referral to a mitra with the number of people referred; only mitra the user sees, offered from the WKSBM's ties."""

import datetime

import pytest
from django.urls import reverse

from registry.forms import ReportEditForm
from registry.models import ActivityKind, ActivityReport, AidPurpose, FundSource, Wilayah
from registry.services import wksbm as services
from tests.factories import WksbmFactory
from tests.registry.field.test_report_pages import report_data
from tests.registry.field.test_scoping import as_posted
from tests.registry.network.conftest import SEMANU_CANDIREJO
from tests.registry.network.factories import JejaringFactory, MitraFactory

pytestmark = pytest.mark.usefixtures("diy")

SLEMAN_DESA = "34.04.01.2001"


def pk(model, slug):
    return model.objects.get(slug=slug).pk


@pytest.fixture
def wksbm():
    return WksbmFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))


@pytest.fixture
def as_penyuluh(client, penyuluh):
    client.force_login(penyuluh)
    return client


def test_a_fund_line_names_its_mitra_and_an_aid_line_is_a_referral(as_penyuluh, wksbm):
    baznas = JejaringFactory(wksbm=wksbm, mitra__name="Baznas Gunungkidul").mitra
    puskesmas = JejaringFactory(wksbm=wksbm, mitra__name="Puskesmas Semanu").mitra
    data = report_data(
        **{
            "dana-0-source": pk(FundSource, "csr"),
            "dana-0-amount": "2.000.000",
            "dana-0-mitra": baznas.pk,
            "bantuan-0-purpose": pk(AidPurpose, "kesehatan"),
            "bantuan-0-amount": "0",
            "bantuan-0-beneficiaries": "5",
            "bantuan-0-referred_to": puskesmas.pk,
            "bantuan-0-referred_count": "5",
        }
    )

    response = as_penyuluh.post(reverse("report_create", args=[wksbm.pk]), data)

    report = ActivityReport.objects.get()
    assert response.status_code == 302
    assert [(line.mitra, line.amount) for line in report.collections.all()] == [(baznas, 2_000_000)]
    assert [(line.referred_to, line.referred_count) for line in report.distributions.all()] == [(puskesmas, 5)]
    for page in ("wksbm_detail", "wksbm_profile"):
        html = as_penyuluh.get(reverse(page, args=[wksbm.pk])).content.decode()
        assert ("dari Baznas Gunungkidul" in html, "5 dirujuk ke Puskesmas Semanu" in html) == (True, True), page


def test_the_mitra_offered_are_those_the_wksbm_has_ties_with(as_penyuluh, wksbm):
    tied = JejaringFactory(wksbm=wksbm, mitra__name="Baznas Gunungkidul").mitra
    MitraFactory(name="Mitra Tanpa Jejaring")

    response = as_penyuluh.get(reverse("report_create", args=[wksbm.pk]))

    choices = response.context["funds"].forms[0].fields["mitra"].widget.choices
    assert [label for _value, label in choices] == ["— tidak ada —", tied.name]


def test_without_ties_the_lines_offer_no_mitra(as_penyuluh, wksbm):
    response = as_penyuluh.get(reverse("report_create", args=[wksbm.pk]))

    assert "mitra" not in response.context["funds"].forms[0].fields
    assert "referred_count" not in response.context["aid"].forms[0].fields


def test_a_mitra_the_user_does_not_see_is_refused(as_penyuluh, wksbm):
    JejaringFactory(wksbm=wksbm)
    hidden = MitraFactory(name="Baznas Sleman", level="desa", wilayah=Wilayah.objects.get(code=SLEMAN_DESA))
    data = report_data(**{"dana-0-source": pk(FundSource, "csr"), "dana-0-amount": "1.000", "dana-0-mitra": hidden.pk})

    response = as_penyuluh.post(reverse("report_create", args=[wksbm.pk]), data)

    assert response.context["funds"].forms[0].errors["mitra"] == ["Pilih mitra dari daftar."]
    assert ActivityReport.objects.count() == 0


def test_a_referral_count_without_a_mitra_is_refused_next_to_the_mitra(as_penyuluh, wksbm):
    JejaringFactory(wksbm=wksbm)
    data = report_data(
        **{
            "bantuan-0-purpose": pk(AidPurpose, "kesehatan"),
            "bantuan-0-amount": "0",
            "bantuan-0-referred_count": "3",
        }
    )

    response = as_penyuluh.post(reverse("report_create", args=[wksbm.pk]), data)

    assert response.context["aid"].forms[0].errors["referred_to"] == [
        "Jumlah orang dirujuk diisi bersama mitra tujuan rujukan."
    ]
    assert ActivityReport.objects.count() == 0


def test_a_corrected_report_keeps_or_changes_its_mitra(as_penyuluh, wksbm):
    baznas = JejaringFactory(wksbm=wksbm, mitra__name="Baznas Gunungkidul").mitra
    report = services.report_create(
        by=None,
        wksbm=wksbm,
        date=datetime.date(2025, 6, 17),
        kind=ActivityKind.objects.get(slug="rapat"),
        collected=[(FundSource.objects.get(slug="csr"), 1000, baznas)],
    )
    url = reverse("report_edit", args=[wksbm.pk, report.pk])
    page = as_penyuluh.get(url)
    line = page.context["funds"].forms[0]
    data = as_posted(ReportEditForm.initial_for(report)) | {"description": "Dana CSR"}
    data |= {
        "dana-TOTAL_FORMS": "2",
        "dana-INITIAL_FORMS": "1",
        "bantuan-TOTAL_FORMS": "3",
        "bantuan-INITIAL_FORMS": "0",
    }
    data |= {"dana-0-source": line["source"].value(), "dana-0-amount": "1.000", "dana-0-mitra": ""}

    as_penyuluh.post(url, data)

    collection = report.collections.get()
    assert line["mitra"].value() == baznas.pk
    assert (collection.amount, collection.mitra) == (1000, None)
