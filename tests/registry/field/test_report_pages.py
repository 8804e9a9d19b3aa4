"""Recording an activity with the funds collected and the help distributed, amounts typed as people write them."""

import datetime

import pytest
from django.urls import reverse

from registry import dates
from registry.models import ActivityKind, ActivityReport, AidPurpose, FundSource

pytestmark = pytest.mark.usefixtures("diy")

TOKEN = "7a7a7a7a-0000-4000-8000-000000000003"


def pk(model, slug):
    return model.objects.get(slug=slug).pk


def report_data(**values):
    """A report POST with three empty fund lines and three empty aid lines, plus `values`."""
    data = {"form_token": TOKEN, "date": "17/06/2025", "kind": pk(ActivityKind, "penyaluran-bantuan")}
    data |= {
        "dana-TOTAL_FORMS": "3",
        "dana-INITIAL_FORMS": "0",
        "bantuan-TOTAL_FORMS": "3",
        "bantuan-INITIAL_FORMS": "0",
    }
    return {**data, **values}


def test_an_activity_is_recorded_with_its_lines(as_penyuluh, penyuluh, wksbm):
    data = report_data(
        description="Santunan anak sekolah",
        **{
            "dana-0-source": pk(FundSource, "perantau"),
            "dana-0-amount": "Rp125.000.000",
            "dana-1-source": pk(FundSource, "swadaya"),
            "dana-1-amount": "125.000",
            "bantuan-0-purpose": pk(AidPurpose, "pendidikan"),
            "bantuan-0-amount": "Rp 2.500.000",
            "bantuan-0-beneficiaries": "10",
            "bantuan-2-purpose": pk(AidPurpose, "lansia"),
            "bantuan-2-amount": "0",
        },
    )

    response = as_penyuluh.post(reverse("report_create", args=[wksbm.pk]), data)

    report = ActivityReport.objects.filter(wksbm=wksbm).first()
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + f"#report-{report.pk}"
    assert (report.date, report.kind.slug, report.description) == (
        datetime.date(2025, 6, 17),
        "penyaluran-bantuan",
        "Santunan anak sekolah",
    )
    assert sorted((line.source.slug, line.amount) for line in report.collections.all()) == [
        ("perantau", 125_000_000),
        ("swadaya", 125_000),
    ]
    assert sorted((line.purpose.slug, line.amount, line.beneficiaries) for line in report.distributions.all()) == [
        ("lansia", 0, 0),
        ("pendidikan", 2_500_000, 10),
    ]
    assert report.history.get().history_user == penyuluh


def test_a_report_without_lines_is_fine(as_penyuluh, wksbm):
    response = as_penyuluh.post(
        reverse("report_create", args=[wksbm.pk]), report_data(kind=pk(ActivityKind, "aksi-sosial"))
    )

    report = ActivityReport.objects.get(wksbm=wksbm, kind__slug="aksi-sosial")
    assert response.status_code == 302
    assert (report.date, report.collections.count(), report.distributions.count()) == (datetime.date(2025, 6, 17), 0, 0)


