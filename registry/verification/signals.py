"""Signals of the verification queue, for whoever must be told (the notifications).

`item_sent(sender=VerificationItem, item, by, again)`: a change was sent from the field, new (`again` False) or
sent again after it was returned or changed while waiting (`again` True). Sent after the transaction commits.

`items_decided(sender=VerificationItem, items, by, state)`: an operator confirmed (`state` terverifikasi) or
returned (dikembalikan) the `items`. Sent after the transaction commits.
"""

from django.dispatch import Signal

item_sent = Signal()
items_decided = Signal()
