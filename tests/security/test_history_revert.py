"""simple-history's version page reverts a record when posted to: only a user who may change the record may do
so. A read-only role (pimpinan) sees the version read-only and its POST is refused, with nothing changed."""

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from simple_history.admin import SimpleHistoryAdmin

from registry.enums import Role
from registry.models import Pengurus, RekapSnapshot, Wksbm
from tests.test_access_matrix import admin_url


def version_form_data(response) -> dict[str, str]:
    """What a browser submits for a version page left unchanged (it has no inlines)."""
    data = {}
    for field in response.context["adminform"].form:
        value = field.field.prepare_value(field.value())
        data[field.html_name] = "" if value is None else str(value)
    return data


def version_url(record) -> str:
    return f"{admin_url(record, 'history')}{record.history.earliest('history_date').history_id}/"


@pytest.mark.parametrize(("role", "status", "reverted"), [(Role.PIMPINAN, 403, False), (Role.KABUPATEN, 302, True)])
@pytest.mark.parametrize("model", [Wksbm, Pengurus])
def test_only_a_user_who_may_change_the_record_reverts_it_from_a_version(
    client, world, petugas, role, status, reverted, model
):
    record = world[model._meta.model_name]
    original = record.name
    record.name = "Nama Baru"
    record.save()
    url = version_url(record)
    client.force_login(petugas("petugas", role, "34.03"))

    page = client.get(url)
    # A pimpinan who may not even read the records (the queue's items) posts blind.
    shown = version_form_data(page) if page.status_code == 200 else {}
    response = client.post(url, {**shown, "_change_history": ""})

    assert (response.status_code, model.objects.get(pk=record.pk).name) == (
        status,
        original if reverted else "Nama Baru",
    )


HISTORY_ADMINS = sorted(
    (model for model, model_admin in admin.site._registry.items() if isinstance(model_admin, SimpleHistoryAdmin)),
    key=lambda model: model._meta.label,
)


@pytest.mark.parametrize("model", HISTORY_ADMINS, ids=[m._meta.label for m in HISTORY_ADMINS])
def test_no_version_page_of_any_admin_reverts_for_a_user_who_may_not_change_the_record(client, world, petugas, model):
    record = world[model._meta.model_name]
    if model is not RekapSnapshot:  # a frozen rekap refuses a second save: its freezing is its version
        record.save()  # a version to post back
    url = version_url(record)
    versions = record.history.count()
    client.force_login(petugas("pimpinan", Role.PIMPINAN, "34"))
    before = model_to_dict(model.objects.get(pk=record.pk))

    page = client.get(url)
    # A pimpinan who may not even read the records (the queue's items) posts blind.
    shown = version_form_data(page) if page.status_code == 200 else {}
    response = client.post(url, {**shown, "_change_history": ""})

    assert response.status_code == 403
    assert (model_to_dict(model.objects.get(pk=record.pk)), record.history.count()) == (before, versions)


def test_every_admin_with_history_is_covered():
    """The national lists and the trainings' admins keep history too; each is in the test above."""
    assert {m._meta.model_name for m in HISTORY_ADMINS} >= {
        "wksbm",
        "pengurus",
        "kps",
        "program",
        "penyuluhan",
        "kpskind",
        "eventkind",
        "unsur",
    }
