"""The API world's records beyond the registry's core ones (`tests.api.conftest.records_in`): the pembinaan
records of `trainings`, the network and an attachment, each in the same desa as the core records, named by the
basename of its endpoint."""

import datetime

from registry.models import Wilayah
from tests.factories import UserFactory
from tests.trainings.evaluations.conftest import EXAMPLE, evaluate
from tests.trainings.factories import (
    NarasumberFactory,
    OutcomeFactory,
    PenyuluhanFactory,
    PesertaCountFactory,
    PesertaFactory,
    ProgramFactory,
)
from tests.trainings.visits.factories import KunjunganFactory, TindakLanjutFactory
from trainings.models import Instrument


def trainings_records(*, wilayah: Wilayah, wksbm, pengurus, phone: str, label: str) -> dict:
    """A program of the desa's kecamatan with an event in the desa (a narasumber, a headcount, a named participant
    with `phone`, the WKSBM formed), a visit to `wksbm` with a follow-up and `pengurus` present, an evaluation."""
    program = ProgramFactory(name=f"Program {label}", wilayah=wilayah.parent)
    event = PenyuluhanFactory(theme=f"Penyuluhan {label}", wilayah=wilayah, program=program)
    NarasumberFactory(event=event)
    PesertaCountFactory(event=event)
    peserta = PesertaFactory(event=event, name=f"Peserta {label}", origin=wilayah, phone=phone)
    outcome = OutcomeFactory(event=event, wksbm=wksbm)
    visit = KunjunganFactory(wksbm=wksbm, visitor=UserFactory())
    visit.pengurus_present.set([pengurus])
    follow_up = TindakLanjutFactory(visit=visit)
    evaluation = evaluate(wksbm, Instrument.objects.get(name=EXAMPLE), UserFactory(), on=datetime.date(2025, 3, 1))
    return {
        "program": program,
        "penyuluhan": event,
        "peserta": peserta,
        "hasil-kegiatan": outcome,
        "kunjungan": visit,
        "tindak-lanjut": follow_up,
        "penilaian": evaluation,
    }