def test_the_date_starts_at_today(as_penyuluh, wksbm):
    response = as_penyuluh.get(reverse("report_create", args=[wksbm.pk]))

    assert response.context["form"]["date"].value() == dates.today()
    assert len(response.context["funds"].forms) == 3
    assert len(response.context["aid"].forms) == 3


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"date": ""}, "date", "Isi tanggal kegiatan."),
        ({"date": "32/01/2025"}, "date", "Tulis tanggal seperti 17/06/2025."),
        ({"date": "01/01/2999"}, "date", "Tanggal kegiatan tidak boleh di masa depan."),
        ({"kind": ""}, "kind", "Pilih jenis kegiatan."),
        ({"kind": "9999"}, "kind", "Pilih jenis kegiatan dari daftar."),
    ],
)
def test_each_report_error_is_in_indonesian_next_to_its_field(as_penyuluh, wksbm, change, field, message):
    before = ActivityReport.objects.count()

    response = as_penyuluh.post(reverse("report_create", args=[wksbm.pk]), report_data(**change))

    assert response.context["form"].errors[field] == [message]
    assert f'<p class="error" id="id_{field}_error">' in response.content.decode()
    assert ActivityReport.objects.count() == before


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (
            {"dana-0-source": "perantau", "dana-0-amount": "banyak"},
            "dana-0-amount",
            "Tulis jumlah rupiah seperti 125.000 atau Rp125.000.",
        ),
        ({"dana-0-source": "perantau", "dana-0-amount": "-5.000"}, "dana-0-amount", "Jumlah tidak boleh negatif."),
        (
            {"dana-0-source": "perantau", "dana-0-amount": "12,5"},
            "dana-0-amount",
            "Tulis jumlah dalam rupiah bulat, tanpa sen.",
        ),
        (
            {"dana-0-source": "perantau", "dana-0-amount": "2 jutaan"},
            "dana-0-amount",
            "Tulis jumlah yang pasti, bukan perkiraan.",
        ),
        ({"dana-0-source": "perantau"}, "dana-0-amount", "Isi jumlah dana yang terhimpun."),
        ({"dana-1-amount": "125.000"}, "dana-1-source", "Pilih sumber dananya."),
        (
            {"dana-0-source": "perantau", "dana-0-amount": "1", "dana-2-source": "perantau", "dana-2-amount": "2"},
            "dana-2-source",
            "Sumber dana ini sudah ada di baris lain; jumlahkan dalam satu baris.",
        ),
        (
            {"bantuan-0-purpose": "lansia"},
            "bantuan-0-amount",
            "Isi jumlah bantuan (tulis 0 untuk bantuan yang bukan uang).",
        ),
        ({"bantuan-1-beneficiaries": "4"}, "bantuan-1-purpose", "Pilih tujuan bantuannya."),
        (
            {"bantuan-0-purpose": "lansia", "bantuan-0-amount": "0", "bantuan-0-beneficiaries": "-1"},
            "bantuan-0-beneficiaries",
            "Jumlah penerima tidak boleh negatif.",
        ),
        (
            {
                "bantuan-0-purpose": "lansia",
                "bantuan-0-amount": "1",
                "bantuan-1-purpose": "lansia",
                "bantuan-1-amount": "1",
            },
            "bantuan-1-purpose",
            "Tujuan bantuan ini sudah ada di baris lain; jumlahkan dalam satu baris.",
        ),
    ],
)
def test_each_line_error_is_in_indonesian_next_to_its_field(as_penyuluh, wksbm, line, field, message):
    slugs = {"perantau": pk(FundSource, "perantau"), "lansia": pk(AidPurpose, "lansia")}
    values = {key: slugs.get(value, value) for key, value in line.items()}
    before = ActivityReport.objects.count()

    response = as_penyuluh.post(reverse("report_create", args=[wksbm.pk]), report_data(**values))

    prefix, index, name = field.split("-")
    formset = response.context["funds" if prefix == "dana" else "aid"]
    assert formset.forms[int(index)].errors[name] == [message]
    assert f'<p class="error" id="id_{field}_error">{message}</p>' in response.content.decode()
    assert ActivityReport.objects.count() == before


def test_more_lines_than_offered_are_refused(as_penyuluh, wksbm):
    data = report_data(**{"dana-TOTAL_FORMS": "10"})
    before = ActivityReport.objects.count()

    response = as_penyuluh.post(reverse("report_create", args=[wksbm.pk]), data)

    assert response.context["funds"].non_form_errors() == ["Paling banyak 3 baris."]
    assert ActivityReport.objects.count() == before


def test_a_report_form_without_its_line_counts_is_refused(as_penyuluh, wksbm):
    data = {"form_token": TOKEN, "date": "17/06/2025", "kind": pk(ActivityKind, "rapat")}
    before = ActivityReport.objects.count()

    response = as_penyuluh.post(reverse("report_create", args=[wksbm.pk]), data)

    assert "Formulir ini tidak lengkap. Muat ulang halaman lalu isi kembali." in response.content.decode()
    assert ActivityReport.objects.count() == before
