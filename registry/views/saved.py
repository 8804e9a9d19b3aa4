"""The confirmation of a save, said beside the item saved: on a phone the page opens at the item (the address's
fragment, `#pengurus-12`), so a message at the top of the page would be out of sight.

A saving page says its message with `say_saved` and the address it leads to; the page shown there takes the
messages that belong to one of its items (`messages_beside`) and shows each next to that item, and the others at
the top as usual.
"""

from django.contrib import messages

# Marks a message with the id of the item it belongs to (a message's `extra_tags`, also its CSS classes).
ITEM_TAG = "di-"


def say_saved(request, text, url: str) -> None:
    """Says `text` as a success message of the save that leads to `url`, tied to `url`'s fragment when it has one."""
    anchor = url.partition("#")[2]
    messages.success(request, text, extra_tags=f"{ITEM_TAG}{anchor}" if anchor else "")


def item_of(message) -> str:
    """The id of the item `message` belongs to, or "" for a message of the whole page."""
    tags = (message.extra_tags or "").split()
    return next((tag.removeprefix(ITEM_TAG) for tag in tags if tag.startswith(ITEM_TAG)), "")


def messages_beside(request, item_ids) -> tuple[dict[str, list], list]:
    """The request's messages, read once: those of an item among `item_ids` by the item's id, and the others (for
    the top of the page, as the template's `messages`)."""
    wanted = set(item_ids)
    beside, rest = {}, []
    for message in messages.get_messages(request):
        item = item_of(message)
        if item in wanted:
            beside.setdefault(item, []).append(message)
        else:
            rest.append(message)
    return beside, rest
