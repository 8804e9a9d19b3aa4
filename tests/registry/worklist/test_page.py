"""'Perlu tindakan': every registry kind with the right count for each role, nothing outside the area, the entries'
actions, pagination of one kind, the download matching the page, and the count on 'Wilayah saya'."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from registry.enums import Role
from registry.worklist import kinds_for
from tests.registry.worklist.conftest import AREAS, REGISTRY_KINDS, expected_counts
from tests.trainings.conftest import user_with_role

ROLES = [None, *AREAS]
ROLE_IDS = ["superuser", *[role.value for role in AREAS]]


def user_for(role):
    if role is None:
        return User.objects.create_superuser("admin")
    return user_with_role(f"petugas_{role.value}", role, AREAS[role])


def counts_on_page(response) -> dict[str, int]:
    return {section["kind"].key: section["count"] for section in response.context["sections"]}


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("role", ROLES, ids=ROLE_IDS)
def test_each_kind_counts_the_entries_of_the_users_area(client, world, role):
    client.force_login(user_for(role))

    response = client.get(reverse("attention"))

    area = None if role is None else AREAS[role]
    counts = counts_on_page(response)
    assert {key: counts[key] for key in REGISTRY_KINDS} == expected_counts(world, area)
    shown = {
        entry.wksbm.name
        for section in response.context["sections"]
        if section["kind"].key in REGISTRY_KINDS
        for entry in section["entries"]
    }
    listed = {unit.name for unit in world if unit.entries and (area is None or unit.code.startswith(area))}
    assert shown == listed
    assert response.context["total"] == sum(counts.values())


@pytest.mark.parametrize("role", ROLES, ids=ROLE_IDS)
def test_wilayah_saya_counts_what_the_worklist_lists(client, world, role):
    client.force_login(user_for(role))

    total = client.get(reverse("attention")).context["total"]
    home = client.get(reverse("home"))

    assert home.context["worklist_total"] == total
    assert f"Perlu tindakan ({total})" in home.content.decode()


def test_each_entry_links_to_the_page_that_clears_it(client, world):
    client.force_login(user_with_role("penyuluh", Role.PENYULUH, AREAS[Role.PENYULUH]))

    sections = {s["kind"].key: s["entries"] for s in client.get(reverse("attention")).context["sections"]}

    (quiet,) = sections["mungkin-vakum"]
    assert quiet.action_url == reverse("report_create", args=[quiet.wksbm.pk])
    (short,) = sections["belum-lengkap"]
    assert short.action_url == reverse("pengurus_add", args=[short.wksbm.pk])
    ended, ending = sections["masa-bakti"]  # the earliest end first
    assert ending.action_url.endswith("/ubah/") and "Bendahara Segera" in ending.detail
    assert ended.action_url == reverse("pengurus_add", args=[ended.wksbm.pk]) and "pengganti" in ended.detail
    for entries in sections.values():
        for entry in entries:
            assert client.get(entry.action_url).status_code == 200


def test_a_read_only_role_is_sent_to_the_wksbm_page(client, world):
    client.force_login(user_for(Role.PIMPINAN))

    sections = client.get(reverse("attention")).context["sections"]

    urls = {entry.action_url for section in sections for entry in section["entries"]}
    assert urls and all(url.endswith(f"/wksbm/{url.split('/')[2]}/") for url in urls)


def test_one_kind_is_paginated_and_its_download_matches_its_pages(client, world, operator):
    from tests.factories import WksbmFactory

    WksbmFactory.create_batch(60, formed_on=None)  # undated, no report, no board: dormant and incomplete
    client.force_login(operator)
    expected = expected_counts(world, AREAS[Role.KABUPATEN])["mungkin-vakum"] + 60

    first = client.get(reverse("attention"), {"jenis": "mungkin-vakum"})
    second = client.get(reverse("attention"), {"jenis": "mungkin-vakum", "halaman": 2})
    download = client.get(reverse("attention_export"), {"jenis": "mungkin-vakum", "format": "csv"})

    assert first.context["page"].paginator.count == expected
    on_pages = [entry.wksbm.pk for page in (first, second) for entry in page.context["entries"]]
    assert len(on_pages) == len(set(on_pages)) == expected
    assert 'href="?jenis=mungkin-vakum&amp;halaman=2"' in first.content.decode()
    rows = csv_rows(download)
    names = [entry.wksbm.name for page in (first, second) for entry in page.context["entries"]]
    assert [row["Nama WKSBM"] for row in rows] == names
    assert {row["Jenis"] for row in rows} == {"Mungkin vakum"}


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_whole_download_holds_every_entry_of_the_page(client, world, operator, extension):
    from tests.crawling import text_of

    client.force_login(operator)
    page = client.get(reverse("attention"))

    response = client.get(reverse("attention_export"), {"format": extension})

    text = text_of(response)
    for section in page.context["sections"]:
        for entry in section["entries"]:
            assert entry.wksbm.name in text and entry.detail in text
    assert "WKSBM Sepi Sleman" not in text
    if extension == "csv":
        response = client.get(reverse("attention_export"), {"format": extension})
        assert len(csv_rows(response)) == page.context["total"]


def test_an_unknown_kind_or_format_is_not_found(client, world, operator):
    client.force_login(operator)

    assert client.get(reverse("attention"), {"jenis": "tidak-ada"}).status_code == 404
    assert client.get(reverse("attention_export"), {"format": "pdf"}).status_code == 404


def test_kinds_come_in_order(world, operator):
    keys = [kind.key for kind in kinds_for(operator)]

    assert [key for key in keys if key in REGISTRY_KINDS] == list(REGISTRY_KINDS)
