"""The API world's records beyond the registry's core ones (`tests.api.conftest.records_in`): the pembinaan
records of `trainings`, the network and an attachment, each in the same desa as the core records, named by the
basename of its endpoint."""

import datetime

from registry.attachments.services import add_attachment
from registry.enums import MitraLevel
from registry.models import AttachmentKind, ForumMember, ForumPengurus, JejaringKind, MitraKind, PengurusRole, Wilayah
from registry.network import forum_services
from registry.network import services as network_services
from tests.factories import UserFactory
from tests.registry.attachments import samples
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

FORUM_NIK = "3403081506800002"


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


def network_records(*, wilayah: Wilayah, wksbm, phone: str, label: str) -> dict:
    """A mitra seated in the desa with a contact person (`phone`), its tie with `wksbm`, the kecamatan's forum with
    `wksbm` as a member and a board member (a NIK, `phone`), and a photo attached to `wksbm`."""
    mitra = network_services.mitra_create(
        by=None,
        name=f"BUMDes {label}",
        kind=MitraKind.objects.first(),
        level=MitraLevel.DESA,
        wilayah=wilayah,
        contacts=[{"name": f"Narahubung {label}", "position": "Ketua", "phone": phone}],
    )
    tie = network_services.tie_create(
        by=None, wksbm=wksbm, mitra=mitra, kind=JejaringKind.objects.first(), started_on=datetime.date(2024, 1, 15)
    )
    forum = forum_services.forum_create(by=None, name=f"Forum {label}", wilayah=wilayah.parent)
    forum_services.forum_part_save(by=None, part=ForumMember(forum=forum), wksbm=wksbm)
    forum_services.forum_part_save(
        by=None,
        part=ForumPengurus(forum=forum),
        name=f"Ketua Forum {label}",
        role=PengurusRole.objects.first(),
        phone=phone,
        nik=FORUM_NIK,
    )
    photo = add_attachment(
        record=wksbm,
        kind=AttachmentKind.objects.get(slug="foto-kegiatan"),
        title=f"Foto {label}",
        upload=samples.upload("foto.jpg", samples.small_jpeg()),
        by=None,
    )
    return {"mitra": mitra, "jejaring": tie, "forum": forum, "lampiran": photo}
