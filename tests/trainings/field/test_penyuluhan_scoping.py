"""Every Penyuluhan field page is limited to the user's area: outside it a page answers 404 and a POST changes
nothing, while an event of the other Candirejo (Semin) with its own participants stands by to leak.

The matrix runs over every Penyuluhan URL of trainings/urls.py's `field_patterns` (a test checks none is
missing), for a Sleman operator (another kabupaten) and a Semin penyuluh; pimpinan read and never write;
visitors are sent to log in.
"""

import pytest
from django.urls import URLPattern, reverse

from registry.enums import Role
from registry.models import Wilayah
from tests.factories import WksbmFactory
from tests.registry.field.conftest import SEMANU_CANDIREJO, SEMIN_CANDIREJO
from tests.trainings.factories import (
    NarasumberFactory,
    OutcomeFactory,
    PenyuluhanFactory,
    PesertaCountFactory,
    PesertaFactory,
)
from trainings import urls as trainings_urls
from trainings.models import Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount

pytestmark = pytest.mark.usefixtures("diy")

TOKEN = {"form_token": "6f1c1c1e-8d5f-4a39-9a3e-1f0c8c2c7a11"}


@pytest.fixture
def event():
    """A penyuluhan at Semanu's Candirejo with a participant, a headcount, a narasumber and a WKSBM formed."""
    made = PenyuluhanFactory(theme="Penyuluhan Candirejo Semanu", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
    PesertaFactory(event=made, name="Peserta Semanu")
    PesertaCountFactory(event=made)
    NarasumberFactory(event=made, name="Narasumber Semanu")
    OutcomeFactory(event=made, wksbm=WksbmFactory(name="WKSBM Hasil Semanu", wilayah=made.wilayah))
    return made


@pytest.fixture
def leak():
    """The same, at Semin's Candirejo: never shown to Semanu."""
    made = PenyuluhanFactory(theme="Penyuluhan Rahasia Semin", wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    PesertaFactory(event=made, name="Peserta Rahasia Semin")
    NarasumberFactory(event=made, name="Narasumber Rahasia Semin")
    OutcomeFactory(event=made, wksbm=WksbmFactory(name="WKSBM Rahasia Semin", wilayah=made.wilayah))
    return made


def pages(event) -> list[tuple[str, str, dict | None]]:
    """(URL name, address, valid POST data or None for read-only pages) for every Penyuluhan page."""
    wksbm = WksbmFactory(name="WKSBM Lain Semanu", wilayah=event.wilayah)
    kader = PesertaCount.objects.filter(event=event).values_list("unsur_id", flat=True).first()
    return [
        ("penyuluhan_list", reverse("penyuluhan_list"), None),
        (
            "penyuluhan_create",
            reverse("penyuluhan_create"),
            {
                "kind": event.kind_id,
                "theme": "Penyusup",
                "starts_on": "01/07/2025",
                "wilayah": SEMANU_CANDIREJO,
                "narasumber-TOTAL_FORMS": "3",
                "narasumber-INITIAL_FORMS": "0",
                **TOKEN,
            },
        ),
        ("penyuluhan_detail", reverse("penyuluhan_detail", args=[event.pk]), None),
        (
            "penyuluhan_peserta_add",
            reverse("penyuluhan_peserta_add", args=[event.pk]),
            {
                "peserta-TOTAL_FORMS": "5",
                "peserta-INITIAL_FORMS": "0",
                "peserta-0-name": "Penyusup",
                "peserta-0-unsur": kader,
                **TOKEN,
            },
        ),
        (
            "penyuluhan_counts",
            reverse("penyuluhan_counts", args=[event.pk]),
            {f"unsur_{kader}": "99", "version": "v:"},
        ),
        (
            "penyuluhan_narasumber_add",
            reverse("penyuluhan_narasumber_add", args=[event.pk]),
            {"narasumber-TOTAL_FORMS": "3", "narasumber-INITIAL_FORMS": "0", "narasumber-0-name": "Penyusup", **TOKEN},
        ),
        (
            "penyuluhan_outcome_add",
            reverse("penyuluhan_outcome_add", args=[event.pk]),
            {"wksbm": wksbm.pk, "kind": "dibentuk", **TOKEN},
        ),
        (
            "penyuluhan_peserta_match",
            reverse("penyuluhan_peserta_match", args=[event.pk]),
            {f"peserta_{event.peserta.first().pk}": "bukan"},
        ),
    ]


EVENT_PAGES = [
    "penyuluhan_detail",
    "penyuluhan_peserta_add",
    "penyuluhan_counts",
    "penyuluhan_narasumber_add",
    "penyuluhan_outcome_add",
    "penyuluhan_peserta_match",
]
WRITE_PAGES = ["penyuluhan_create", *EVENT_PAGES[1:]]


def snapshot(event):
    models = (Penyuluhan, Peserta, PesertaCount, Narasumber, Outcome)
    return (
        {model.__name__: model.objects.count() for model in models},
        list(PesertaCount.objects.order_by("pk").values_list("count", flat=True)),
        event.history.count(),
    )


def penyuluhan_url_names() -> set[str]:
    return {
        pattern.name
        for pattern in trainings_urls.field_patterns
        if isinstance(pattern, URLPattern) and pattern.name and pattern.name.startswith("penyuluhan_")
    }


def test_the_matrix_covers_every_penyuluhan_page(event):
    names = {name for name, _, _ in pages(event)}

    assert names == penyuluhan_url_names()
    assert set(EVENT_PAGES) | {"penyuluhan_list", "penyuluhan_create"} == names


@pytest.mark.parametrize("name", EVENT_PAGES)
@pytest.mark.parametrize("who", ["outsider", "neighbour"])
def test_a_user_of_another_area_gets_404_and_changes_nothing(client, request, event, leak, name, who):
    client.force_login(request.getfixturevalue(who))
    address, data = next((url, data) for page, url, data in pages(event) if page == name)
    before = snapshot(event)

    got = client.get(address)
    sent = client.post(address, data or {})

    assert (got.status_code, sent.status_code) == (404, 404)
    assert event.theme not in got.content.decode()
    assert snapshot(event) == before


@pytest.mark.parametrize("who", ["outsider", "neighbour"])
def test_the_list_of_another_area_does_not_show_the_event(client, request, event, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("penyuluhan_list"))

    assert (response.status_code, list(response.context["page"])) == (200, [])
    assert event.theme not in response.content.decode()


def test_an_event_cannot_be_recorded_in_another_area(client, neighbour, event):
    client.force_login(neighbour)
    _, address, data = next(page for page in pages(event) if page[0] == "penyuluhan_create")
    before = snapshot(event)

    response = client.post(address, data)

    assert response.context["form"].errors == {
        "wilayah": ["Pilih desa/kelurahan, kecamatan atau kabupaten/kota di wilayah kerja Anda."]
    }
    assert snapshot(event) == before


def test_the_penyuluh_of_the_area_sees_every_page_but_no_leak(as_penyuluh, event, leak):
    for name, address, _ in pages(event):
        response = as_penyuluh.get(address)

        assert response.status_code == 200, name
        body = response.content.decode()
        for secret in ("Rahasia Semin",):
            assert secret not in body, (name, secret)


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_pimpinan_read_but_never_write(client, make_user, event, name):
    client.force_login(make_user("pimpinan", Role.PIMPINAN, "34.03.08"))
    address, data = next((url, data) for page, url, data in pages(event) if page == name)
    before = snapshot(event)

    reads = [
        client.get(reverse("penyuluhan_list")).status_code,
        client.get(reverse("penyuluhan_detail", args=[event.pk])).status_code,
    ]
    writes = (client.get(address).status_code, client.post(address, data).status_code)

    assert reads == [200, 200]
    assert writes == (403, 403)
    assert snapshot(event) == before


def test_a_user_without_an_area_sees_nothing(client, make_user, event):
    client.force_login(make_user("tanpa_wilayah", Role.PENYULUH))

    listed = client.get(reverse("penyuluhan_list"))
    detail = client.get(reverse("penyuluhan_detail", args=[event.pk]))

    assert (list(listed.context["page"]), detail.status_code) == ([], 404)


def test_anonymous_visitors_are_sent_to_the_login_page(client, event):
    for name, address, data in pages(event):
        response = client.post(address, data) if data else client.get(address)

        assert response.status_code == 302, name
        assert response["Location"] == f"/accounts/login/?next={address}", name
