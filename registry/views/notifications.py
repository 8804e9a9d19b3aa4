"""The user's own notifications: the list (newest first, unread marked, paginated), marking one or all read, the
choice of the daily e-mail digest, and opening one (marked read, then on to where it leads). Every signed-in
user has them, whatever their role; another user's notification answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from registry.models import Notification, profile_of
from registry.notifications import services

PAGE_SIZE = 30
MARKED_ONE = _("Notifikasi ditandai sudah dibaca.")
MARKED_ALL = _("%(count)s notifikasi ditandai sudah dibaca.")
NOTHING_UNREAD = _("Tidak ada notifikasi yang belum dibaca.")
DIGEST_ON = _("Ringkasan harian akan dikirim ke %(email)s setiap pagi bila ada notifikasi baru.")
DIGEST_ON_NO_EMAIL = _(
    "Ringkasan harian dipilih, tetapi akun Anda belum punya alamat e-mail. Minta admin mengisinya agar ringkasan "
    "dapat dikirim."
)
DIGEST_OFF = _("Ringkasan harian lewat e-mail tidak dikirim lagi.")


def is_local_path(url: str) -> bool:
    """Whether `url` is a path of this site ("/wksbm/7/"): never another site, not even one written "//host" or
    "/\\host", and no scheme ("javascript:")."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


def _back(request):
    page = request.POST.get("halaman", "").strip()
    url = reverse("notification_list")
    return redirect(f"{url}?halaman={page}" if page.isdigit() else url)


@login_required
def notification_list(request):
    """GET: the user's notifications, newest first, 30 a page, unread marked, with the digest choice. Two queries
    besides the session's, whatever the number. POST: `baca` (a notification's number) marks it read, `baca_semua`
    marks all read, `ringkasan_email` ("1" or "0") sets the digest choice; then back to the list."""
    user = request.user
    mine = Notification.objects.for_user(user)
    if request.method == "POST":
        if "ringkasan_email" in request.POST:
            wanted = request.POST["ringkasan_email"] == "1"
            services.digest_choice_set(by=user, wanted=wanted)
            if not wanted:
                messages.success(request, DIGEST_OFF)
            elif user.email:
                messages.success(request, DIGEST_ON % {"email": user.email})
            else:
                messages.warning(request, DIGEST_ON_NO_EMAIL)
        elif "baca_semua" in request.POST:
            count = services.mark_read(by=user, notifications=mine)
            messages.success(request, MARKED_ALL % {"count": count} if count else NOTHING_UNREAD)
        elif request.POST.get("baca", "").isdigit():
            notification = get_object_or_404(mine, pk=int(request.POST["baca"]))
            services.mark_read(by=user, notifications=Notification.objects.filter(pk=notification.pk))
            messages.success(request, MARKED_ONE)
        return _back(request)
    page = Paginator(mine.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "has_unread": any(not notification.is_read for notification in page),
        "email_digest": profile_of(user).email_digest,
    }
    return render(request, "registry/notifications/list.html", context)


@login_required
def notification_open(request, pk: int):
    """Opens the user's notification `pk`: marks it read and goes on to where it leads, a path of this site only
    (the list itself when it leads nowhere else). 404 for another user's notification."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(by=request.user, notifications=Notification.objects.filter(pk=notification.pk))
    return redirect(notification.url if is_local_path(notification.url) else reverse("notification_list"))
