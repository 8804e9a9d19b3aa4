"""The queue's admin: the items of the user's area only, read-only, filtered and searched; confirming the chosen
ones through the service, returning them on the queue page (a reason is needed); the history of each step."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from registry.enums import VerificationState
from registry.models import VerificationItem, Wilayah
from registry.services import wksbm as services
from registry.verification import services as verification
from tests.registry.verification.conftest import SEMANU_CANDIREJO

pytestmark = pytest.mark.django_db

LIST = reverse("admin:registry_verificationitem_changelist")


def sent(penyuluh, name):
    return services.wksbm_create(by=penyuluh, name=name, wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))


def items(penyuluh, *names) -> list[VerificationItem]:
    return [VerificationItem.objects.of_record(sent(penyuluh, name)).get() for name in names]


@pytest.fixture(autouse=True)
def staff(operator, outsider, admin_provinsi, pimpinan):
    """The office's users reach the admin (as `petugas_save` makes them)."""
    for user in (operator, outsider, admin_provinsi, pimpinan):
        user.is_staff = True
        user.save()


def listed(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return sorted(item.title for item in response.context["cl"].result_list)


def test_the_list_holds_the_users_area_only(client, penyuluh, operator, outsider, admin_provinsi):
    items(penyuluh, "WKSBM Satu", "WKSBM Dua")

    for user, expected in ((operator, 2), (admin_provinsi, 2), (outsider, 0)):
        client.force_login(user)
        assert len(listed(client)) == expected, user.username


def test_the_list_is_filtered_by_state_and_kind_and_searched_by_title(client, penyuluh, operator):
    first, _second = items(penyuluh, "WKSBM Satu", "WKSBM Dua")
    verification.send_back(by=operator, items=[first], reason="Periksa nama.")
    client.force_login(operator)

    assert listed(client, state=VerificationState.DIKEMBALIKAN) == ["WKSBM: WKSBM Satu"]
    assert listed(client, jenis="wksbm") == ["WKSBM: WKSBM Dua", "WKSBM: WKSBM Satu"]
    assert listed(client, jenis="pengurus") == []
    assert listed(client, q="Dua") == ["WKSBM: WKSBM Dua"]


def test_an_item_is_read_only_and_shows_its_changes_and_history(client, penyuluh, operator):
    [item] = items(penyuluh, "WKSBM Satu")
    verification.confirm(by=operator, items=[item])
    client.force_login(operator)

    page = client.get(reverse("admin:registry_verificationitem_change", args=[item.pk])).content.decode()
    history = client.get(reverse("admin:registry_verificationitem_history", args=[item.pk]))

    assert "<th>Sebelum</th>" in page and "WKSBM Satu" in page
    assert 'name="_save"' not in page
    assert history.status_code == 200
    assert client.post(reverse("admin:registry_verificationitem_change", args=[item.pk]), {}).status_code == 403


def test_the_action_confirms_the_chosen_items_through_the_service(client, penyuluh, operator, outsider):
    first, second = items(penyuluh, "WKSBM Satu", "WKSBM Dua")
    client.force_login(operator)

    response = client.post(
        LIST, {"action": "confirm_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}, follow=True
    )

    assert "2 data diverifikasi." in response.content.decode()
    assert set(VerificationItem.objects.values_list("state", "decided_by")) == {
        (VerificationState.TERVERIFIKASI, operator.pk)
    }


def test_the_return_action_leads_to_the_queue_page(client, penyuluh, operator):
    [item] = items(penyuluh, "WKSBM Satu")
    client.force_login(operator)

    response = client.post(LIST, {"action": "return_selected", ACTION_CHECKBOX_NAME: [item.pk]}, follow=True)

    assert f"{reverse('verification_queue')}?wksbm={item.wksbm_id}" in response.content.decode()
    item.refresh_from_db()
    assert item.state == VerificationState.MENUNGGU


def test_a_reader_has_no_actions(client, penyuluh, pimpinan):
    items(penyuluh, "WKSBM Satu")
    client.force_login(pimpinan)

    assert client.get(LIST).status_code == 403, "the pimpinan does not read the queue's items"
