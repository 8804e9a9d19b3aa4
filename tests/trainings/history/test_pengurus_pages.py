"""The trainings a pengurus attended (linked from the WKSBM page) and the list of core pengurus who never
attended one: scoped to the user's area (404 outside), a fixed number of queries, the download as the page."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from registry.models import Wilayah
from tests.factories import PengurusFactory, WksbmFactory
from tests.trainings.factories import PenyuluhanFactory, PesertaFactory
from tests.trainings.history.conftest import NGEPOSARI, SEMIN_CANDIREJO, SLEMAN_DESA, role

pytestmark = pytest.mark.usefixtures("diy")


def attend(pengurus, **event_fields):
    event = PenyuluhanFactory(**event_fields)
    PesertaFactory(event=event, name=pengurus.name, pengurus=pengurus)
    return event


def test_the_trainings_a_pengurus_attended_are_listed(client, operator_gk, board):
    attended = [attend(board["ketua"], theme=f"Bimtek {n}", starts_on=datetime.date(2024, 1, n + 1)) for n in range(3)]
    PenyuluhanFactory(theme="Tanpa Sutrisno")
    client.force_login(operator_gk)

    response = client.get(reverse("trainings:pengurus_trainings", args=[board["ketua"].pk]))

    assert [e.pk for e in response.context["events"]] == [e.pk for e in reversed(attended)]
    assert "Riwayat pelatihan Sutrisno" in response.content.decode()
    assert "Tanpa Sutrisno" not in response.content.decode()


@pytest.mark.parametrize("events", [0, 1, 6])
def test_the_pengurus_trainings_page_costs_the_same_however_many(
    client, operator_gk, board, events, django_assert_num_queries
):
    for n in range(events):
        attend(board["ketua"], theme=f"Bimtek {n}")
    client.force_login(operator_gk)
    url = reverse("trainings:pengurus_trainings", args=[board["ketua"].pk])

    # the signed-in page's own (session, user, areas, permissions, the header's notification count…), the
    # pengurus, the events
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


def test_outside_the_area_the_pengurus_trainings_page_is_404(client, operator_sleman, board):
    attend(board["ketua"])
    client.force_login(operator_sleman)

    assert client.get(reverse("trainings:pengurus_trainings", args=[board["ketua"].pk])).status_code == 404


def test_the_wksbm_page_links_each_pengurus_to_their_trainings_with_the_count(client, operator_gk, board):
    attend(board["ketua"])
    attend(board["ketua"])
    client.force_login(operator_gk)

    page = client.get(reverse("wksbm_detail", args=[board["wksbm"].pk])).content.decode()

    url = reverse("trainings:pengurus_trainings", args=[board["ketua"].pk])
    assert f'href="{url}">Riwayat pelatihan (2)</a>' in page
    url = reverse("trainings:pengurus_trainings", args=[board["sekretaris"].pk])
    assert f'href="{url}">Riwayat pelatihan (0)</a>' in page


@pytest.fixture
def boards(board):
    """Besides the Candirejo board: a trained ketua in Ngeposari, a former ketua and a member in Semin, and
    a Sleman ketua."""
    ngeposari = WksbmFactory(name="WKSBM Ngeposari", wilayah=Wilayah.objects.get(code=NGEPOSARI))
    semin = WksbmFactory(name="WKSBM Semin", wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    sleman = WksbmFactory(name="WKSBM Sleman", wilayah=Wilayah.objects.get(code=SLEMAN_DESA))
    trained = PengurusFactory(wksbm=ngeposari, name="Darsono", role=role("ketua"))
    attend(trained)
    PengurusFactory(
        wksbm=semin, name="Mantan Ketua", role=role("ketua"), period_to=datetime.date(2020, 1, 1)
    )  # term ended
    PengurusFactory(wksbm=semin, name="Anggota Semin", role=role("anggota"))  # not a core role
    PengurusFactory(wksbm=semin, name="Ketua Semin", role=role("ketua"))
    PengurusFactory(wksbm=sleman, name="Ketua Sleman", role=role("ketua"))
    return board


def listed(client, **query) -> list[str]:
    response = client.get(reverse("trainings:untrained_pengurus"), query)
    assert response.status_code == 200
    return [p.name for p in response.context["page"]]


def test_only_current_core_pengurus_without_training_in_the_area_are_listed(client, operator_gk, boards):
    attend(boards["sekretaris"])
    client.force_login(operator_gk)

    assert listed(client) == ["Sutrisno", "Ketua Semin"]
    assert listed(client, kecamatan="34.03.08", kabupaten="34.03") == ["Sutrisno"]
    assert listed(client, kabupaten="34.03", kecamatan="34.03.12") == ["Ketua Semin"]
    assert client.get(reverse("trainings:untrained_pengurus"), {"kabupaten": "34.04"}).status_code == 404


def test_the_download_holds_the_rows_of_the_page(client, operator_gk, boards):
    client.force_login(operator_gk)
    shown = listed(client)

    response = client.get(reverse("trainings:untrained_pengurus"), {"format": "csv"})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [row[0] for row in rows[1:]] == shown
    assert rows[1][1:4] == ["Ketua", "WKSBM Candirejo Sejahtera", "34.03.08.2004"]


@pytest.mark.parametrize("extra", [0, 5])
def test_the_untrained_list_costs_the_same_however_many(client, operator_gk, boards, extra, django_assert_num_queries):
    for n in range(extra):
        PengurusFactory(wksbm=boards["wksbm"], name=f"Ketua {n}", role=role("ketua"))
    client.force_login(operator_gk)

    # the signed-in page's own, the kabupaten options, the kecamatan options, the count, the page
    with django_assert_num_queries(12):
        listed(client, kabupaten="34.03")


def test_the_admin_pengurus_page_links_to_the_trainings_attended(client, board):
    from django.contrib.auth.models import User

    attend(board["ketua"])
    client.force_login(User.objects.create_superuser("admin"))

    page = client.get(reverse("admin:registry_pengurus_change", args=[board["ketua"].pk])).content.decode()

    url = reverse("trainings:pengurus_trainings", args=[board["ketua"].pk])
    assert f'<a href="{url}">Riwayat pelatihan (1)</a>' in page
