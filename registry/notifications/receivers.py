"""What makes notifications as things happen: a change sent from the field (the verifiers' queue), items decided
(returned ones to their sender, and the verifiers' queue again), a period of pemutakhiran opened. Connected in
`RegistryConfig.ready()` by `connect()`.

The verification signals are sent after their transaction commits; a period's opening is told once its
transaction commits, so a refused or rolled-back opening tells nobody.
"""

from django.db import transaction
from django.db.models.signals import post_save

from registry.enums import VerificationState
from registry.models import PemutakhiranPeriod, VerificationItem
from registry.notifications import services
from registry.verification import signals


def item_sent(sender, *, item, by, again, **kwargs) -> None:
    services.notify_queue(wilayah_codes=[item.wilayah_id])


def items_decided(sender, *, items, by, state, **kwargs) -> None:
    if state == VerificationState.DIKEMBALIKAN:
        services.notify_returned(items=items, by=by)
    services.notify_queue(wilayah_codes=[item.wilayah_id for item in items])


def period_saved(sender, *, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        transaction.on_commit(lambda: services.notify_period_opened(period=instance))


def connect() -> None:
    signals.item_sent.connect(item_sent, sender=VerificationItem, dispatch_uid="notifications.item_sent")
    signals.items_decided.connect(items_decided, sender=VerificationItem, dispatch_uid="notifications.items_decided")
    post_save.connect(period_saved, sender=PemutakhiranPeriod, dispatch_uid="notifications.period_opened")
