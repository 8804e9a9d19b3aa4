"""Recording a WKSBM's activity with the funds it collected and the help it distributed."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from registry.forms import AidLineFormSet, FundLineFormSet, ReportForm
from registry.services import wksbm as services
from registry.views.base import detail_url, require, scoped_wksbm
from registry.views.once import create_once, earlier_result, retry_if_token_refused

REPORT_PERMISSIONS = ("registry.add_activityreport", "registry.add_fundcollection", "registry.add_aiddistribution")


@login_required
def report_create(request, pk: int):
    """Records an activity of a WKSBM in the user's area with up to three lines of funds collected (by source)
    and of help distributed (by purpose), all or nothing; sending the form twice records it once."""
    wksbm = scoped_wksbm(request, pk)
    require(request.user, *REPORT_PERMISSIONS)
    if request.method == "POST":
        form = ReportForm(request.POST)
        funds = FundLineFormSet(request.POST, prefix="dana")
        aid = AidLineFormSet(request.POST, prefix="bantuan")
        if done := earlier_result(request, form):
            return done
        # Every part is validated, so that all errors show at once.
        if all([form.is_valid(), funds.is_valid(), aid.is_valid()]):
            data = form.cleaned_data

            def create():
                services.report_create(
                    by=request.user,
                    wksbm=wksbm,
                    date=data["date"],
                    kind=data["kind"],
                    description=data["description"],
                    collected=funds.collected(),
                    distributed=aid.distributed(),
                )
                return detail_url(wksbm, "laporan")

            if done := create_once(request, form, create, success=_("Laporan kegiatan tercatat.")):
                return done
        retry_if_token_refused(form)
    else:
        form = ReportForm()
        funds = FundLineFormSet(prefix="dana")
        aid = AidLineFormSet(prefix="bantuan")
    return render(request, "registry/report_form.html", {"form": form, "funds": funds, "aid": aid, "wksbm": wksbm})
