"""A WKSBM's board from the field: adding a person in a role, ending a term."""

import datetime

import pytest
from django.urls import reverse

from registry import dates
from registry.models import Pengurus, PengurusRole

pytestmark = pytest.mark.usefixtures("diy")

TOKEN = "3c2b1a00-0000-4000-8000-000000000001"


def ketua():
    return PengurusRole.objects.get(slug="ketua")


def test_a_person_joins_the_board(as_penyuluh, penyuluh, wksbm):
    data = {"form_token": TOKEN, "role": PengurusRole.objects.get(slug="bendahara").pk, "name": "Sri Lestari"}
    data |= {"phone": "0812 3456 7890", "nik": "3403085505800002", "period_from": "01/08/2025"}

    response = as_penyuluh.post(reverse("pengurus_add", args=[wksbm.pk]), data)

    added = Pengurus.objects.get(name="Sri Lestari")
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + f"#pengurus-{added.pk}"
    assert (added.wksbm, added.role.slug, added.phone, added.nik, added.period_from) == (
        wksbm,
        "bendahara",
        "+6281234567890",
        "3403085505800002",
        datetime.date(2025, 8, 1),
    )
    assert added.history.get().history_user == penyuluh


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"role": ""}, "role", "Pilih jabatannya."),
        ({"role": "9999"}, "role", "Pilih jabatan dari daftar."),
        ({"name": " "}, "name", "Isi nama pengurus."),
        ({"nik": "1234"}, "nik", "NIK harus 16 angka yang sah (kode wilayah dan tanggal lahir yang mungkin)."),
        ({"phone": "0812"}, "phone", "Nomor telepon 0812 tidak sah: tulis seperti 0812-3456-7890 atau (0274) 391234."),
        ({"period_from": "kemarin"}, "period_from", "Tulis tanggal seperti 17/06/2025."),
        ({"period_to": "01/01/2020"}, "period_to", "Akhir masa bakti tidak boleh sebelum awalnya."),
    ],
)
def test_each_error_is_in_indonesian_next_to_its_field(as_penyuluh, wksbm, change, field, message):
    data = {"form_token": TOKEN, "role": ketua().pk, "name": "Budi", "period_from": "01/01/2021", **change}
    before = Pengurus.objects.count()

    response = as_penyuluh.post(reverse("pengurus_add", args=[wksbm.pk]), data)

    assert response.context["form"].errors[field] == [message]
    assert f'<p class="error" id="id_{field}_error">' in response.content.decode()
    assert Pengurus.objects.count() == before


def test_a_term_ends_on_the_day_given(as_penyuluh, penyuluh, wksbm):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")
    url = reverse("pengurus_end", args=[wksbm.pk, sutrisno.pk])

    page = as_penyuluh.get(url)
    response = as_penyuluh.post(url, {"on": "30/06/2025"})

    sutrisno.refresh_from_db()
    assert page.context["form"]["on"].value() == dates.today()
    assert response["Location"] == reverse("wksbm_detail", args=[wksbm.pk]) + f"#pengurus-{sutrisno.pk}"
    assert sutrisno.period_to == datetime.date(2025, 6, 30)
    assert sutrisno.history.first().history_user == penyuluh
    assert sutrisno.history.first().history_change_reason == url  # the page that made it


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("", "Isi tanggal akhir masa bakti."),
        ("30/02/2025", "Tulis tanggal seperti 17/06/2025."),
        ("01/01/2019", "Akhir masa bakti tidak boleh sebelum awalnya (08/08/2019)."),
    ],
)
def test_an_end_date_error_is_in_indonesian_next_to_the_field(as_penyuluh, wksbm, on, message):
    sutrisno = wksbm.pengurus.get(name="Sutrisno")

    response = as_penyuluh.post(reverse("pengurus_end", args=[wksbm.pk, sutrisno.pk]), {"on": on})

    sutrisno.refresh_from_db()
    assert response.context["form"].errors["on"] == [message]
    assert '<p class="error" id="id_on_error">' in response.content.decode()
    assert sutrisno.period_to is None
