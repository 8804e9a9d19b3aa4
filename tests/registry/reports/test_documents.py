"""What every printed document carries (registry.documents): the kop surat from the office's settings, the
signature block of the petugas who signs (the printing user, or one chosen among those whose area covers the
document) and "Dicetak oleh" with the full name."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.formats import date_format

from registry import dates
from registry.enums import Role
from registry.models import OfficeSettings, PetugasProfile, display_name
from tests.registry.reports.conftest import GUNUNGKIDUL, SLEMAN
from tests.registry.test_office import png_bytes

NIP = "197001011995031001"


@pytest.fixture
def office(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    office = OfficeSettings.current()
    office.government = "Pemerintah Daerah Daerah Istimewa Yogyakarta"
    office.instansi = "Dinas Sosial"
    office.address = "Jalan Janti, Banguntapan, Bantul"
    office.phone = "+62274514319"
    office.email = "dinsos@jogjaprov.go.id"
    office.signing_place = "Yogyakarta"
    office.logo.save("logo.png", ContentFile(png_bytes()), save=False)
    office.save()
    return office


@pytest.fixture
def signing_operator(operator):
    PetugasProfile.objects.create(user=operator, full_name="Budi Santoso, S.Sos.", nip=NIP, jabatan="Kepala Seksi")
    return operator


def documents(world) -> dict[str, tuple[str, dict]]:
    """Every printed document of the world: its URL and query."""
    program = world["program"]
    event = program.events.order_by("starts_on").first()
    return {
        "rekap": (reverse("rekap_print"), {"wilayah": GUNUNGKIDUL}),
        "profil": (reverse("wksbm_profile", args=[world["candirejo"].pk]), {}),
        "daftar-hadir": (reverse("trainings:attendance_sheet", args=[event.pk]), {}),
        "laporan-kegiatan": (reverse("trainings:event_report", args=[event.pk]), {}),
        "laporan-program": (reverse("trainings:program_report", args=[program.pk]), {}),
    }


DOCUMENTS = ["rekap", "profil", "daftar-hadir", "laporan-kegiatan", "laporan-program"]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_document_has_the_kop_surat_and_the_signature_of_the_printing_user(
    client, world, office, signing_operator, document
):
    client.force_login(signing_operator)
    url, query = documents(world)[document]

    html = client.get(url, query).content.decode()

    today = date_format(dates.today(), "j F Y")
    for shown in (
        '<img class="letterhead-logo" src="/kop-surat/logo/"',
        "Pemerintah Daerah Daerah Istimewa Yogyakarta</p>",
        "Dinas Sosial</p>",
        "Jalan Janti, Banguntapan, Bantul, Telepon (0274) 514319, dinsos@jogjaprov.go.id",
        f"Yogyakarta, {today}",
        "Kepala Seksi",
        "Budi Santoso, S.Sos.",
        "NIP 19700101 199503 1 001",
        f"Dicetak {today} oleh Budi Santoso, S.Sos..",
    ):
        assert shown in html, shown
    assert "Pemerintah Kabupaten Gunungkidul" not in html  # the settings' kop replaces the derived heading


def test_before_the_settings_are_filled_in_the_heading_comes_from_the_users_area(as_operator, world):
    html = as_operator.get(reverse("rekap_print"), {"wilayah": GUNUNGKIDUL}).content.decode()

    assert "Pemerintah Kabupaten Gunungkidul</p>" in html
    assert "letterhead-logo" not in html
    assert "Dicetak" in html and "oleh operator-gk." in html


@pytest.mark.parametrize("document", DOCUMENTS)
def test_a_petugas_whose_area_covers_the_document_signs_it_when_chosen(
    client, world, office, signing_operator, make_user, document
):
    head = make_user("kadinsos", Role.PROVINSI, "34")
    PetugasProfile.objects.create(user=head, full_name="Dra. Endang Patmintarsih", jabatan="Kepala Dinas")
    client.force_login(signing_operator)
    url, query = documents(world)[document]

    response = client.get(url, {**query, "penandatangan": head.pk})

    html = response.content.decode()
    assert response.context["signature"].name == "Dra. Endang Patmintarsih"
    assert "Kepala Dinas" in html
    assert "oleh Budi Santoso, S.Sos.." in html  # printed by the operator all the same
    offered = [name for _pk, name in response.context["signers"]]
    assert offered[0] == "Budi Santoso, S.Sos." and "Dra. Endang Patmintarsih" in offered
    assert f'<option value="{head.pk}" selected>Dra. Endang Patmintarsih</option>' in html
    for name, value in query.items():  # the choice keeps the document's own query
        assert f'<input type="hidden" name="{name}" value="{value}">' in html


def test_a_signer_outside_the_document_or_inactive_or_unknown_answers_404(as_operator, world, make_user):
    sleman = make_user("sleman", Role.KABUPATEN, SLEMAN)
    retired = make_user("pensiun", Role.KABUPATEN, GUNUNGKIDUL)
    retired.is_active = False
    retired.save()
    url = reverse("rekap_print")

    statuses = [
        as_operator.get(url, {"wilayah": GUNUNGKIDUL, "penandatangan": chosen}).status_code
        for chosen in (sleman.pk, retired.pk, 999_999, "satu")
    ]

    assert statuses == [404, 404, 404, 404]
    offered = [name for _pk, name in as_operator.get(url, {"wilayah": GUNUNGKIDUL}).context["signers"]]
    assert offered[0] == "operator-gk"
    assert {"sleman", "pensiun"} & set(offered) == set()


def test_a_users_name_is_the_profiles_full_name_else_djangos_else_the_username(make_user):
    user = make_user("budi", Role.KABUPATEN, GUNUNGKIDUL)
    assert display_name(user) == "budi"
    user.first_name, user.last_name = "Budi", "Santoso"
    assert display_name(user) == "Budi Santoso"
    PetugasProfile.objects.create(user=user, full_name="Budi Santoso, S.Sos.")
    user.refresh_from_db()
    assert display_name(user) == "Budi Santoso, S.Sos."
