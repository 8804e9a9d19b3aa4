"""The update cycle's field pages: confirming a WKSBM checked in the open period ("Data sudah diperiksa"), the
periods the user sees, and a period's compliance table with its download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.enums import WksbmStatus
from registry.exports.files import download
from registry.models import PemutakhiranCheck, PemutakhiranPeriod, Wksbm, display_name
from registry.pemutakhiran import services
from registry.pemutakhiran.compliance import build_compliance, compliance_area, compliance_tables
from registry.pemutakhiran.querysets import missed_last_cycle
from registry.pemutakhiran.services import CHECK_PERMISSION
from registry.reports.area import ancestors
from registry.views.base import detail_url, require
from registry.views.rekap import download_stem, requested_format

CHECKED = _("Data WKSBM ini ditandai sudah diperiksa pada %(period)s.")
CHECKED_BEFORE = _(
    "Data WKSBM ini sudah ditandai diperiksa pada %(period)s oleh %(name)s, %(when)s; tidak dicatat dua kali."
)


def _when(moment) -> str:
    return date_format(localtime(moment), "j F Y H.i")


def check_text(check: PemutakhiranCheck | None) -> dict | None:
    """How a check is named on a page: the period, the checker's display name and when."""
    if check is None:
        return None
    name = display_name(check.checked_by) if check.checked_by else gettext("(pengguna dihapus)")
    return {"period": check.period.name, "name": name, "when": _when(check.checked_at)}


def wksbm_pemutakhiran(wksbm: Wksbm, user) -> dict:
    """The "Pemutakhiran data" section of the WKSBM's page: the period open for it today, its latest check (any
    period) with who checked and when, whether the user may confirm it now, and whether it was missed by the last
    cycle of its area. Three queries."""
    today = dates.today()
    period = services.open_period_for(wksbm, today)
    latest = (
        PemutakhiranCheck.objects.filter(wksbm=wksbm)
        .select_related("period", "checked_by__petugas_profile")
        .order_by("-checked_at")
        .first()
    )
    checked_now = latest is not None and period is not None and latest.period_id == period.pk
    missed = missed_last_cycle(Wksbm.objects.filter(pk=wksbm.pk), today).exists()
    return {
        "pemutakhiran_period": period,
        "pemutakhiran_latest": check_text(latest),
        "pemutakhiran_checked_now": checked_now,
        "pemutakhiran_may_check": period is not None
        and not checked_now
        and wksbm.status != WksbmStatus.BUBAR
        and user.has_perm(CHECK_PERMISSION),
        "pemutakhiran_missed": missed,
    }


@login_required
def wksbm_check(request, pk: int):
    """Confirms the WKSBM's data checked in the period open for it (POST; works without JavaScript). A GET shows
    the confirmation form. 404 outside the user's area, 403 without the permission; outside an open period, or for
    a dissolved WKSBM, nothing is recorded and the message says why. Sending twice records once."""
    wksbm = get_object_or_404(Wksbm.objects.for_user(request.user), pk=pk)
    require(request.user, CHECK_PERMISSION)
    if request.method != "POST":
        context = {"wksbm": wksbm, **wksbm_pemutakhiran(wksbm, request.user)}
        return render(request, "registry/pemutakhiran/check.html", context)
    try:
        check, new = services.wksbm_check(by=request.user, wksbm=wksbm)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(detail_url(wksbm, "pemutakhiran"))
    if new:
        messages.success(request, CHECKED % {"period": check.period.name})
    else:
        messages.info(request, CHECKED_BEFORE % check_text(check))
    return redirect(detail_url(wksbm, "pemutakhiran"))


@login_required
def period_list(request):
    """The periods of pemutakhiran the user sees (their area's, their province's), newest first, each open or
    over, linking to its compliance table. One query."""
    require(request.user, "registry.view_wksbm")
    periods = PemutakhiranPeriod.objects.for_user(request.user).select_related("wilayah")
    today = dates.today()
    rows = [(period, period.is_open_on(today)) for period in periods.order_by("-starts_on", "wilayah_id")]
    return render(request, "registry/pemutakhiran/period_list.html", {"periods": rows})


def _compliance(request, pk: int):
    require(request.user, "registry.view_wksbm")
    period = get_object_or_404(PemutakhiranPeriod.objects.for_user(request.user).select_related("wilayah"), pk=pk)
    code = request.GET.get("wilayah", "").strip() or None
    area = compliance_area(request.user, period, code)
    return build_compliance(period, area)


@login_required
def compliance(request, pk: int):
    """The compliance table of a period (`?wilayah=` drills down within the user's area and the period's): per
    kabupaten or kecamatan, the WKSBM expected, checked and the share; at a kecamatan, the WKSBM not yet checked,
    linked. 404 for a period or wilayah outside the user's area. A fixed number of queries."""
    table = _compliance(request, pk)
    area = table.area
    chain = [w for w in ancestors(area.wilayah, request.user) if len(w.code) >= len(table.period.wilayah_id)]
    context = {
        "table": table,
        "period": table.period,
        "area": area,
        "ancestors": chain,
        "query": f"wilayah={area.wilayah.code}" if area.wilayah else "",
        "is_open": table.period.is_open_on(dates.today()),
    }
    return render(request, "registry/pemutakhiran/compliance.html", context)


@login_required
def compliance_export(request, pk: int):
    """The compliance table (`?wilayah=` as on the page) and the list of WKSBM not yet checked, as .xlsx or .csv
    (`?format=`)."""
    table = _compliance(request, pk)
    extension = requested_format(request)
    return download(compliance_tables(table), stem=download_stem("pemutakhiran", table.area), extension=extension)
