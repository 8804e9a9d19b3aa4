"""The registry's rules, tried through the service layer and against the database itself."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry import dates
from registry.models import (
    ActivityKind,
    ActivityReport,
    AidDistribution,
    AidPurpose,
    FundCollection,
    FundSource,
    Kps,
    KpsKind,
    KpsMembership,
    Pengurus,
    PengurusRole,
    Wilayah,
    Wksbm,
)
from registry.services import wksbm as services
from registry.validators import mask_nik
from tests.factories import ActivityReportFactory, KpsFactory, MembershipFactory, PengurusFactory, WksbmFactory

pytestmark = pytest.mark.usefixtures("diy")

VALID_NIK = "3403010101900001"


@pytest.fixture
def operator(db):
    return User.objects.create_user("operator")


def messages(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


def role(slug):
    return PengurusRole.objects.get(slug=slug)


def test_wksbm_name_is_unique_per_wilayah_ignoring_case_and_spaces(operator):
    candirejo = Wilayah.objects.get(code="34.03.08.2004")
    services.wksbm_create(by=operator, name="WKSBM Ngudi Rahayu", wilayah=candirejo)

    with pytest.raises(ValidationError) as refused:
        services.wksbm_create(by=operator, name="  wksbm  ngudirahayu ", wilayah=candirejo)

    assert messages(refused.value) == ["Sudah ada WKSBM dengan nama ini di wilayah yang sama."]
    assert Wksbm.objects.count() == 1


def test_the_same_name_is_allowed_in_the_other_candirejo(operator):
    services.wksbm_create(by=operator, name="WKSBM Candirejo", wilayah=Wilayah.objects.get(code="34.03.08.2004"))

    services.wksbm_create(by=operator, name="WKSBM Candirejo", wilayah=Wilayah.objects.get(code="34.03.12.2006"))

    assert Wksbm.objects.filter(name="WKSBM Candirejo").count() == 2


def test_the_database_itself_refuses_a_duplicate_name(operator):
    candirejo = Wilayah.objects.get(code="34.03.08.2004")
    Wksbm.objects.create(name="WKSBM Maju", wilayah=candirejo)

    with pytest.raises(IntegrityError), transaction.atomic():
        Wksbm.objects.create(name="wksbm maju", wilayah=candirejo)


def test_a_wksbm_sits_in_a_desa_or_kecamatan_not_a_kabupaten(operator):
    with pytest.raises(ValidationError) as refused:
        services.wksbm_create(by=operator, name="Forum", wilayah=Wilayah.objects.get(code="34.03"))

    assert messages(refused.value) == ["WKSBM berada di desa/kelurahan atau kecamatan, bukan di kabupaten/kota."]
    assert Wksbm.objects.count() == 0


def test_a_kecamatan_level_wksbm_is_allowed(operator):
    wksbm = services.wksbm_create(
        by=operator, name="WKSBM Kapanewon Semanu", wilayah=Wilayah.objects.get(code="34.03.08")
    )

    assert Wksbm.objects.get().wilayah_id == wksbm.wilayah_id == "34.03.08"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"formed_on": datetime.date(2020, 1, 1), "status_changed_on": datetime.date(2019, 1, 1)},
            "Tanggal perubahan status tidak boleh sebelum tanggal pembentukan.",
        ),
        (
            {"formed_on": datetime.date(2020, 1, 1), "sk_date": datetime.date(2019, 12, 31)},
            "Tanggal SK tidak boleh sebelum tanggal pembentukan.",
        ),
        ({"formed_on": datetime.date(2999, 1, 1)}, "Tanggal tidak boleh di masa depan."),
        ({"phone": "12345"}, "Nomor telepon 12345 tidak sah: tulis seperti 0812-3456-7890 atau (0274) 391234."),
    ],
)
def test_wksbm_rules_refuse_with_an_indonesian_message(operator, fields, message):
    with pytest.raises(ValidationError) as refused:
        services.wksbm_create(by=operator, name="WKSBM", wilayah=Wilayah.objects.get(code="34.03.08.2004"), **fields)

    assert messages(refused.value) == [message]
    assert Wksbm.objects.count() == 0


def test_a_status_change_is_dated_and_kept_in_history(operator):
    wksbm = WksbmFactory()

    services.wksbm_update(by=operator, wksbm=wksbm, status="vakum")

    wksbm.refresh_from_db()
    latest = wksbm.history.latest()
    assert (wksbm.status, wksbm.status_changed_on) == ("vakum", dates.today())
    assert (latest.history_user, latest.status, latest.prev_record.status) == (operator, "vakum", "aktif")


def test_pengurus_nik_and_period_are_validated(operator):
    wksbm = WksbmFactory()

    with pytest.raises(ValidationError) as bad_nik:
        services.pengurus_add(by=operator, wksbm=wksbm, name="Sri", role=role("ketua"), nik="1234")
    with pytest.raises(ValidationError) as bad_period:
        services.pengurus_add(
            by=operator,
            wksbm=wksbm,
            name="Sri",
            role=role("ketua"),
            period_from=datetime.date(2024, 1, 1),
            period_to=datetime.date(2023, 1, 1),
        )

    assert messages(bad_nik.value) == ["NIK harus 16 angka yang sah (kode wilayah dan tanggal lahir yang mungkin)."]
    assert messages(bad_period.value) == ["Akhir masa bakti tidak boleh sebelum awalnya."]
    assert Pengurus.objects.count() == 0


def test_nik_is_masked_for_lists():
    assert (mask_nik(VALID_NIK), mask_nik("")) == ("3403••••••••••01", "")


def test_a_kps_is_a_current_member_of_one_wksbm_at_a_time(operator):
    first, second = WksbmFactory(), WksbmFactory()
    kps = KpsFactory()
    services.membership_add(by=operator, kps=kps, wksbm=first)

    with pytest.raises(ValidationError) as refused:
        services.membership_add(by=operator, kps=kps, wksbm=second)

    assert messages(refused.value) == [
        "KPS ini masih tercatat sebagai anggota sebuah WKSBM; isi tanggal keluarnya lebih dulu."
    ]
    assert list(KpsMembership.objects.values_list("wksbm", flat=True)) == [first.pk]


def test_a_kps_can_move_after_its_membership_ends(operator):
    first, second = WksbmFactory(), WksbmFactory()
    membership = services.membership_add(
        by=operator, kps=KpsFactory(), wksbm=first, joined_on=datetime.date(2020, 1, 1)
    )

    services.membership_end(by=operator, membership=membership, on=datetime.date(2024, 1, 1))
    services.membership_add(by=operator, kps=membership.kps, wksbm=second)

    assert list(KpsMembership.objects.current().values_list("wksbm", flat=True)) == [second.pk]


def test_a_kps_outside_the_wksbm_area_is_refused(operator):
    wksbm = WksbmFactory(wilayah=Wilayah.objects.get(code="34.03.08.2004"))
    elsewhere = KpsFactory(wilayah=Wilayah.objects.get(code="34.03.12.2006"))

    with pytest.raises(ValidationError) as refused:
        services.membership_add(by=operator, kps=elsewhere, wksbm=wksbm)

    assert messages(refused.value) == [f"KPS ini berada di luar wilayah WKSBM {wksbm.name}."]
    assert KpsMembership.objects.count() == 0


def test_a_kecamatan_level_wksbm_takes_kps_of_its_desa(operator):
    forum = WksbmFactory(wilayah=Wilayah.objects.get(code="34.03.08"))

    services.membership_add(by=operator, kps=KpsFactory(wilayah=Wilayah.objects.get(code="34.03.08.2004")), wksbm=forum)

    assert forum.memberships.count() == 1


def test_kps_name_is_unique_per_wilayah(operator):
    kind = KpsKind.objects.get(slug="pkk")
    candirejo = Wilayah.objects.get(code="34.03.08.2004")
    services.kps_create(by=operator, name="PKK Candirejo", kind=kind, wilayah=candirejo)

    with pytest.raises(ValidationError) as refused:
        services.kps_create(by=operator, name="pkk candirejo", kind=kind, wilayah=candirejo)

    assert messages(refused.value) == ["Sudah ada KPS dengan nama ini di wilayah yang sama."]
    assert Kps.objects.count() == 1


def test_a_report_with_a_negative_amount_saves_nothing(operator):
    wksbm = WksbmFactory()

    with pytest.raises(ValidationError) as refused:
        services.report_create(
            by=operator,
            wksbm=wksbm,
            date=datetime.date(2025, 6, 17),
            kind=ActivityKind.objects.get(slug="penyaluran-bantuan"),
            collected=[(FundSource.objects.get(slug="perantau"), 125_000_000)],
            distributed=[(AidPurpose.objects.get(slug="pendidikan"), -5, 3)],
        )

    assert messages(refused.value) == ["Jumlah bantuan tidak boleh negatif."]
    assert (ActivityReport.objects.count(), FundCollection.objects.count()) == (0, 0)


def test_the_database_refuses_negative_amounts_and_beneficiaries():
    report = ActivityReportFactory()
    purpose = AidPurpose.objects.get(slug="lansia")

    with pytest.raises(IntegrityError), transaction.atomic():
        FundCollection.objects.create(report=report, source=FundSource.objects.get(slug="csr"), amount=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AidDistribution.objects.create(report=report, purpose=purpose, amount=1, beneficiaries=-1)


def test_a_report_cannot_be_dated_in_the_future(operator):
    with pytest.raises(ValidationError) as refused:
        services.report_create(
            by=operator, wksbm=WksbmFactory(), date=datetime.date(2999, 1, 1), kind=ActivityKind.objects.first()
        )

    assert messages(refused.value) == ["Tanggal laporan tidak boleh di masa depan."]


def test_board_is_complete_with_a_current_ketua_and_sekretaris():
    complete, no_sekretaris, ended_ketua = WksbmFactory(), WksbmFactory(), WksbmFactory()
    PengurusFactory(wksbm=complete, role=role("ketua"))
    PengurusFactory(wksbm=complete, role=role("sekretaris"))
    PengurusFactory(wksbm=no_sekretaris, role=role("ketua"))
    PengurusFactory(wksbm=no_sekretaris, role=role("bendahara"))
    PengurusFactory(wksbm=ended_ketua, role=role("ketua"), period_to=datetime.date(2020, 1, 1))
    PengurusFactory(wksbm=ended_ketua, role=role("sekretaris"))

    summary = {w.pk: w.board_complete for w in Wksbm.objects.with_summary()}

    assert summary == {complete.pk: True, no_sekretaris.pk: False, ended_ketua.pk: False}
    assert set(Wksbm.objects.incomplete_board()) == {no_sekretaris, ended_ketua}
    assert list(Wksbm.objects.complete_board()) == [complete]


def test_kps_count_counts_current_members_and_last_activity_is_the_latest_report():
    wksbm = WksbmFactory()
    MembershipFactory(wksbm=wksbm)
    MembershipFactory(wksbm=wksbm)
    MembershipFactory(wksbm=wksbm, left_on=datetime.date(2024, 1, 1))
    ActivityReportFactory(wksbm=wksbm, date=datetime.date(2024, 3, 1))
    ActivityReportFactory(wksbm=wksbm, date=datetime.date(2025, 6, 17))

    summary = Wksbm.objects.with_summary().get()

    assert (summary.kps_count, summary.last_activity_on) == (2, datetime.date(2025, 6, 17))


def test_possibly_dormant_means_active_and_silent_for_twelve_months():
    on = datetime.date(2025, 6, 17)
    silent = WksbmFactory(formed_on=datetime.date(2019, 1, 1))
    ActivityReportFactory(wksbm=silent, date=datetime.date(2024, 6, 16))
    lively = WksbmFactory(formed_on=datetime.date(2019, 1, 1))
    ActivityReportFactory(wksbm=lively, date=datetime.date(2024, 6, 17))
    WksbmFactory(formed_on=datetime.date(2025, 1, 1))  # too young to judge
    WksbmFactory(formed_on=datetime.date(2019, 1, 1), status="bubar")
    never_reported = WksbmFactory(formed_on=None)

    assert set(Wksbm.objects.possibly_dormant(on)) == {silent, never_reported}


def test_months_before_clamps_to_the_end_of_the_month():
    assert dates.months_before(datetime.date(2024, 2, 29), 12) == datetime.date(2023, 2, 28)
    assert dates.months_before(datetime.date(2025, 3, 31), 1) == datetime.date(2025, 2, 28)
    assert dates.months_before(datetime.date(2025, 1, 15), 12) == datetime.date(2024, 1, 15)


def test_summary_costs_one_query_however_many_wksbm(django_assert_num_queries):
    for _ in range(5):
        wksbm = WksbmFactory()
        PengurusFactory(wksbm=wksbm, role=role("ketua"))
        MembershipFactory(wksbm=wksbm)
        ActivityReportFactory(wksbm=wksbm)

    with django_assert_num_queries(1):
        rows = [(w.board_complete, w.kps_count, w.last_activity_on) for w in Wksbm.objects.with_summary()]

    assert rows == [(False, 1, datetime.date(2025, 6, 17))] * 5


def test_service_writes_name_the_user_in_history(operator):
    wksbm = WksbmFactory()

    pengurus = services.pengurus_add(by=operator, wksbm=wksbm, name="Sri Lestari", role=role("ketua"), nik=VALID_NIK)
    services.pengurus_end_term(by=operator, pengurus=pengurus, on=datetime.date(2025, 1, 1))

    history = list(pengurus.history.order_by("history_date").values_list("history_type", "history_user", "period_to"))
    assert history == [("+", operator.pk, None), ("~", operator.pk, datetime.date(2025, 1, 1))]
