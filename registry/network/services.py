"""Writes to the network: mitra, their contact people and the ties (jejaring) of a WKSBM. Every function is
keyword-only and takes `by`, the acting user; the field pages, the admin and the imports call them alike.

Each validates with the models' rules (`registry.models.network`: named constraints and `clean()`, with Indonesian
messages), writes in one transaction and leaves history naming `by`; on a broken rule it raises ValidationError
and saves nothing. Who may write what (`MitraQuerySet.seated_in_area`, the roles) is the caller's check.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.models import Jejaring, JejaringKind, Mitra, MitraContact, Wksbm
from registry.services.base import delete_recorded, save_validated


def mitra_create(*, by, contacts: Iterable[dict] = (), **fields) -> Mitra:
    """Creates a mitra from the model's `fields` (name, kind, level, wilayah, address, registration_number,
    notes) with its `contacts` (dicts of name, position, phone). All or nothing."""
    with transaction.atomic():
        mitra = save_validated(Mitra(**fields), by=by)
        for contact in contacts:
            contact_save(by=by, mitra=mitra, **contact)
    return mitra


def mitra_update(*, by, mitra: Mitra, **fields) -> Mitra:
    """Changes the given fields of `mitra` (its working area follows its level and seat)."""
    for name, value in fields.items():
        setattr(mitra, name, value)
    return save_validated(mitra, by=by)


def mitra_delete(*, by, mitra: Mitra) -> None:
    """Deletes `mitra` with its contacts; refused (ProtectedError) while a tie names it."""
    delete_recorded(mitra, by=by)


def contact_save(*, by, mitra: Mitra, contact: MitraContact | None = None, **fields) -> MitraContact:
    """Adds a contact person to `mitra` (no `contact`), or changes the given fields of `contact`, one of its own."""
    if contact is None:
        contact = MitraContact(mitra=mitra)
    elif contact.mitra_id != mitra.pk:
        raise ValidationError(_("Narahubung ini bukan milik mitra tersebut."), code="mitra_contact_other_mitra")
    for name, value in fields.items():
        setattr(contact, name, value)
    return save_validated(contact, by=by)


def contact_delete(*, by, contact: MitraContact) -> None:
    """Removes a contact person of a mitra (history keeps it)."""
    delete_recorded(contact, by=by)


def _save_tie(tie: Jejaring, *, by) -> Jejaring:
    # A tie between two WKSBM is stored with the lower id first before the rules run, so that the database's
    # "one open tie" guard and the overlap check see A–B and B–A as the same two ends.
    tie.normalize_ends()
    return save_validated(tie, by=by)


def tie_create(
    *,
    by,
    wksbm: Wksbm,
    mitra: Mitra | None = None,
    partner_wksbm: Wksbm | None = None,
    kind: JejaringKind,
    started_on: datetime.date,
    **fields,
) -> Jejaring:
    """Records a tie of `wksbm` with `mitra` or with another WKSBM (`partner_wksbm`), exactly one of them, of
    `kind` from `started_on`; other fields (ended_on, basis_number, basis_date, description) as on the model.

    Refused with the model's messages: a tie with itself, none or both other ends, an end not after the start,
    a period overlapping another tie of the same kind between the same two ends (A–B and B–A alike).
    """
    tie = Jejaring(wksbm=wksbm, mitra=mitra, partner_wksbm=partner_wksbm, kind=kind, started_on=started_on, **fields)
    return _save_tie(tie, by=by)


def tie_update(*, by, tie: Jejaring, **changes) -> Jejaring:
    """Corrects the given fields of `tie` (its other end, kind, dates, basis, description), by the same rules."""
    for name, value in changes.items():
        setattr(tie, name, value)
    return _save_tie(tie, by=by)


def tie_end(*, by, tie: Jejaring, ended_on: datetime.date | None = None) -> Jejaring:
    """Ends the active `tie` on `ended_on` (today by default): from that day it is past. The end is after the
    start and not ahead of today; a tie already ended is refused."""
    ended_on = ended_on or dates.today()
    if tie.ended_on is not None and tie.ended_on <= dates.today():
        raise ValidationError(
            {"ended_on": ValidationError(_("Jejaring ini sudah berakhir."), code="jejaring_already_ended")}
        )
    if ended_on > dates.today():
        raise ValidationError(
            {
                "ended_on": ValidationError(
                    _("Tanggal berakhir tidak boleh di masa depan."), code="jejaring_end_in_future"
                )
            }
        )
    tie.ended_on = ended_on
    return _save_tie(tie, by=by)


def tie_delete(*, by, tie: Jejaring) -> None:
    """Removes a tie entered by mistake (history keeps it)."""
    delete_recorded(tie, by=by)
