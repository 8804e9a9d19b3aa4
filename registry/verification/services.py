"""Writes of the verification queue. Keyword-only, taking `by`, the acting user; each leaves history.

Sending happens by itself: every service writes through `registry.services.base.save_validated` and
`delete_recorded`, which call `prepare` and `forget`. What a user who may not verify (a penyuluh) saves of a
verified kind waits for an operator: the record's state becomes "menunggu verifikasi" and its open item lists the
change, before → after. What a user who may verify (an operator, the admin provinsi), a superuser or a system job
(`by` None) saves is verified on entry; their edit of a record that waits leaves the waiting item as it is.

An operator of the record's area confirms (`confirm`) or returns with a reason (`send_back`) one item or many; a
penyuluh fixes a returned record (saving sends it again) or sends it again unchanged (`send_again`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.enums import VerificationState
from registry.history_sources import REASON_LENGTH
from registry.models.verification import ChangeKind, VerificationItem
from registry.verification import signals
from registry.verification.kinds import kind_of, line_of

VERIFY_PERMISSION = "registry.verify_verificationitem"
NOT_RESPONSIBLE = _("Hanya operator kabupaten/kota wilayah data ini atau Admin provinsi yang dapat memverifikasinya.")
NOT_WAITING = _("%(item)s tidak sedang menunggu verifikasi.")
NOT_RETURNED = _("%(item)s tidak sedang dikembalikan.")
REASON_REQUIRED = _("Tulis alasan data ini dikembalikan, agar petugas lapangan tahu apa yang harus diperbaiki.")
NOTHING_CHOSEN = _("Pilih sedikitnya satu data.")


def waits_for_office(by) -> bool:
    """Whether what `by` enters waits for verification: a user who may not verify (a penyuluh). A system job
    (`by` None), a superuser, an operator and the admin provinsi enter verified data."""
    return by is not None and not by.has_perm(VERIFY_PERMISSION)


def prepare(instance, *, by):
    """Called by `save_validated` before it saves `instance`: sets the record's verification state and returns
    what to do once it is saved (write the item), or None. Reads the stored record and its open item only for an
    entry that waits."""
    kind, line = kind_of(type(instance)), line_of(type(instance))
    if kind is None and line is None:
        return None
    if not waits_for_office(by):
        if kind is not None and _unsent(instance, kind):
            kind.state.set(instance, VerificationState.TERVERIFIKASI, by=by, at=timezone.now())
        return None
    before = type(instance)._base_manager.filter(pk=instance.pk).first() if instance.pk else None
    if line is not None:
        return lambda: _send(line.record_of(instance), line.describe(instance, before), by=by, change=None)
    item = _open_item(instance) if before is not None else None
    rows = kind.describe(instance, before)
    if item is None and (not kind.needs_verification(instance, before) or (before is not None and not rows)):
        return None
    kind.state.set(instance, VerificationState.MENUNGGU, by=by, at=timezone.now())
    change = ChangeKind.BARU if before is None else ChangeKind.PERUBAHAN
    return lambda: _send(instance, rows, by=by, change=change, item=item, state_saved=True)


def _unsent(instance, kind) -> bool:
    """Whether `instance`, saved by a user whose entries are verified, is new or claims a state no open item
    stands for (an evaluation the admin's form made "diajukan" by the model's default): it becomes verified. A
    record that waits keeps waiting for its item's decision."""
    if instance.pk is None:
        return True
    return kind.state.get(instance) != VerificationState.TERVERIFIKASI and _open_item(instance) is None


def forget(instance, *, by) -> None:
    """Called by `delete_recorded` before it deletes `instance`: a deleted record's open items go with it; a line
    removed by a user whose entries wait sends its record, the line's values going."""
    kind, line = kind_of(type(instance)), line_of(type(instance))
    if kind is not None:
        for item in VerificationItem.objects.of_record(instance).open():
            item._history_user = by
            item.delete()
    elif line is not None and waits_for_office(by):
        _send(line.record_of(instance), line.describe(instance, removed=True), by=by, change=None)


def _open_item(record) -> VerificationItem | None:
    return VerificationItem.objects.of_record(record).open().first()


