"""The rules of a period of pemutakhiran: it ends after it starts, it covers the province or a kabupaten, and no
two periods of the same area overlap (a kabupaten's and its province's counting as the same area)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.models import PemutakhiranPeriod
from registry.pemutakhiran import services
from tests.registry.pemutakhiran.conftest import DIY, GUNUNGKIDUL, SEMANU, SLEMAN, days, open_period

pytestmark = pytest.mark.usefixtures("diy")


def messages_of(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


def test_a_period_ends_after_it_starts():
    with pytest.raises(ValidationError) as refused:
        open_period(starts=5, ends=5)

    assert messages_of(refused.value) == ["Tanggal selesai periode harus sesudah tanggal mulai."]
    assert PemutakhiranPeriod.objects.count() == 0


def test_a_period_covers_the_province_or_a_kabupaten():
    with pytest.raises(ValidationError) as refused:
        open_period(SEMANU)

    assert messages_of(refused.value) == ["Periode pemutakhiran dibuka untuk provinsi atau satu kabupaten/kota."]


@pytest.mark.parametrize(
    ("first", "second"),
    [(DIY, DIY), (DIY, GUNUNGKIDUL), (GUNUNGKIDUL, DIY), (GUNUNGKIDUL, GUNUNGKIDUL)],
)
def test_periods_of_the_same_area_do_not_overlap(first, second):
    open_period(first, starts=0, ends=30, name="Pemutakhiran 2027")

    with pytest.raises(ValidationError) as refused:
        open_period(second, starts=30, ends=60, name="Pemutakhiran susulan")

    [message] = messages_of(refused.value)
    assert message.startswith("Periode ini tumpang tindih dengan Pemutakhiran 2027 (")
    assert PemutakhiranPeriod.objects.count() == 1


def test_periods_of_two_kabupaten_may_overlap():
    open_period(GUNUNGKIDUL, starts=0, ends=30)
    open_period(SLEMAN, starts=0, ends=30)

    assert PemutakhiranPeriod.objects.count() == 2


@settings(max_examples=40, deadline=None)
@given(
    first=st.tuples(st.integers(-50, 50), st.integers(1, 40)),
    second=st.tuples(st.integers(-50, 50), st.integers(1, 40)),
    second_area=st.sampled_from([DIY, GUNUNGKIDUL]),
)
def test_an_overlap_is_refused_exactly_when_the_days_meet(django_db_blocker, first, second, second_area):
    start_a, length_a = first
    start_b, length_b = second
    meets = start_a <= start_b + length_b and start_b <= start_a + length_a
    with django_db_blocker.unblock():
        PemutakhiranPeriod.objects.all().delete()
        existing = open_period(GUNUNGKIDUL, starts=start_a, ends=start_a + length_a)
        try:
            open_period(second_area, starts=start_b, ends=start_b + length_b, name="Kedua")
            refused = False
        except ValidationError:
            refused = True
        # Changing a period within its own days is never an overlap with itself.
        services.period_update(by=None, period=existing, name="Diubah")

    assert refused is meets


def test_changing_a_period_into_an_overlap_is_refused_and_keeps_it():
    open_period(DIY, starts=0, ends=30, name="Pemutakhiran 2027")
    later = open_period(GUNUNGKIDUL, starts=40, ends=60, name="Susulan")

    with pytest.raises(ValidationError):
        services.period_update(by=None, period=later, starts_on=days(20))

    later.refresh_from_db()
    assert later.starts_on == days(40)


def test_closing_a_period_ends_it_and_is_recorded(admin_provinsi):
    period = open_period()

    services.period_close(by=admin_provinsi, period=period)

    period.refresh_from_db()
    assert (period.is_open_on(days(0)), period.closed_by, period.history.first().history_user) == (
        False,
        admin_provinsi,
        admin_provinsi,
    )
    with pytest.raises(ValidationError) as refused:
        services.period_close(by=admin_provinsi, period=period)
    assert refused.value.messages == ["Periode pemutakhiran ini sudah ditutup."]
