"""The pages of frozen rekap snapshots: the snapshots of the user's area, freezing the rekap of an area ("Bekukan
rekap"), one snapshot as it was frozen (page, A4 print, download) and its comparison with the rekap as it stands now.

Every snapshot is read through `RekapSnapshot.objects.for_user` (the rekap's rule: the user's area and what lies
under it), so one outside the area answers 404 before any permission is checked (403). A snapshot's page, print and
download show only what was stored when it was frozen (`registry.reports.snapshots`); every page costs a fixed
number of queries whatever the snapshot holds.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext

from registry.exports.files import download
from registry.forms.snapshots import ALL_PARAM, FreezeForm
from registry.models import RekapSnapshot
from registry.reports.area import VERIFIED_PARAM
from registry.reports.snapshots import compare_tables, current_tables, decode_tables, freeze_rekap
from registry.reports.tables import area_name
from registry.scoping import code_prefix_q
from registry.views.base import require
from registry.views.field_form import CreateOnceView
from registry.views.rekap import PAGE_SIZE, requested_area, requested_format


@login_required
def snapshot_list(request):
    """The snapshots of the user's area, newest first, `PAGE_SIZE` a page; `?wilayah=` keeps those of that wilayah
    and what lies under it."""
    require(request.user, "registry.view_rekapsnapshot")
    snapshots = RekapSnapshot.objects.for_user(request.user).select_related("wilayah")
    code = request.GET.get("wilayah", "").strip()
    if code:
        snapshots = snapshots.filter(code_prefix_q("wilayah__code", [code]))
    page = Paginator(snapshots.order_by("-frozen_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("halaman"))
    query = f"wilayah={code}" if code else ""
    return render(request, "registry/reports/snapshot_list.html", {"page": page, "query": query})


class FreezeView(CreateOnceView):
    """Freezes the rekap of the wilayah `?wilayah=` (the user's one area without it; 404 outside the area) as a
    snapshot (`registry.reports.snapshots.freeze_rekap`); sending the form twice freezes once."""

    template_name = "registry/reports/snapshot_freeze.html"
    form_class = FreezeForm

    def prepare(self) -> None:
        require(self.request.user, "registry.add_rekapsnapshot")
        self.area = requested_area(self.request)

    def get_form_kwargs(self) -> dict:
        # Opened from the rekap showing verified data only, the form offers to freeze that.
        return {"initial": {"data": VERIFIED_PARAM if self.area.verified_only else ALL_PARAM}}

    def get_context_data(self, **parts) -> dict:
        return {**parts, "area": self.area, "area_name": area_name(self.area)}

    def save(self, parts) -> str:
        fields = parts["form"].service_fields()
        self.snapshot = freeze_rekap(by=self.request.user, area_code=self.area.code, **fields)
        return reverse("rekap_snapshot", args=[self.snapshot.pk])

    def success_message(self, parts) -> str:
        return gettext("Rekap sudah dibekukan.")


snapshot_freeze = login_required(FreezeView.as_view())


def _snapshot(request, pk: int) -> RekapSnapshot:
    """The snapshot `pk` of the user's area (404 otherwise), then the permission to read it (403)."""
    snapshot = get_object_or_404(RekapSnapshot.objects.for_user(request.user).select_related("wilayah"), pk=pk)
    require(request.user, "registry.view_rekapsnapshot")
    return snapshot


@login_required
def snapshot_detail(request, pk: int):
    """One snapshot: its stored printed rekap under the banner "Dibekukan pada … oleh …"."""
    return render(request, "registry/reports/snapshot.html", {"snapshot": _snapshot(request, pk)})


@login_required
def snapshot_print(request, pk: int):
    """The snapshot's stored printed rekap on A4 (landscape, as the live printed rekap), exactly as frozen."""
    return render(request, "registry/reports/snapshot_print.html", {"snapshot": _snapshot(request, pk)})


@login_required
def snapshot_export(request, pk: int):
    """The snapshot's stored tables as a workbook or a CSV (`?format=xlsx|csv`), written as every download of the
    registry is (`registry.exports.files`: formula-safe, dates as dates)."""
    snapshot = _snapshot(request, pk)
    extension = requested_format(request)
    stem = f"rekap-beku-{snapshot.wilayah_id}-{snapshot.frozen_at:%Y-%m-%d}-{snapshot.pk}"
    return download(decode_tables(snapshot.tables), stem=stem, extension=extension)


@login_required
def snapshot_compare(request, pk: int):
    """ "Bandingkan dengan rekap sekarang": the snapshot's tables against the current rekap of its wilayah as the
    user sees it, cell by cell (changed figures before → after, rows added or removed)."""
    snapshot = _snapshot(request, pk)
    tables = compare_tables(snapshot.tables, current_tables(snapshot, request.user))
    changed = [table for table in tables if table.status != "sama"]
    context = {"snapshot": snapshot, "tables": tables, "changed": changed}
    return render(request, "registry/reports/snapshot_compare.html", context)
