"""What the WKSBM's page shows of verification: the WKSBM's own state when not verified, and a badge on each row
of its board, members, reports (and the sections other apps add) that waits or was returned, with the reason.

`open_items_of(wksbm)` reads every open item grouped under the WKSBM in one query; `attach(rows, kind, items)`
sets `verification_item` on each row (None when verified), which `registry/verification/_badge.html` renders.
"""

from registry.models import VerificationItem, display_name


def open_items_of(wksbm) -> dict[tuple[str, int], VerificationItem]:
    """The open items (waiting or returned) grouped under `wksbm`, keyed by (kind code, record pk), each with
    `decider_name` set. One query whatever their number."""
    items = VerificationItem.objects.filter(wksbm=wksbm).open().select_related("decided_by__petugas_profile")
    found = {}
    for item in items:
        item.decider_name = display_name(item.decided_by) if item.decided_by else ""
        found[(item.kind, item.object_id)] = item
    return found


def attach(rows, kind: str, items: dict, *, key=lambda row: row.pk) -> None:
    """Sets `verification_item` on each of `rows`: its open item of `kind` in `items`, or None."""
    for row in rows:
        row.verification_item = items.get((kind, key(row)))


def membership_item(membership, items: dict):
    """A membership row's open item: its own, else its KPS's (a new KPS entered with its membership)."""
    return items.get(("keanggotaan", membership.pk)) or items.get(("kps", membership.kps_id))
