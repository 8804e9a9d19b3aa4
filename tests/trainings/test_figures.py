"""Figures and labels computed without the database: achievement against a target, date ranges."""

import datetime
from types import SimpleNamespace

import pytest

from trainings.querysets import achievement_percent
from trainings.templatetags.trainings import date_range


@pytest.mark.parametrize(
    ("achieved", "target", "percent"),
    [(10, 10, 100), (9, 10, 90), (12, 10, 120), (199, 200, 99), (0, 10, 0), (5, None, None), (5, 0, None)],
)
def test_achievement_is_a_whole_percentage_rounded_down(achieved, target, percent):
    assert achievement_percent(achieved, target) == percent


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "shown"),
    [
        (datetime.date(2019, 8, 8), datetime.date(2019, 8, 8), "8 Agustus 2019"),
        (datetime.date(2025, 6, 17), datetime.date(2025, 6, 18), "17 – 18 Juni 2025"),
        (datetime.date(2019, 7, 30), datetime.date(2019, 8, 2), "30 Juli – 2 Agustus 2019"),
        (datetime.date(2018, 12, 30), datetime.date(2019, 1, 2), "30 Desember 2018 – 2 Januari 2019"),
    ],
)
def test_event_dates_are_written_as_indonesians_write_them(starts_on, ends_on, shown):
    assert date_range(SimpleNamespace(starts_on=starts_on, ends_on=ends_on)) == shown
