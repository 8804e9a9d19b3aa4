"""Preview and confirm of an uploaded list file, through the list's importer (`registry.imports`).

- `preview_upload`: the file is planned; nothing is written. A plan that can be committed keeps the bytes
  (`registry.uploads.pending`) and hands out a ticket (`registry.uploads.tickets`) for the confirm step.
- `confirm_upload`: the stored bytes are planned again (the registry may have changed meanwhile) and committed all
  or nothing as one `ImportBatch`, under the importer's lock. A plan now refused, or now planning other counts
  than the preview showed, is returned instead of committed (the stored upload then remembers the new counts,
  so confirming the renewed preview commits what it shows). A preview is committed once: its batch records the
  ticket's confirmation (unique), so a second confirmation (double click, two tabs, a resent request, even racing
  the first) raises AlreadyImported naming the batch and writes nothing.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from registry.imports.errors import ImportRefused
from registry.imports.plan import ImportPlan, ListImport
from registry.imports.reader import refuse_if_too_large
from registry.models import ImportBatch
from registry.uploads.pending import read_upload, remove_upload, renew_upload, store_upload
from registry.uploads.tickets import Ticket


class PreviewGone(ImportRefused):
    """The upload a ticket names is no longer stored (or is not the previewed bytes): it must be uploaded again."""

    def __init__(self):
        super().__init__([_("Berkas pratinjau sudah tidak ada (mungkin sudah diimpor); unggah lagi.")])


@dataclass(frozen=True)
class Preview:
    """A planned upload; `ticket` confirms it, None when the plan is refused."""

    plan: ImportPlan
    ticket: Ticket | None


@dataclass(frozen=True)
class Confirmed:
    """What a confirmation did: `batch` when it committed `plan`; otherwise nothing was written and `plan` is to be
    shown, refused, or (`renewed`) planning otherwise than the preview did, to be confirmed again."""

    plan: ImportPlan
    batch: ImportBatch | None = None
    renewed: bool = False


def preview_upload(importer: ListImport, upload, *, key: str) -> Preview:
    """The preview of the uploaded file `upload` (a Django UploadedFile) into the list `key` by `importer`.

    Raises ImportRefused for a file that cannot be read at all; one over the size limit is refused by its size
    before a byte is read (wksbm.uploads keeps no more than the limit anyway).
    """
    refuse_if_too_large(upload.size, settings.IMPORT_MAX_BYTES)
    data = upload.read()
    plan = importer.plan(data, upload.name)
    if plan.refused:
        return Preview(plan, None)
    stored = store_upload(data, plan.counts())
    ticket = Ticket(user=importer.user.pk, list=key, stored=stored, filename=upload.name, sha256=plan.sha256)
    return Preview(plan, ticket)


def confirm_upload(importer: ListImport, ticket: Ticket) -> Confirmed:
    """Commits the upload `ticket` names, all or nothing, with `importer` (the ticket's user's, for its list).

    Raises AlreadyImported when its preview was committed already, PreviewGone when its upload is not stored any
    more, and ImportRefused when the file is now unreadable or refused while committing (a record saved by someone
    else, a database rule); the stored upload is then removed, as it is once committed.
    """
    confirmation = ticket.confirmation
    ListImport.refuse_if_confirmed(confirmation)
    pending = read_upload(ticket.stored)
    if pending is None or hashlib.sha256(pending.data).hexdigest() != ticket.sha256:
        # Gone because a concurrent confirmation of this preview has just imported it?
        ListImport.refuse_if_confirmed(confirmation)
        raise PreviewGone
    try:
        plan, batch = importer.run(
            pending.data, ticket.filename, dry_run=False, confirmation=confirmation, previewed=pending.counts
        )
    except ImportRefused:
        remove_upload(ticket.stored)
        raise
    if batch is None and not plan.refused:
        renew_upload(ticket.stored, plan.counts())
        return Confirmed(plan, renewed=True)
    remove_upload(ticket.stored)
    return Confirmed(plan, batch)
