"""The verification queue's pages (`registry.verification`): the operator's queue, where what the field sent waits
grouped by WKSBM, confirmed or returned with a reason one by one or several at once; and sending a returned item
again unchanged, from the record's WKSBM page.

The queue page is one form (it works without JavaScript): a checkbox per item, the buttons for the chosen ones
with one reason for returning them, and each item's own buttons with its own reason. Every decision goes through
`registry.verification.services`, whose Indonesian refusals the page shows.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.models import VerificationItem, display_name
from registry.verification import services
from registry.verification.kinds import all_kinds
from registry.verification.querysets import queue_groups
from registry.verification.services import VERIFY_PERMISSION
from registry.views.base import detail_url, require

PAGE_SIZE = 20
CONFIRM, RETURN = "verifikasi", "kembalikan"
REMOVED_USER = _("(pengguna dihapus)")
NOT_FOUND = _("Data yang dipilih tidak ditemukan lagi; mungkin sudah dihapus.")
SENT_AGAIN = _("%(item)s dikirim ulang untuk verifikasi.")
VERIFIER_SENDS_NOT = _(
    "Data yang Anda masukkan langsung terverifikasi; verifikasi data ini di halaman Verifikasi data, atau perbaiki."
)


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("halaman", "1")))
    except ValueError:
        return 1


def _filters(request) -> dict:
    """The queue's filters from the query string: `jenis` (a kind's code), `wilayah` (a code: the items of that
    kabupaten, kecamatan or desa), `wksbm` (one WKSBM's items); an unknown value is dropped."""
    codes = {kind.code for kind in all_kinds()}
    chosen = {}
    if request.GET.get("jenis", "") in codes:
        chosen["jenis"] = request.GET["jenis"]
    code = request.GET.get("wilayah", "").strip()
    if code and all(part.isdigit() for part in code.split(".")):
        chosen["wilayah"] = code
    if request.GET.get("wksbm", "").isdigit():
        chosen["wksbm"] = request.GET["wksbm"]
    return chosen


def _filtered(items, filters: dict):
    if "jenis" in filters:
        items = items.filter(kind=filters["jenis"])
    if "wilayah" in filters:
        code = filters["wilayah"]
        items = items.filter(Q(wilayah__code__startswith=f"{code}.") | Q(wilayah_id=code))
    if "wksbm" in filters:
        items = items.filter(wksbm_id=int(filters["wksbm"]))
    return items


def _chosen(post) -> tuple[str, list[int], str]:
    """The action sent (`verifikasi` / `kembalikan`), the pks it is about and the reason typed for it. A button of
    one item (`verifikasi-<pk>`) is about that item, with its own reason (else the common one); the common buttons
    are about the checked items, with the common reason."""
    action = post.get("aksi", "")
    name, _sep, single = action.partition("-")
    if single.isdigit():
        reason = post.get(f"alasan-{single}", "").strip() or post.get("alasan", "")
        return name, [int(single)], reason
    return name, [int(pk) for pk in post.getlist("pilih") if pk.isdigit()], post.get("alasan", "")


def _decide(request) -> tuple[str | None, dict]:
    """Carries out the POSTed decision; returns the success message, or None and what the page shows again (the
    error, which item it concerns, the typed reasons and the checked items)."""
    action, pks, reason = _chosen(request.POST)
    kept = {
        "selected": {int(pk) for pk in request.POST.getlist("pilih") if pk.isdigit()},
        "reasons": {key[len("alasan-") :]: value for key, value in request.POST.items() if key.startswith("alasan-")},
        "reason": request.POST.get("alasan", ""),
        "error_item": str(pks[0]) if len(pks) == 1 and "-" in request.POST.get("aksi", "") else "",
    }
    if action not in (CONFIRM, RETURN):
        return None, {**kept, "error": services.NOTHING_CHOSEN}
    items = list(VerificationItem.objects.filter(pk__in=pks))
    if pks and not items:
        return None, {**kept, "error": NOT_FOUND}
    try:
        if action == CONFIRM:
            done = services.confirm(by=request.user, items=items)
            return ngettext("%(count)s data diverifikasi.", "%(count)s data diverifikasi.", len(done)) % {
                "count": len(done)
            }, kept
        done = services.send_back(by=request.user, items=items, reason=reason)
    except ValidationError as error:
        return None, {**kept, "error": " ".join(error.messages)}
    return ngettext("%(count)s data dikembalikan.", "%(count)s data dikembalikan.", len(done)) % {
        "count": len(done)
    }, kept


@login_required
def verification_queue(request):
    """The queue of what waits for verification in the user's area (`for_user`), for those who may verify (403
    otherwise): groups by WKSBM, oldest first, `PAGE_SIZE` groups a page (`?halaman=`), filtered by `?jenis=`,
    `?wilayah=` and `?wksbm=`. A POST confirms or returns (with a reason) the chosen items and comes back here
    with the count; a refusal or a missing reason shows the page again with the message, the typed reasons and
    the checked items kept. A fixed number of queries whatever the number of items."""
    require(request.user, VERIFY_PERMISSION)
    filters = _filters(request)
    kept = {"selected": set(), "reasons": {}, "reason": "", "error": "", "error_item": ""}
    if request.method == "POST":
        done, kept = _decide(request)
        if done is not None:
            messages.success(request, done)
            return redirect(request.get_full_path())
    items = _filtered(VerificationItem.objects.for_user(request.user), filters)
    page = _page_number(request)
    groups, has_next = queue_groups(items, page_size=PAGE_SIZE, page=page)
    for _wksbm, group_items in groups:
        for item in group_items:
            item.checked = item.pk in kept["selected"]
            item.typed_reason = kept["reasons"].get(str(item.pk), "")
            item.has_error = kept["error_item"] == str(item.pk)
            item.submitter_name = submitter_name(item)
    query = urlencode(filters)
    context = {
        "groups": groups,
        "page": page,
        "has_next": has_next,
        "query": query,
        "filters": filters,
        "kinds": [(kind.code, kind.label) for kind in all_kinds()],
        **kept,
    }
    return render(request, "registry/verification/queue.html", context, status=400 if kept["error"] else 200)


@login_required
def verification_send_again(request, pk: int):
    """Sends a returned item of the user's area again unchanged (POST; a GET shows the item, its reason and the
    button), for a user who may change the record's kind (403 otherwise; 404 outside the area). Only entries that
    wait are sent (a penyuluh's): one who verifies is pointed to the queue instead, and a refusal of the service
    (an item no longer returned) is the page's message."""
    item = get_object_or_404(
        VerificationItem.objects.for_user(request.user).select_related("wksbm", "decided_by__petugas_profile"), pk=pk
    )
    record = item.record
    if record is None:
        raise Http404
    require(request.user, f"{record._meta.app_label}.change_{record._meta.model_name}")
    back = detail_url(item.wksbm, f"verifikasi-{item.pk}") if item.wksbm else reverse("attention")
    sends = services.waits_for_office(request.user)
    if request.method != "POST":
        context = {"item": item, "back": back, "sends": sends, "decided_by": decider_name(item)}
        return render(request, "registry/verification/send_again.html", context)
    if not sends:
        messages.error(request, VERIFIER_SENDS_NOT)
        return redirect(back)
    try:
        services.send_again(by=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, SENT_AGAIN % {"item": item.title})
    return redirect(back)


def submitter_name(item) -> str:
    """The display name of who sent `item` ("(pengguna dihapus)" once the user is gone)."""
    return display_name(item.submitted_by) if item.submitted_by else str(REMOVED_USER)


def decider_name(item) -> str:
    """The display name of the operator who decided `item` ("" when undecided or the user was removed)."""
    return display_name(item.decided_by) if item.decided_by_id and item.decided_by else ""
