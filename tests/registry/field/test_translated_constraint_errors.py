"""A broken model constraint's message stands next to its field whatever language it reads in: forms route it by
the constraint's code, not by its text."""

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.models import Kps, Pengurus, Wksbm
from tests.conftest import pseudo_translated
from tests.registry.field.test_kps_pages import kind
from tests.registry.field.test_pengurus_pages import ketua
from tests.registry.field.test_wksbm_pages import edit_data

TOKEN = "c0de0000-0000-4000-8000-000000000007"
SEMANU_CANDIREJO = "34.03.08.2004"


def wksbm_create(wksbm, change):
    data = {"form_token": TOKEN, "wilayah": SEMANU_CANDIREJO, "name": "WKSBM Baru", "formed_on": "08/08/2019"}
    return reverse("wksbm_create"), {**data, **change}


def wksbm_edit(wksbm, change):
    return reverse("wksbm_edit", args=[wksbm.pk]), edit_data(wksbm, **change)


def kps_create(wksbm, change):
    return reverse("kps_create", args=[wksbm.pk]), {
        "form_token": TOKEN,
        "name": "Posyandu Melati",
        "kind": kind().pk,
        **change,
    }


def pengurus_add(wksbm, change):
    data = {"form_token": TOKEN, "role": ketua().pk, "name": "Budi", "period_from": "01/01/2021"}
    return reverse("pengurus_add", args=[wksbm.pk]), {**data, **change}


CASES = [
    (wksbm_create, {"name": "wksbm candirejo SEJAHTERA"}, "name", Wksbm, "wksbm_name_unique_per_wilayah"),
    (wksbm_create, {"sk_date": "01/01/2019"}, "sk_date", Wksbm, "wksbm_sk_after_formation"),
    (
        wksbm_edit,
        {"status_changed_on": "01/01/2010"},
        "status_changed_on",
        Wksbm,
        "wksbm_status_change_after_formation",
    ),
    (kps_create, {"name": "karang taruna  TUNAS muda"}, "name", Kps, "kps_name_unique_per_wilayah"),
    (pengurus_add, {"period_to": "01/01/2020"}, "period_to", Pengurus, "pengurus_period_in_order"),
]


@pytest.mark.parametrize(("page", "change", "field", "model", "constraint"), CASES)
def test_a_translated_constraint_message_lands_on_its_field(
    as_penyuluh, wksbm, pseudo_translation, page, change, field, model, constraint
):
    (broken,) = [c for c in model._meta.constraints if c.name == constraint]
    counts = (Wksbm.objects.count(), Kps.objects.count(), Pengurus.objects.count(), wksbm.history.count())
    url, data = page(wksbm, change)

    response = as_penyuluh.post(url, data)

    form = response.context["form"]
    message = str(broken.get_violation_error_message())
    assert (message[0], message[-1]) == (pseudo_translated("")[0], pseudo_translated("")[-1])
    assert (response.status_code, form.errors.get(field), form.non_field_errors()) == (200, [message], [])
    assert (Wksbm.objects.count(), Kps.objects.count(), Pengurus.objects.count(), wksbm.history.count()) == counts


# Any wording a translator might choose: printable text, without the `%` Django formats constraint messages with.
TRANSLATIONS = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="%"), max_size=80).filter(
    str.strip
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(CASES), wording=TRANSLATIONS)
def test_any_translation_of_a_constraint_message_lands_on_its_field(as_penyuluh, wksbm, case, wording):
    page, change, field, model, constraint = case
    (broken,) = [c for c in model._meta.constraints if c.name == constraint]
    original = str(broken.violation_error_message)
    url, data = page(wksbm, change)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(translation._trans, "gettext", lambda message: wording if message == original else message)
        response = as_penyuluh.post(url, data)
        form = response.context["form"]
        shown = (response.status_code, list(form.errors.get(field, [])), list(form.non_field_errors()))

    assert shown == (200, [wording], [])
