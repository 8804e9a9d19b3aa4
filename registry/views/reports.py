"""Recording a WKSBM's activity with the funds it collected and the help it distributed."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _

from registry.forms import AidLineFormSet, FundLineFormSet, ReportForm
from registry.services import wksbm as services
from registry.views.base import WksbmPageMixin, detail_url
from registry.views.field_form import CreateOnceView

REPORT_PERMISSIONS = ("registry.add_activityreport", "registry.add_fundcollection", "registry.add_aiddistribution")


class ReportCreateView(WksbmPageMixin, CreateOnceView):
    """Records an activity of a WKSBM in the user's area with up to three lines of funds collected (by source)
    and of help distributed (by purpose), all or nothing; sending the form twice records it once."""

    template_name = "registry/report_form.html"
    form_class = ReportForm
    permissions = REPORT_PERMISSIONS

    def get_parts(self, data=None) -> dict:
        return {
            "form": ReportForm(data),
            "funds": FundLineFormSet(data, prefix="dana"),
            "aid": AidLineFormSet(data, prefix="bantuan"),
        }

    def save(self, parts) -> str:
        services.report_create(
            by=self.request.user,
            wksbm=self.wksbm,
            collected=parts["funds"].collected(),
            distributed=parts["aid"].distributed(),
            **parts["form"].service_fields(),
        )
        return detail_url(self.wksbm, "laporan")

    def success_message(self, parts) -> str:
        return _("Laporan kegiatan tercatat.")


report_create = login_required(ReportCreateView.as_view())
