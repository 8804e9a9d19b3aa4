"""Admin of the verification queue: the items of the user's area, read-only (state, kind, change, WKSBM, who sent
and decided them, when, the reason), filtered by state and kind, searched by title, with their history. The action
"Verifikasi data terpilih" confirms through `registry.verification.services.confirm`; returning needs a reason,
which the queue page asks for ("Kembalikan" opens it)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from registry.admin.history import HistoryAdmin
from registry.admin.scoping import ScopedAdminMixin
from registry.models import VerificationItem, display_name
from registry.verification import services
from registry.verification.kinds import all_kinds
from registry.verification.services import VERIFY_PERMISSION

SHOWN_FIELDS = (
    "title",
    "kind_label",
    "change",
    "state",
    "wksbm",
    "wilayah",
    "changes_table",
    "submitted_by_name",
    "submitted_at",
    "decided_by_name",
    "decided_at",
    "reason",
)


class KindFilter(admin.SimpleListFilter):
    """The registered kinds of verified records, by their label."""

    title = _("jenis")
    parameter_name = "jenis"

    def lookups(self, request, model_admin):
        return [(kind.code, kind.label) for kind in all_kinds()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(VerificationItem)
class VerificationItemAdmin(ScopedAdminMixin, HistoryAdmin):
    list_display = (
        "title",
        "state",
        "kind_label",
        "change",
        "wksbm",
        "submitted_by_name",
        "submitted_at",
        "decided_by_name",
        "decided_at",
        "reason",
    )
    list_select_related = ("wksbm", "submitted_by__petugas_profile", "decided_by__petugas_profile")
    list_filter = ("state", KindFilter)
    search_fields = ("title",)
    date_hierarchy = "submitted_at"
    fields = SHOWN_FIELDS
    readonly_fields = SHOWN_FIELDS
    actions = ("confirm_selected", "return_selected")
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        """An item is decided through the services (the actions, the queue page), never edited by hand."""
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_verify_permission(self, request) -> bool:
        return request.user.has_perm(VERIFY_PERMISSION)

    @admin.display(description=_("jenis"))
    def kind_label(self, obj) -> str:
        kinds = {kind.code: kind.label for kind in all_kinds()}
        return str(kinds.get(obj.kind, obj.kind))

    @admin.display(description=_("dikirim oleh"))
    def submitted_by_name(self, obj) -> str:
        return display_name(obj.submitted_by) if obj.submitted_by else "-"

    @admin.display(description=_("diputuskan oleh"))
    def decided_by_name(self, obj) -> str:
        return display_name(obj.decided_by) if obj.decided_by else "-"

    @admin.display(description=_("isi perubahan (sebelum → sesudah)"))
    def changes_table(self, obj) -> str:
        if not obj.changes:
            return "-"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((label, before or "—", after or "—") for label, before, after in obj.changes),
        )
        head = format_html("<tr><th>{}</th><th>{}</th><th>{}</th></tr>", _("Data"), _("Sebelum"), _("Sesudah"))
        return format_html("<table>{}{}</table>", head, rows)

    @admin.action(description=_("Verifikasi data terpilih"), permissions=["verify"])
    def confirm_selected(self, request, queryset):
        try:
            done = services.confirm(by=request.user, items=list(queryset))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, _("%(count)s data diverifikasi.") % {"count": len(done)}, messages.SUCCESS)

    @admin.action(description=_("Kembalikan (dengan alasan, di halaman Verifikasi data)"), permissions=["verify"])
    def return_selected(self, request, queryset):
        """Returning needs a reason: the queue page asks for it, with the chosen items' WKSBM."""
        wksbm_ids = sorted({pk for pk in queryset.values_list("wksbm_id", flat=True) if pk})
        url = reverse("verification_queue")
        if len(wksbm_ids) == 1:
            url += f"?wksbm={wksbm_ids[0]}"
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Data dikembalikan dengan alasan, di halaman Verifikasi data."),
                url,
                _("Buka Verifikasi data"),
            ),
            messages.INFO,
        )
