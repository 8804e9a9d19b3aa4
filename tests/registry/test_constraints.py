"""In-memory evaluation of check constraints agrees with the database's."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from registry.constraints import check_constraint_errors
from registry.models import AidDistribution, Pengurus, Wksbm
from tests.factories import ActivityReportFactory, PengurusFactory, WksbmFactory

pytestmark = pytest.mark.usefixtures("diy")

JAN, FEB = datetime.date(2020, 1, 1), datetime.date(2020, 2, 1)


@pytest.mark.parametrize(
    ("formed_on", "status_changed_on", "sk_date", "broken"),
    [
        (FEB, JAN, None, ["wksbm_status_change_after_formation"]),
        (FEB, None, JAN, ["wksbm_sk_after_formation"]),
        (JAN, FEB, FEB, []),
        (None, JAN, JAN, []),
        (FEB, JAN, JAN, ["wksbm_status_change_after_formation", "wksbm_sk_after_formation"]),
    ],
)
def test_wksbm_date_rules_agree_with_the_database(formed_on, status_changed_on, sk_date, broken):
    wksbm = WksbmFactory.build(formed_on=formed_on, status_changed_on=status_changed_on, sk_date=sk_date)

    in_memory = [name for name, _ in check_constraint_errors(wksbm)]
    try:
        with transaction.atomic():
            wksbm.save()
        database_accepts = True
    except IntegrityError:
        database_accepts = False

    assert in_memory == broken
    assert database_accepts is (broken == [])


def test_messages_are_the_constraints_indonesian_messages():
    pengurus = PengurusFactory.build(wksbm=Wksbm(), period_from=FEB, period_to=JAN)

    assert check_constraint_errors(pengurus) == [
        ("pengurus_period_in_order", "Akhir masa bakti tidak boleh sebelum awalnya.")
    ]


def test_amount_and_beneficiary_rules_are_checked():
    line = AidDistribution(report=ActivityReportFactory(), amount=-1, beneficiaries=-2)

    assert [name for name, _ in check_constraint_errors(line)] == [
        "aid_distribution_amount_not_negative",
        "aid_distribution_beneficiaries_not_negative",
    ]
    assert check_constraint_errors(Pengurus(period_from=None, period_to=JAN)) == []
