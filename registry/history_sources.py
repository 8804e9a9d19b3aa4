"""Where a change came from, as its history shows it: the import batch that wrote it, or the page it was saved on.

An import's history rows carry their batch (`ImportBatchHistory.import_batch`). A change saved on a page, or sent to
the API, carries the page's (the endpoint's) path as its change reason, recorded by `record_page` as the history row
is written (simple-history's request, set by its `HistoryRequestMiddleware`); a change made outside any request (a
command, the housekeeping) carries none.
"""

from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

ADMIN_PREFIX = "/admin/"
# The API (registry/api/): a change sent by a program with its user's token, or from the browsable pages.
API_PREFIX = "/api/"
# simple-history's change reason column.
REASON_LENGTH = 100


def record_page(sender, history_instance, **kwargs) -> None:
    """pre_create_historical_record receiver: a history row written while answering a request, with no reason of
    its own, records the request's path (a page of the field or of the admin) as its reason."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None or history_instance.history_change_reason:
        return
    history_instance.history_change_reason = request.path[:REASON_LENGTH]


def change_source(record, *, name) -> str:
    """Where the history `record` came from, in words: "Impor #12 oleh Sri Lestari, berkas daftar.xlsx", "Halaman
    lapangan (/wksbm/3/ubah/)", "Admin", "API (/api/v1/wksbm/3/)", or "" when unknown. `name(user)` names a petugas."""
    batch = getattr(record, "import_batch", None)
    if batch is not None:
        by = name(batch.user) if batch.user is not None else _("sistem")
        return _("Impor #%(number)s oleh %(by)s, berkas %(file)s") % {
            "number": batch.pk,
            "by": by,
            "file": batch.filename,
        }
    reason = record.history_change_reason or ""
    if reason.startswith(ADMIN_PREFIX):
        return _("Admin")
    if reason.startswith(API_PREFIX):
        return _("API (%(path)s)") % {"path": reason}
    if reason.startswith("/"):
        return _("Halaman lapangan (%(path)s)") % {"path": reason}
    return reason
