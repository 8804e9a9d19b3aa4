"""Another app's kind of entry, registered through `registry.extensions.worklist_kinds`, is shown, counted,
downloaded and left out where it does not apply."""

import pytest
from django.urls import reverse

from registry.enums import Role
from registry.extensions import WorklistEntry, WorklistKind, worklist_kinds
from registry.models import Wksbm
from tests.factories import WksbmFactory
from tests.registry.worklist.conftest import AREAS
from tests.trainings.conftest import user_with_role


def test_kind_rows(user):
    return Wksbm.objects.for_user(user).filter(name__startswith="Uji ").select_related("wilayah").order_by("name")


def test_kind_entry(row, user):
    return WorklistEntry(row, "Keterangan jenis uji", "Buka WKSBM", reverse("wksbm_detail", args=[row.pk]))


@pytest.fixture
def test_kind():
    """A test kind, shown to users who may delete a WKSBM (not the penyuluh); unregistered afterwards."""
    kind = worklist_kinds.register(
        WorklistKind(
            key="jenis-uji",
            order=5,
            title="Jenis uji",
            rule="Aturan jenis uji.",
            rows=test_kind_rows,
            describe=test_kind_entry,
            applies=lambda user: user.has_perm("registry.delete_wksbm"),
        )
    )
    yield kind
    worklist_kinds.unregister("jenis-uji")


test_kind_rows.__test__ = test_kind_entry.__test__ = False


def test_a_registered_kind_is_shown_counted_and_downloaded(client, diy, test_kind):
    for number in range(7):
        WksbmFactory(name=f"Uji {number}")
    WksbmFactory(name="Uji Sleman", wilayah_id="34.04.01.2001")
    operator = user_with_role("operator", Role.KABUPATEN, AREAS[Role.KABUPATEN])
    client.force_login(operator)

    page = client.get(reverse("attention"))
    alone = client.get(reverse("attention"), {"jenis": "jenis-uji"})
    home = client.get(reverse("home"))
    download = client.get(reverse("attention_export"), {"jenis": "jenis-uji", "format": "csv"})

    first = page.context["sections"][0]
    assert (first["kind"].key, first["count"], len(first["entries"])) == ("jenis-uji", 7, 5)
    assert "Aturan jenis uji." in page.content.decode()
    assert 'href="?jenis=jenis-uji">Lihat semua (7)' in page.content.decode()
    assert [entry.wksbm.name for entry in alone.context["entries"]] == [f"Uji {n}" for n in range(7)]
    assert home.context["worklist_total"] == page.context["total"]
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert text.count("Keterangan jenis uji") == 7 and "Uji Sleman" not in text


def test_a_kind_that_does_not_apply_is_neither_shown_nor_opened(client, diy, test_kind):
    WksbmFactory(name="Uji Semanu")
    client.force_login(user_with_role("penyuluh", Role.PENYULUH, AREAS[Role.PENYULUH]))

    page = client.get(reverse("attention"))

    assert "jenis-uji" not in {section["kind"].key for section in page.context["sections"]}
    assert client.get(reverse("attention"), {"jenis": "jenis-uji"}).status_code == 404
