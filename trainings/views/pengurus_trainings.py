"""'Riwayat pelatihan <nama>': the penyuluhan events a pengurus attended (as a participant linked to them,
`trainings.pengurus_match`), and the link to it beside each pengurus on the WKSBM page (`pengurus_links`)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from registry.models import Pengurus
from trainings.models import Penyuluhan, Peserta


def attended_events(pengurus_pk: int):
    """The events a pengurus attended, newest first, with what the list shows. Every user who sees the pengurus
    sees these events (`PenyuluhanQuerySet.for_user`: attended by a pengurus of their area)."""
    return (
        Penyuluhan.objects.filter(pk__in=Peserta.objects.filter(pengurus_id=pengurus_pk).values("event_id"))
        .select_related("kind", "wilayah__parent__parent")
        .order_by("-starts_on", "-pk")
    )


@login_required
def pengurus_trainings(request, pk: int):
    """The trainings the pengurus `pk` attended (date, theme, kind, organiser, place), scoped by the pengurus'
    WKSBM: 404 outside the user's area. Two queries whatever the number of events."""
    pengurus = get_object_or_404(
        Pengurus.objects.for_user(request.user).select_related("wksbm__wilayah", "role"), pk=pk
    )
    context = {"pengurus": pengurus, "events": list(attended_events(pengurus.pk))}
    return render(request, "trainings/pengurus_trainings.html", context)


def training_links(pengurus: list, user) -> dict[int, tuple[str, str]]:
    """The `pengurus_links` entry: "Riwayat pelatihan (n)" for each pengurus of a board, n the events they
    attended. One query for the whole board."""
    counts = dict(
        Peserta.objects.filter(pengurus__in=[p.pk for p in pengurus])
        .order_by()
        .values_list("pengurus")
        .annotate(n=Count("event", distinct=True))
    )
    return {
        p.pk: (
            _("Riwayat pelatihan (%(count)s)") % {"count": counts.get(p.pk, 0)},
            reverse("trainings:pengurus_trainings", args=[p.pk]),
        )
        for p in pengurus
    }