def _send(record, rows, *, by, change, item=None, state_saved=False) -> VerificationItem | None:
    """Records the change `rows` of `record` in its open item (a new one when it has none), waiting again."""
    kind = kind_of(type(record))
    item = item or _open_item(record)
    now = timezone.now()
    again = item is not None
    if item is None:
        if not rows and change is None:
            return None
        item = VerificationItem(record=record, kind=kind.code, change=change or ChangeKind.PERUBAHAN)
    elif not rows and item.state == VerificationState.MENUNGGU:
        return item  # nothing new for a change already waiting
    item.changes = _merged(item.changes, rows, new=item.change == ChangeKind.BARU)
    wksbm = kind.wksbm_of(record)
    item.wksbm_id = getattr(wksbm, "pk", None)
    item.wilayah_id = kind.wilayah_of(record)
    item.title = f"{kind.label}: {record}"[:200]
    item.state, item.reason, item.decided_by, item.decided_at = VerificationState.MENUNGGU, "", None, None
    item.submitted_by, item.submitted_at = by, now
    item._history_user = by
    item.save()
    if not state_saved and kind.state.get(record) != VerificationState.MENUNGGU:
        kind.state.set(record, VerificationState.MENUNGGU, by=by, at=now)
        _save_state(record, kind, by=by, note=_("Dikirim untuk verifikasi"))
    _adopt(record, item)
    transaction.on_commit(lambda: signals.item_sent.send(sender=VerificationItem, item=item, by=by, again=again))
    return item


def _merged(stored: list, rows: list, *, new: bool) -> list:
    """`stored` changes with `rows` laid over them: a field changed again keeps its first "before"; a field
    changed back drops out; a new record's fields always stay, with nothing before."""
    merged = {label: [label, before, after] for label, before, after in stored}
    for label, before, after in rows:
        if label in merged:
            merged[label][2] = after
        else:
            merged[label] = [label, "" if new else before, after]
    return [row for row in merged.values() if new or row[1] != row[2]]


def _adopt(record, item: VerificationItem) -> None:
    """A membership sent for a KPS that waits without a WKSBM gives that KPS's item its WKSBM, so the queue shows
    the two together."""
    kps = getattr(record, "kps", None)
    if item.wksbm_id is None or kps is None or kind_of(type(kps)) is None:
        return
    VerificationItem.objects.of_record(kps).open().filter(wksbm=None).update(wksbm=item.wksbm_id)


def _save_state(record, kind, *, by, note) -> None:
    """Stores `record`'s verification state alone (no other field, not its `updated_at`), with history."""
    record._history_user = by
    record._change_reason = str(note)[:REASON_LENGTH]
    record.save(update_fields=list(kind.state.fields))


def may_verify(user, items) -> bool:
    """Whether `user` may confirm or return every item of `items`: an operator or the admin provinsi whose area
    holds each one."""
    if not (user.is_active and user.has_perm(VERIFY_PERMISSION)):
        return False
    pks = {item.pk for item in items}
    return set(VerificationItem.objects.for_user(user).filter(pk__in=pks).values_list("pk", flat=True)) == pks


def _decide(*, by, items, state, reason="") -> list[VerificationItem]:
    items = list(items)
    if not items:
        raise ValidationError(NOTHING_CHOSEN, code="verification_nothing_chosen")
    if not may_verify(by, items):
        raise ValidationError(NOT_RESPONSIBLE, code="verification_not_responsible")
    for item in items:
        if item.state != VerificationState.MENUNGGU:
            raise ValidationError(NOT_WAITING % {"item": item.title}, code="verification_not_waiting")
    now = timezone.now()
    note = (
        _("Diverifikasi")
        if state == VerificationState.TERVERIFIKASI
        else _("Dikembalikan: %(reason)s") % {"reason": reason}
    )
    with transaction.atomic():
        for item in items:
            item.state, item.decided_by, item.decided_at, item.reason = state, by, now, reason
            item._history_user = by
            item._change_reason = str(note)[:REASON_LENGTH]
            item.save()
            record = item.record
            if record is not None:
                kind = kind_of(type(record))
                kind.state.set(record, state, by=by, at=now)
                _save_state(record, kind, by=by, note=note)
        transaction.on_commit(
            lambda: signals.items_decided.send(sender=VerificationItem, items=items, by=by, state=state)
        )
    return items


def confirm(*, by, items) -> list[VerificationItem]:
    """Confirms the waiting `items` as `by`: each record becomes "terverifikasi". All or nothing: refused (with
    an Indonesian message, nothing changed) when `by` may not verify one of them or one is not waiting."""
    return _decide(by=by, items=items, state=VerificationState.TERVERIFIKASI)


def send_back(*, by, items, reason: str) -> list[VerificationItem]:
    """Returns the waiting `items` to the field with `reason`, which the penyuluh reads on the record and in the
    worklist. All or nothing, by the rules of `confirm`; refused without a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED}, code="verification_reason_required")
    return _decide(by=by, items=items, state=VerificationState.DIKEMBALIKAN, reason=reason)


def send_again(*, by, item: VerificationItem) -> VerificationItem:
    """Sends a returned item again unchanged (the penyuluh found nothing to fix, or fixed it elsewhere)."""
    if item.state != VerificationState.DIKEMBALIKAN:
        raise ValidationError(NOT_RETURNED % {"item": item.title}, code="verification_not_returned")
    record = item.record
    with transaction.atomic():
        return _send(record, [], by=by, change=item.change, item=item)
