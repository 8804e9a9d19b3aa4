"""The network's services: each write validated, all or nothing, with history naming who made it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from registry import dates
from registry.models import Jejaring, JejaringKind, Mitra, MitraContact, MitraKind, Wilayah
from registry.network import services
from tests.factories import WksbmFactory
from tests.registry.network.conftest import SEMANU_CANDIREJO
from tests.registry.network.factories import JejaringFactory, MitraContactFactory, MitraFactory

pytestmark = pytest.mark.usefixtures("diy")


def messages(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


def kind(slug="kemitraan-dana"):
    return JejaringKind.objects.get(slug=slug)


def test_mitra_create_saves_the_mitra_and_its_contacts_with_history(operator):
    mitra = services.mitra_create(
        by=operator,
        name="  Baznas   Gunungkidul ",
        kind=MitraKind.objects.get(slug="baznas-zakat"),
        level="kabupaten",
        wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO),
        contacts=[{"name": "Rahmat", "position": "Ketua", "phone": "081234567890"}],
    )

    assert (mitra.name, mitra.reach) == ("Baznas Gunungkidul", "34.03")
    assert list(mitra.contacts.values_list("name", "phone")) == [("Rahmat", "081234567890")]
    assert [record.history_user for record in mitra.history.all()] == [operator]
    assert [record.history_user for record in mitra.contacts.get().history.all()] == [operator]


def test_mitra_create_with_a_bad_contact_saves_nothing(operator):
    with pytest.raises(ValidationError) as refused:
        services.mitra_create(
            by=operator,
            name="Puskesmas Semanu I",
            kind=MitraKind.objects.get(slug="puskesmas"),
            level="kecamatan",
            wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO),
            contacts=[{"name": "Rahmat", "phone": "12"}],
        )

    assert "phone" in refused.value.message_dict
    assert (Mitra.objects.count(), MitraContact.objects.count()) == (0, 0)


def test_mitra_update_moves_its_working_area_with_its_level(operator):
    mitra = MitraFactory(level="kabupaten")

    services.mitra_update(by=operator, mitra=mitra, level="kecamatan", address="Jl. Baron km 3")

    mitra.refresh_from_db()
    assert (mitra.reach, mitra.address) == ("34.03.08", "Jl. Baron km 3")
    assert mitra.history.first().history_user == operator


def test_contact_save_adds_then_changes_a_contact_of_the_same_mitra(operator):
    mitra = MitraFactory()

    contact = services.contact_save(by=operator, mitra=mitra, name="Sri", position="Staf")
    services.contact_save(by=operator, mitra=mitra, contact=contact, position="Kepala")

    assert list(mitra.contacts.values_list("name", "position")) == [("Sri", "Kepala")]


def test_contact_save_refuses_a_contact_of_another_mitra(operator):
    contact = MitraContactFactory()

    with pytest.raises(ValidationError) as refused:
        services.contact_save(by=operator, mitra=MitraFactory(), contact=contact, name="Sri")

    assert refused.value.messages == ["Narahubung ini bukan milik mitra tersebut."]


def test_tie_create_between_two_wksbm_is_stored_lower_id_first(operator):
    first, second = WksbmFactory(), WksbmFactory()

    tie = services.tie_create(
        by=operator, wksbm=second, partner_wksbm=first, kind=kind(), started_on=datetime.date(2024, 2, 1)
    )

    assert (tie.wksbm_id, tie.partner_wksbm_id) == (first.pk, second.pk)
    assert tie.history.get().history_user == operator


def test_tie_create_refuses_the_reverse_of_an_active_tie_between_two_wksbm(operator):
    first, second = WksbmFactory(), WksbmFactory()
    services.tie_create(
        by=operator, wksbm=first, partner_wksbm=second, kind=kind(), started_on=datetime.date(2024, 2, 1)
    )

    with pytest.raises(ValidationError) as refused:
        services.tie_create(
            by=operator, wksbm=second, partner_wksbm=first, kind=kind(), started_on=datetime.date(2024, 5, 1)
        )

    assert "Sudah ada jejaring Kemitraan dana yang aktif antara keduanya sejak 01/02/2024." in messages(refused.value)
    assert Jejaring.objects.count() == 1


def test_tie_end_dates_today_by_default_and_makes_it_past(operator):
    tie = JejaringFactory()

    services.tie_end(by=operator, tie=tie)

    tie.refresh_from_db()
    assert tie.ended_on == dates.today()
    assert list(Jejaring.objects.past()) == [tie]
    assert tie.history.first().history_user == operator


@pytest.mark.parametrize(
    ("ended_on", "message"),
    [
        (datetime.date(2024, 1, 15), "Tanggal berakhir harus sesudah tanggal mulai."),
        (datetime.date(2024, 1, 1), "Tanggal berakhir harus sesudah tanggal mulai."),
    ],
)
def test_tie_end_refuses_an_end_not_after_its_start(operator, ended_on, message):
    tie = JejaringFactory(started_on=datetime.date(2024, 1, 15))

    with pytest.raises(ValidationError) as refused:
        services.tie_end(by=operator, tie=tie, ended_on=ended_on)

    assert messages(refused.value) == [message]
    assert Jejaring.objects.get().ended_on is None


def test_tie_end_refuses_a_tie_already_ended_and_an_end_ahead(operator):
    ended = JejaringFactory(ended_on=datetime.date(2024, 6, 1))
    active = JejaringFactory()

    with pytest.raises(ValidationError) as already:
        services.tie_end(by=operator, tie=ended)
    with pytest.raises(ValidationError) as ahead:
        services.tie_end(by=operator, tie=active, ended_on=dates.today() + datetime.timedelta(days=1))

    assert messages(already.value) == ["Jejaring ini sudah berakhir."]
    assert messages(ahead.value) == ["Tanggal berakhir tidak boleh di masa depan."]


def test_tie_update_corrects_the_kind_by_the_same_rules(operator):
    mitra = MitraFactory()
    wksbm = WksbmFactory()
    JejaringFactory(wksbm=wksbm, mitra=mitra, kind=kind("layanan-rujukan"))
    tie = JejaringFactory(wksbm=wksbm, mitra=mitra)

    with pytest.raises(ValidationError):
        services.tie_update(by=operator, tie=tie, kind=kind("layanan-rujukan"))
    services.tie_update(by=operator, tie=tie, kind=kind("program-bersama"), basis_number="PKS/01/2024")

    tie.refresh_from_db()
    assert (tie.kind.slug, tie.basis_number) == ("program-bersama", "PKS/01/2024")
