"""A WKSBM's activities: recording one with the funds it collected and the help it distributed, correcting it with
its lines, removing one entered by mistake."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from registry.forms import ReportEditForm, ReportForm, line_formsets
from registry.forms.reports import lines_summary, stored_lines
from registry.models import ActivityReport
from registry.roles import role_of
from registry.services import wksbm as services
from registry.versions import EditConflict, FieldChange
from registry.views.base import WksbmPageMixin, detail_url
from registry.views.editing import RowEditView, WksbmRowMixin
from registry.views.field_form import CreateOnceView, FieldFormView

REPORT_PERMISSIONS = ("registry.add_activityreport", "registry.add_fundcollection", "registry.add_aiddistribution")
REPORT_CHANGE_PERMISSIONS = (
    "registry.change_activityreport",
    *(f"registry.{action}_{model}" for model in ("fundcollection", "aiddistribution") for action in ("add", "change")),
    "registry.delete_fundcollection",
    "registry.delete_aiddistribution",
)
REPORT_REMOVE_PERMISSIONS = (
    "registry.delete_activityreport",
    "registry.delete_fundcollection",
    "registry.delete_aiddistribution",
)


class ReportCreateView(WksbmPageMixin, CreateOnceView):
    """Records an activity of a WKSBM in the user's area with up to three lines of funds collected (by source)
    and of help distributed (by purpose), all or nothing; sending the form twice records it once."""

    template_name = "registry/report_form.html"
    form_class = ReportForm
    permissions = REPORT_PERMISSIONS

    def get_parts(self, data=None) -> dict:
        return {"form": ReportForm(data), **line_formsets(data, user=self.request.user, wksbm=self.wksbm)}

    def save(self, parts) -> str:
        report = services.report_create(
            by=self.request.user,
            wksbm=self.wksbm,
            collected=parts["funds"].collected(),
            distributed=parts["aid"].distributed(),
            **parts["form"].service_fields(),
        )
        return detail_url(self.wksbm, f"report-{report.pk}")

    def success_message(self, parts) -> str:
        return _("Laporan kegiatan tercatat.")


class ReportEditView(RowEditView):
    """Corrects a report of a WKSBM of the user's area with its fund and aid lines, all or nothing, over the version
    the page was opened at: a change of the report's fields or of any of its lines by someone else meanwhile is
    shown, and nothing is written."""

    template_name = "registry/report_form.html"
    form_class = ReportEditForm
    permissions = REPORT_CHANGE_PERMISSIONS
    model = ActivityReport
    related = ("kind",)
    context_name = "report"
    title = _("Ubah laporan kegiatan")
    update_service = staticmethod(services.report_update)
    service_arg = "report"

    def get_parts(self, data=None) -> dict:
        lines = line_formsets(data, report=self.row, user=self.request.user, wksbm=self.wksbm)
        return {**super().get_parts(data), **lines}

    def send(self, parts: dict):
        self.lines = parts
        return super().send(parts)

    def find_conflict(self, form):
        conflict = super().find_conflict(form)
        if not form.lines_changed(self.row):
            return conflict
        change = FieldChange(
            "lines",
            str(_("Dana terhimpun dan bantuan tersalur")),
            mine=lines_summary(self.lines["funds"].collected(), self.lines["aid"].distributed()),
            theirs=lines_summary(*stored_lines(self.row)),
            touched=True,
        )
        if conflict is None:
            return EditConflict(changes=[change], merged=form.changes())
        conflict.changes.append(change)
        return conflict

    def form_after_conflict(self, conflict):
        form = super().form_after_conflict(conflict)
        form.initial["lines_version"] = ReportEditForm.initial_for(self.row)["lines_version"]
        return form

    def get_context_data(self, **parts) -> dict:
        # The report's documents and photos (the LPJ, photos of the activity) below its form.
        return {**super().get_context_data(**parts), "attachments_of": self.row}

    def save(self, parts) -> str:
        services.report_update(
            by=self.request.user,
            report=self.row,
            collected=parts["funds"].collected(),
            distributed=parts["aid"].distributed(),
            **parts["form"].changes(),
        )
        return detail_url(self.wksbm, self.item_anchor())


class RemoveForm(forms.Form):
    """Confirms a removal: nothing to fill in."""


class ReportRemoveView(WksbmRowMixin, FieldFormView):
    """Removes a report of a WKSBM of the user's area entered by mistake, with its lines; the history keeps what
    was removed. Who may, and when, is one rule (`services.report_removal_refused`), shown before the button."""

    template_name = "registry/report_remove.html"
    form_class = RemoveForm
    permissions = REPORT_REMOVE_PERMISSIONS
    model = ActivityReport
    related = ("kind",)
    context_name = "report"
    lock_on_post = True

    def save(self, parts) -> str:
        services.report_delete(by=self.request.user, report=self.row)
        return detail_url(self.wksbm, "laporan")

    def success_message(self, parts) -> str:
        return _("Laporan %(kind)s tanggal %(date)s dihapus.") % {
            "kind": self.row.kind,
            "date": date_format(self.row.date, "j F Y"),
        }

    def get_context_data(self, **parts) -> dict:
        refusal = services.report_removal_refused(
            role=role_of(self.request.user), entered_at=services.report_entered_at(self.row)
        )
        collected, distributed = stored_lines(self.row)
        return {
            **super().get_context_data(**parts),
            "refusal": refusal,
            "lines": lines_summary(collected, distributed) if collected or distributed else "",
        }


report_create = login_required(ReportCreateView.as_view())
report_edit = login_required(ReportEditView.as_view())
report_remove = login_required(ReportRemoveView.as_view())
