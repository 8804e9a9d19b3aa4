"""Writes to programs, events, their participants and outcomes. Every function is keyword-only and takes `by`.

Each validates with the models' rules (`full_clean`, named constraints with Indonesian messages), writes in a
transaction and leaves history naming `by`; on a broken rule it raises ValidationError and saves nothing.
"""

import datetime

from django.db import transaction

from registry.models import Kps, Pengurus, Wilayah, Wksbm
from registry.services.base import save_validated
from trainings.enums import OutcomeKind
from trainings.models import EventKind, Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount, Program, Unsur
from trainings.pengurus_match import Status, match_all


def program_create(*, by, name: str, year: int, wilayah: Wilayah, **fields) -> Program:
    """Creates a program covering `wilayah`; other fields (target_new_wksbm, organiser…) as on the model."""
    return save_validated(Program(name=name, year=year, wilayah=wilayah, **fields), by=by)


def penyuluhan_create(
    *,
    by,
    kind: EventKind,
    theme: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    wilayah: Wilayah,
    **fields,
) -> Penyuluhan:
    """Creates an event in `wilayah` (desa, kecamatan or kabupaten); a one-day event when `ends_on` is omitted."""
    event = Penyuluhan(
        kind=kind, theme=theme, starts_on=starts_on, ends_on=ends_on or starts_on, wilayah=wilayah, **fields
    )
    return save_validated(event, by=by)


def narasumber_add(*, by, event: Penyuluhan, name: str, institution: str = "", topic: str = "") -> Narasumber:
    """Records a resource person who spoke at `event`."""
    return save_validated(Narasumber(event=event, name=name, institution=institution, topic=topic), by=by)


def peserta_add(
    *,
    by,
    event: Penyuluhan,
    name: str,
    unsur: Unsur,
    origin: Wilayah | None = None,
    phone: str = "",
    pengurus: Pengurus | None = None,
    kps: Kps | None = None,
) -> Peserta:
    """Records a participant of `event` by name; `origin` is their desa, `pengurus` or `kps` what they represent."""
    peserta = Peserta(event=event, name=name, unsur=unsur, origin=origin, phone=phone, pengurus=pengurus, kps=kps)
    return save_validated(peserta, by=by)


def peserta_count_set(*, by, event: Penyuluhan, unsur: Unsur, count: int) -> PesertaCount:
    """Sets how many participants of `unsur` came to `event` when their names are not known (replaces a count)."""
    with transaction.atomic():
        row = PesertaCount.objects.select_for_update().filter(event=event, unsur=unsur).first()
        row = row or PesertaCount(event=event, unsur=unsur)
        row.count = count
        return save_validated(row, by=by)


def outcome_record(
    *,
    by,
    wksbm: Wksbm,
    kind: str = OutcomeKind.FORMED,
    event: Penyuluhan | None = None,
    program: Program | None = None,
    notes: str = "",
) -> Outcome:
    """Records `wksbm` as formed or revived after `event` and/or `program`.

    When only `event` is given and it belongs to a program, the outcome counts for that program too (through
    the event); it is refused for a WKSBM outside the program's area or, without a program, the event's
    kabupaten.
    """
    return save_validated(Outcome(wksbm=wksbm, kind=kind, event=event, program=program, notes=notes), by=by)


def peserta_pengurus_confirm(*, by, peserta: Peserta, pengurus: Pengurus | None) -> Peserta:
    """Records a person's decision of which board member `peserta` is (`pengurus`), or that they are none (None):
    the participant is linked (a KPS link is replaced, see `trainings.pengurus_match`) and marked as checked, so
    it is not proposed again."""
    peserta.pengurus = pengurus
    if pengurus is not None:
        peserta.kps = None
    peserta.pengurus_checked = True
    return save_validated(peserta, by=by)


def peserta_link_sure(*, by, event: Penyuluhan, people: list[Peserta]) -> int:
    """Links each of `people` (participants of `event`) whose pengurus `trainings.pengurus_match` finds surely;
    returns how many were linked. Unsure ones are left for confirmation."""
    linked = 0
    for index, match in match_all(event, people).items():
        if match.status == Status.SURE:
            peserta = people[index]
            peserta.pengurus, peserta.kps = match.pengurus, None
            save_validated(peserta, by=by)
            linked += 1
    return linked


def penyuluhan_update(*, by, event: Penyuluhan, **changes) -> Penyuluhan:
    """Changes the given fields of `event` (kind, theme, dates, venue, organiser, program, notes…), by the model's
    rules (dates in order, in the program's area); its place is not changed here."""
    for name, value in changes.items():
        setattr(event, name, value)
    return save_validated(event, by=by)
