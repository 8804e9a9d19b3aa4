"""Read-only values of the admin's change pages show "-" for nothing, never "None" (registry.admin.readonly)."""

import re

import pytest
from django.contrib.auth.models import User


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("petugas", password=None))
    return client


def readonly_values(page: str) -> list[str]:
    return [value.strip() for value in re.findall(r'<div class="readonly">(.*?)</div>', page, re.S)]


def test_a_read_only_figure_not_yet_known_shows_the_empty_mark(superuser_client, diy):
    page = superuser_client.get("/admin/trainings/program/add/").content.decode()

    values = readonly_values(page)
    assert values and set(values) == {"-"}
