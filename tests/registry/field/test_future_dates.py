"""No date of something that already happened lies in the future, on every field form and in the models (so in the
admin, the imports and the services too); the message stands on the date that is wrong."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError

from registry import dates
from registry.models import KpsMembership, Pengurus, Wksbm
from registry.services import wksbm as services
from tests.factories import KpsFactory
from tests.registry.field.test_scoping import pages

pytestmark = pytest.mark.usefixtures("diy")

# Dates that may lie ahead: a term planned to end later (masa bakti 2024–2029).
PLANNED = {("pengurus_add", "period_to"), ("pengurus_edit", "period_to")}
FORM_PAGES = [
    "wksbm_create",
    "wksbm_edit",
    "pengurus_add",
    "pengurus_edit",
    "pengurus_end",
    "kps_create",
    "kps_link",
    "membership_edit",
    "membership_end",
    "report_create",
    "report_edit",
]


def as_typed(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def free_kps(wksbm):
    return KpsFactory(name="Posyandu Mawar", wilayah=wksbm.wilayah)


def date_fields(client, address) -> list[str]:
    form = client.get(address).context["form"]
    return [name for name, field in form.fields.items() if isinstance(field, forms.DateField)]


@pytest.mark.parametrize("name", FORM_PAGES)
def test_every_date_of_the_past_refuses_tomorrow_on_its_own_field(as_penyuluh, wksbm, free_kps, name):
    address, data = next((url, data) for page, url, data in pages(wksbm, free_kps) if page == name)
    tomorrow = as_typed(dates.today() + datetime.timedelta(days=1))
    checked = []

    for field in date_fields(as_penyuluh, address):
        if (name, field) in PLANNED:
            continue
        response = as_penyuluh.post(address, {**data, field: tomorrow})

        assert response.status_code == 200, (name, field)
        errors = response.context["form"].errors
        assert list(errors) == [field], (name, field, errors)
        assert "masa depan" in errors[field][0] or "setelah hari ini" in errors[field][0], errors[field]
        checked.append(field)

    assert checked, name


@pytest.mark.parametrize(("name", "field"), sorted(PLANNED))
def test_a_term_may_be_planned_to_end_later(as_penyuluh, wksbm, free_kps, name, field):
    address, data = next((url, data) for page, url, data in pages(wksbm, free_kps) if page == name)

    response = as_penyuluh.post(address, {**data, field: as_typed(dates.today() + datetime.timedelta(days=400))})

    assert response.status_code == 302, response.context and response.context["form"].errors


def test_a_future_formation_date_is_reported_on_the_formation_date_not_the_sk_date(as_penyuluh, wksbm, free_kps):
    address, data = next((url, data) for page, url, data in pages(wksbm, free_kps) if page == "wksbm_edit")
    tomorrow = dates.today() + datetime.timedelta(days=1)

    response = as_penyuluh.post(address, {**data, "formed_on": as_typed(tomorrow), "sk_date": as_typed(dates.today())})

    assert dict(response.context["form"].errors) == {"formed_on": ["Tanggal tidak boleh di masa depan."]}


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Wksbm, "formed_on"),
        (Wksbm, "sk_date"),
        (Wksbm, "status_changed_on"),
        (Pengurus, "period_from"),
        (KpsMembership, "joined_on"),
        (KpsMembership, "left_on"),
    ],
)
def test_the_model_refuses_a_future_date_whoever_writes(wksbm, model, field):
    row = {Wksbm: wksbm, Pengurus: wksbm.pengurus.first(), KpsMembership: wksbm.memberships.first()}[model]
    tomorrow = dates.today() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        services.row_update(by=None, row=row, **{field: tomorrow})

    assert refused.value.message_dict == {field: [refused.value.message_dict[field][0]]}
    assert refused.value.error_dict[field][0].code == dates.FUTURE_DATE
    row.refresh_from_db()
    assert getattr(row, field) != tomorrow


def test_every_field_form_with_a_date_is_checked_above(as_penyuluh, wksbm, free_kps):
    with_dates = {
        name for name, address, data in pages(wksbm, free_kps) if data is not None and date_fields(as_penyuluh, address)
    }

    assert with_dates == set(FORM_PAGES)
