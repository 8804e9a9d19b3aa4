"""The trainings' rules: totals that add up, and refusals in Indonesian, from the services and the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from registry.models import Kps, Wilayah
from registry.services.base import save_validated
from tests.factories import KpsFactory, PengurusFactory, WksbmFactory
from tests.trainings.factories import (
    OutcomeFactory,
    PenyuluhanFactory,
    PesertaCountFactory,
    PesertaFactory,
    ProgramFactory,
)
from trainings import reports, services
from trainings.enums import OutcomeKind
from trainings.models import EventKind, Penyuluhan, Peserta, PesertaCount, Program, Unsur

pytestmark = pytest.mark.usefixtures("diy")

AUG_8 = datetime.date(2019, 8, 8)


def unsur(slug: str) -> Unsur:
    return Unsur.objects.get(slug=slug)


def messages(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


def refusal(write) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        write()
    return messages(refused.value)


def test_the_reference_lists_are_seeded():
    assert list(EventKind.objects.values_list("name", flat=True)) == [
        "Penyuluhan sosial",
        "Bimbingan teknis",
        "Pelatihan",
        "Sosialisasi",
        "Lainnya",
    ]
    assert list(Unsur.objects.values_list("slug", flat=True)) == [
        "tokoh-masyarakat",
        "tokoh-agama",
        "perangkat-desa",
        "pendamping-pkh",
        "kader",
        "tksk",
        "psm",
        "penyuluh-sosial-masyarakat",
        "karang-taruna",
        "pkk",
        "lainnya",
    ]


def test_named_participants_and_headcounts_add_up():
    event = PenyuluhanFactory()
    PesertaFactory.create_batch(2, event=event, unsur=unsur("kader"))
    PesertaFactory(event=event, unsur=unsur("tksk"))
    PesertaCountFactory(event=event, unsur=unsur("kader"), count=5)
    PesertaCountFactory(event=event, unsur=unsur("tokoh-agama"), count=7)

    totals = Penyuluhan.objects.with_totals().get(pk=event.pk)
    by_unsur = reports.event_report(totals).by_unsur

    assert (totals.named_count, totals.counted_total, totals.participant_total) == (3, 12, 15)
    assert [(row.unsur.name, row.named, row.counted, row.total) for row in by_unsur] == [
        ("Tokoh agama", 0, 7, 7),
        ("Kader", 2, 5, 7),
        ("TKSK", 1, 0, 1),
    ]


def test_an_event_with_nobody_recorded_totals_zero():
    event = PenyuluhanFactory()

    totals = Penyuluhan.objects.with_totals().get(pk=event.pk)

    assert (totals.named_count, totals.counted_total, totals.participant_total, totals.narasumber_count) == (0, 0, 0, 0)


def test_setting_a_headcount_again_replaces_it(provinsi_staff):
    event = PenyuluhanFactory()
    services.peserta_count_set(by=provinsi_staff, event=event, unsur=unsur("kader"), count=5)

    services.peserta_count_set(by=provinsi_staff, event=event, unsur=unsur("kader"), count=8)

    assert list(PesertaCount.objects.values_list("unsur__slug", "count")) == [("kader", 8)]


@pytest.mark.parametrize(
    ("expected", "lines"),
    [(None, 15), (20, 20), (10, 15)],
    ids=["as many as recorded", "up to the expected number", "never fewer than recorded"],
)
def test_the_attendance_sheet_has_a_line_for_everyone_expected(expected, lines):
    event = PenyuluhanFactory(expected_participants=expected)
    PesertaFactory.create_batch(3, event=event)
    PesertaCountFactory(event=event, count=12)

    rows = reports.attendance_rows(Penyuluhan.objects.with_totals().get(pk=event.pk))

    assert ([row.number for row in rows], sum(1 for row in rows if row.peserta)) == (list(range(1, lines + 1)), 3)


def test_the_program_counts_each_wksbm_formed_once_and_only_its_own(provinsi_staff):
    program = ProgramFactory(target_new_wksbm=3)
    first, second = PenyuluhanFactory.create_batch(2, program=program)
    elsewhere = PenyuluhanFactory()
    twice, revived = WksbmFactory.create_batch(2)
    services.outcome_record(by=provinsi_staff, event=first, wksbm=twice)
    services.outcome_record(by=provinsi_staff, event=second, wksbm=twice)
    services.outcome_record(by=provinsi_staff, program=program, wksbm=WksbmFactory())
    services.outcome_record(by=provinsi_staff, event=first, wksbm=revived, kind=OutcomeKind.REVIVED)
    services.outcome_record(by=provinsi_staff, event=elsewhere, wksbm=WksbmFactory())

    figures = Program.objects.with_figures().get(pk=program.pk)

    assert (figures.event_count, figures.formed_count, figures.revived_count, figures.achievement_percent) == (
        2,
        2,
        1,
        66,
    )


# --- Refusals ---------------------------------------------------------------------------------------------------


def test_an_event_cannot_end_before_it_starts(provinsi_staff):
    refused = refusal(
        lambda: services.penyuluhan_create(
            by=provinsi_staff,
            kind=EventKind.objects.first(),
            theme="Bimtek WKSBM",
            starts_on=AUG_8,
            ends_on=AUG_8 - datetime.timedelta(days=1),
            wilayah=Wilayah.objects.get(code="34.03.08.2004"),
        )
    )

    assert refused == ["Tanggal selesai kegiatan tidak boleh sebelum tanggal mulainya."]
    assert Penyuluhan.objects.count() == 0


def test_the_database_itself_refuses_an_event_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        PenyuluhanFactory(starts_on=AUG_8, ends_on=AUG_8 - datetime.timedelta(days=1))


def test_a_program_cannot_end_before_it_starts(provinsi_staff):
    refused = refusal(
        lambda: services.program_create(
            by=provinsi_staff,
            name="Program",
            year=2019,
            wilayah=Wilayah.objects.get(code="34.03"),
            starts_on=AUG_8,
            ends_on=datetime.date(2019, 8, 1),
        )
    )

    assert refused == ["Tanggal selesai program tidak boleh sebelum tanggal mulainya."]


def test_an_event_may_be_held_at_provinsi_level(provinsi_staff):
    """A provincial bimtek: held in the province itself (tests/trainings/history/test_provinsi_events.py)."""
    event = services.penyuluhan_create(
        by=provinsi_staff,
        kind=EventKind.objects.first(),
        theme="Bimtek pengurus WKSBM se-DIY",
        starts_on=AUG_8,
        wilayah=Wilayah.objects.get(code="34"),
    )

    assert event.wilayah_id == "34"


def test_an_event_of_a_program_lies_in_the_programs_area(provinsi_staff):
    program = ProgramFactory(name="Gunungkidul 2019", wilayah=Wilayah.objects.get(code="34.03"))

    refused = refusal(
        lambda: services.penyuluhan_create(
            by=provinsi_staff,
            kind=EventKind.objects.first(),
            theme="Penyuluhan di Sleman",
            starts_on=AUG_8,
            wilayah=Wilayah.objects.get(code="34.04.01.2001"),
            program=program,
        )
    )

    assert refused == ["Wilayah kegiatan berada di luar wilayah program Gunungkidul 2019."]


def test_a_headcount_is_not_negative(provinsi_staff):
    event = PenyuluhanFactory()

    refused = refusal(
        lambda: services.peserta_count_set(by=provinsi_staff, event=event, unsur=unsur("kader"), count=-1)
    )

    assert refused == ["Jumlah peserta tidak boleh negatif."]


def test_the_database_itself_refuses_a_negative_headcount():
    with pytest.raises(IntegrityError), transaction.atomic():
        PesertaCountFactory(count=-1)


def test_one_headcount_per_unsur_and_event(provinsi_staff):
    existing = PesertaCountFactory(unsur=unsur("kader"))

    refused = refusal(
        lambda: save_validated(PesertaCount(event=existing.event, unsur=unsur("kader"), count=3), by=provinsi_staff)
    )

    assert refused == ["Jumlah peserta untuk unsur ini sudah dicatat pada kegiatan ini."]


def test_a_participants_phone_is_checked(provinsi_staff):
    event = PenyuluhanFactory()

    refused = refusal(
        lambda: services.peserta_add(by=provinsi_staff, event=event, name="Sumarni", unsur=unsur("kader"), phone="12")
    )

    assert refused == ["Nomor telepon 12 tidak sah: tulis seperti 0812-3456-7890 atau (0274) 391234."]
    assert Peserta.objects.count() == 0


def test_a_participant_represents_a_pengurus_or_a_kps_not_both(provinsi_staff):
    event = PenyuluhanFactory()

    refused = refusal(
        lambda: services.peserta_add(
            by=provinsi_staff,
            event=event,
            name="Sumarni",
            unsur=unsur("kader"),
            pengurus=PengurusFactory(),
            kps=KpsFactory(),
        )
    )

    assert refused == ["Peserta dapat ditautkan ke pengurus atau ke KPS, tidak keduanya."]


def test_a_participant_may_represent_a_kps(provinsi_staff):
    kps = KpsFactory(name="Karang Taruna Tunas Muda")

    peserta = services.peserta_add(
        by=provinsi_staff, event=PenyuluhanFactory(), name="Joko", unsur=unsur("karang-taruna"), kps=kps
    )

    assert (peserta.kps, peserta.history.get().history_user) == (Kps.objects.get(), provinsi_staff)


def test_an_outcome_names_its_event_or_program(provinsi_staff):
    refused = refusal(lambda: services.outcome_record(by=provinsi_staff, wksbm=WksbmFactory()))

    assert refused == ["Pilih kegiatan atau program yang menghasilkan WKSBM ini."]


def test_a_wksbm_is_recorded_once_per_event(provinsi_staff):
    outcome = OutcomeFactory()

    refused = refusal(lambda: services.outcome_record(by=provinsi_staff, event=outcome.event, wksbm=outcome.wksbm))

    assert refused == ["WKSBM ini sudah tercatat sebagai hasil kegiatan tersebut."]


def test_an_outcome_lies_in_the_events_kabupaten(provinsi_staff):
    event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code="34.03.08.2004"))
    in_sleman = WksbmFactory(name="WKSBM Sleman", wilayah=Wilayah.objects.get(code="34.04.01.2001"))

    refused = refusal(lambda: services.outcome_record(by=provinsi_staff, event=event, wksbm=in_sleman))

    assert refused == ["WKSBM ini berada di luar wilayah kegiatan atau programnya."]


def test_an_outcomes_event_belongs_to_its_program(provinsi_staff):
    event = PenyuluhanFactory()

    refused = refusal(
        lambda: services.outcome_record(by=provinsi_staff, event=event, program=ProgramFactory(), wksbm=WksbmFactory())
    )

    assert refused == ["Kegiatan ini tidak termasuk program yang dipilih."]
