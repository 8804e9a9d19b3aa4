"""Uji petik records and pages: a draw within the operator's area, recorded with its seed, population sizes and
history; repeated from its seed; shown as a visit list grouped by kabupaten/kota (only the user's part of it), on
A4 and as a download; 404 outside the area; the penyuluh reads but does not draw; fixed query counts."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from registry import dates
from registry.enums import Role, WksbmStatus
from registry.models import Wilayah
from registry.services.petugas import petugas_save
from tests.factories import WksbmFactory
from tests.trainings.conftest import user_with_role
from tests.trainings.visits.factories import KunjunganFactory
from trainings.models import UjiPetik, UjiPetikItem, VisitKind
from trainings.models.visit import UJI_PETIK
from trainings.sampling import uji_petik_draw

GUNUNGKIDUL, SEMANU, SLEMAN = "34.03", "34.03.08", "34.04"
PASSWORD = "Gunungkidul-2025!"


def desa_in(code: str, count: int) -> list[Wilayah]:
    return list(Wilayah.objects.filter(code__startswith=f"{code}.", level=4).order_by("code")[:count])


@pytest.fixture
def registry(diy):
    """12 active WKSBM in the 5 desa of Semanu and 12 in Sleman, plus a dissolved one in Semanu (never drawn)."""
    semanu = desa_in(SEMANU, 5)
    for number in range(12):
        WksbmFactory(name=f"WKSBM Semanu {number}", wilayah=semanu[number % 5])
    for number, desa in enumerate(desa_in(SLEMAN, 12)):
        WksbmFactory(name=f"WKSBM Sleman {number}", wilayah=desa)
    WksbmFactory(name="WKSBM Bubar", wilayah=desa_in(SEMANU, 1)[0], status=WksbmStatus.BUBAR)


@pytest.fixture
def provinsi(diy):
    return user_with_role("admin_diy", Role.PROVINSI, "34")


@pytest.fixture
def operator(diy):
    return user_with_role("operator_gk", Role.KABUPATEN, GUNUNGKIDUL)


def drawn_names(sample) -> list[str]:
    return list(sample.items.order_by("position").values_list("wksbm__name", flat=True))


def test_a_draw_is_recorded_with_its_seed_populations_and_history(registry, provinsi):
    sample = uji_petik_draw(by=provinsi, wilayah=Wilayah.objects.get(code="34"), size=5, seed=2026)

    assert (sample.seed, sample.size, sample.drawn_by) == (2026, 5, provinsi)
    assert sample.populations == {GUNUNGKIDUL: 12, SLEMAN: 12}
    names = drawn_names(sample)
    assert len(names) == 10 and "WKSBM Bubar" not in names
    assert [name.split()[1] for name in names] == ["Semanu"] * 5 + ["Sleman"] * 5
    assert sample.history.get().history_user == provinsi
    assert UjiPetikItem.history.filter(uji_petik_id=sample.pk).count() == 10


def test_the_same_seed_draws_the_same_sample_and_none_draws_a_fresh_seed(registry, provinsi):
    provinsi_wilayah = Wilayah.objects.get(code="34")
    first = uji_petik_draw(by=provinsi, wilayah=provinsi_wilayah, size=4, seed=99)
    again = uji_petik_draw(by=provinsi, wilayah=provinsi_wilayah, size=4, seed=99)
    fresh = uji_petik_draw(by=provinsi, wilayah=provinsi_wilayah, size=4)

    assert drawn_names(first) == drawn_names(again)
    assert fresh.seed and UjiPetik.objects.get(pk=fresh.pk).seed == fresh.seed


def test_a_draw_outside_the_users_area_or_below_a_kabupaten_is_refused(registry, operator):
    with pytest.raises(ValidationError):
        uji_petik_draw(by=operator, wilayah=Wilayah.objects.get(code=SLEMAN), size=3)
    with pytest.raises(ValidationError):
        uji_petik_draw(by=operator, wilayah=Wilayah.objects.get(code=SEMANU), size=3)
    assert not UjiPetik.objects.exists()


def test_the_operator_draws_from_the_form_once_and_can_repeat_it(client, registry, operator):
    client.force_login(operator)
    form = client.get(reverse("trainings:uji_petik_create")).context["form"]
    data = {"form_token": form.initial["form_token"], "wilayah": GUNUNGKIDUL, "size": 3, "seed": ""}

    response = client.post(reverse("trainings:uji_petik_create"), data)
    client.post(reverse("trainings:uji_petik_create"), data)  # sent twice: drawn once

    sample = UjiPetik.objects.get()
    assert response.url == reverse("trainings:uji_petik_detail", args=[sample.pk])
    page = client.get(response.url)
    assert str(sample.seed) in page.content.decode()
    redraw = client.get(page.context["redraw_url"]).context["form"]
    assert (redraw.initial["wilayah"], redraw.initial["seed"]) == (GUNUNGKIDUL, str(sample.seed))
    again = {**data, "form_token": redraw.initial["form_token"], "seed": sample.seed}
    client.post(reverse("trainings:uji_petik_create"), again)
    assert drawn_names(UjiPetik.objects.order_by("pk").last()) == drawn_names(sample)


def test_the_visit_list_shows_only_the_users_part_and_404_outside(client, registry, provinsi, diy):
    sample = uji_petik_draw(by=provinsi, wilayah=Wilayah.objects.get(code="34"), size=3, seed=5)
    penyuluh = user_with_role("penyuluh_semanu", Role.PENYULUH, SEMANU)
    stranger = user_with_role("penyuluh_kulon_progo", Role.PENYULUH, "34.01")
    url = reverse("trainings:uji_petik_detail", args=[sample.pk])

    client.force_login(provinsi)
    everything = client.get(url).context["groups"]
    client.force_login(penyuluh)
    own = client.get(url)

    assert [(group.code, len(group.items)) for group in everything] == [(GUNUNGKIDUL, 3), (SLEMAN, 3)]
    assert [(group.code, group.population) for group in own.context["groups"]] == [(GUNUNGKIDUL, 12)]
    assert "WKSBM Sleman" not in own.content.decode()
    for item in own.context["groups"][0].items:
        assert reverse("wksbm_detail", args=[item.wksbm_id]) in own.content.decode()
    assert client.get(reverse("trainings:uji_petik_create")).status_code == 403
    client.force_login(stranger)
    for name in ("uji_petik_detail", "uji_petik_print", "uji_petik_export"):
        assert client.get(reverse(f"trainings:{name}", args=[sample.pk])).status_code == 404
    assert sample not in client.get(reverse("trainings:uji_petik_list")).context["page"]


def test_each_drawn_wksbm_offers_its_spot_check_visit_until_one_is_recorded(client, registry, operator):
    sample = uji_petik_draw(by=operator, wilayah=Wilayah.objects.get(code=GUNUNGKIDUL), size=2, seed=9)
    first, second = sample.items.order_by("position")
    KunjunganFactory(wksbm=first.wksbm, kind=VisitKind.objects.get(slug=UJI_PETIK), date=dates.today())
    KunjunganFactory(wksbm=second.wksbm, date=dates.today())  # a visit of another kind is no spot check
    client.force_login(operator)

    page = client.get(reverse("trainings:uji_petik_detail", args=[sample.pk]))

    visited = {item.wksbm_id: item.visited_on for group in page.context["groups"] for item in group.items}
    assert visited == {first.wksbm_id: dates.today(), second.wksbm_id: None}
    body = page.content.decode()
    assert f"Dikunjungi {dates.today():%d/%m/%Y}" in body
    record = reverse("trainings:visit_create", args=[second.wksbm_id]) + f"?jenis={UJI_PETIK}"
    assert record in body
    assert reverse("trainings:visit_create", args=[first.wksbm_id]) not in body


def test_the_printout_and_the_download_hold_the_visit_list(client, registry, provinsi):
    sample = uji_petik_draw(by=provinsi, wilayah=Wilayah.objects.get(code="34"), size=4, seed=11)
    client.force_login(provinsi)

    printed = client.get(reverse("trainings:uji_petik_print", args=[sample.pk]))
    download = client.get(reverse("trainings:uji_petik_export", args=[sample.pk]), {"format": "csv"})

    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [row["Nama WKSBM"] for row in rows] == drawn_names(sample)
    assert "kop" in printed.context and "Daftar Kunjungan Uji Petik" in printed.content.decode()
    for name in drawn_names(sample):
        assert name in printed.content.decode()


@pytest.mark.parametrize("size", [1, 12])
def test_the_visit_list_costs_the_same_queries_whatever_its_size(
    client, registry, provinsi, size, django_assert_num_queries
):
    sample = uji_petik_draw(by=provinsi, wilayah=Wilayah.objects.get(code="34"), size=size, seed=3)
    client.force_login(provinsi)
    url = reverse("trainings:uji_petik_detail", args=[sample.pk])
    client.get(url)

    # savepoint and release, session, user, permissions (the user's, their groups'), areas, the sample, its
    # items, the drawer's profile (their name).
    with django_assert_num_queries(11):
        assert client.get(url).status_code == 200


def test_the_admin_draws_from_its_add_page(client, registry):
    provinsi = petugas_save(by=None, username="admin_diy", role=Role.PROVINSI, area_codes=["34"], password=PASSWORD)[0]
    client.force_login(provinsi)
    url = reverse("admin:trainings_ujipetik_add")

    response = client.post(url, {"wilayah": "34", "size": 2, "seed": 42})

    sample = UjiPetik.objects.get()
    assert response.status_code == 302 and (sample.seed, sample.items.count(), sample.drawn_by) == (42, 4, provinsi)
    assert sample.history.get().history_user == provinsi


def test_a_draw_is_never_changed_not_even_by_a_superuser(client, registry, provinsi):
    sample = uji_petik_draw(by=provinsi, wilayah=Wilayah.objects.get(code="34"), size=2, seed=8)
    client.force_login(User.objects.create_superuser("admin"))
    url = reverse("admin:trainings_ujipetik_change", args=[sample.pk])

    assert client.get(url).status_code == 200
    assert client.post(url, {"size": 9, "seed": 1}).status_code == 403
    assert UjiPetik.objects.get().seed == 8


@pytest.mark.parametrize("count", [1, 25])
def test_the_list_of_samples_costs_the_same_queries_whatever_their_number(
    client, registry, provinsi, count, django_assert_num_queries
):
    for seed in range(count):
        uji_petik_draw(by=provinsi, wilayah=Wilayah.objects.get(code="34"), size=1, seed=seed + 1)
    client.force_login(provinsi)
    client.get(reverse("trainings:uji_petik_list"))

    # savepoint and release, session, user, permissions (the user's, their groups'), areas, the count, the page.
    with django_assert_num_queries(10):
        response = client.get(reverse("trainings:uji_petik_list"))

    assert len(response.context["page"]) == min(count, 20)


def test_the_demo_sample_is_the_same_in_every_demo_database(registry):
    from trainings.demo.sampling import seed_demo_sample

    admin = User.objects.create_superuser("demo")
    said = seed_demo_sample(by=admin, today=None)
    first, again = (
        UjiPetik.objects.get(),
        uji_petik_draw(by=admin, wilayah=Wilayah.objects.get(code="34"), size=5, seed=2026),
    )

    assert said == "Uji petik: 10 WKSBM dari 2 kabupaten/kota (benih 2026)."
    assert drawn_names(first) == drawn_names(again)
