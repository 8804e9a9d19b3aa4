"""The history pages of the registry's admin: who changed a record, when, where from, and what, as users read the
registry.

`HistoryAdmin` is simple-history's admin titled "Riwayat perubahan", with `ReadableHistory` changes (field names,
choice labels, related records' names, Indonesian dates, personal data masked as every page masks it), each
version's source (`change_source`: the import batch, or the page, that wrote it) and its author named by full
name, linked only for a reader who may open that petugas's page. It refuses a posted revert to a user who may not
change the record.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import prefetch_related_objects
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from registry.admin.personal import personal_fields
from registry.admin.readonly import EmptyValueMixin
from registry.history_sources import change_source
from registry.models import display_name
from registry.roles import may_see_phone_numbers
from registry.validators import display_phone, mask_nik, mask_phone
from registry.versions import display_value

EMPTY_MARK = "-"


class ReadableHistory(HistoricalRecordContextHelper):
    """History changes as users read the registry (`registry.versions.display_value`: choice labels, `17 Juni 2025`,
    Ya/Tidak, related records by name), "-" for nothing, and personal data as every page shows it
    (registry.admin.personal): NIK masked, phone numbers masked unless `whole_phones` (the reader works with them).
    """

    def __init__(self, model, historical_record, *, whole_phones: bool = False):
        super().__init__(model, historical_record)
        self.whole_phones = whole_phones
        self.personal = personal_fields(model)

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, DeletedObject):
            # simple-history's stand-in for an empty nullable key (pk None) or a row since deleted.
            value = value.pk
        kind = self.personal.get(change.field)
        # Personal data (UU 27/2022): the history shows it as every page does.
        if kind == "nik":
            return mask_nik(value or "") or EMPTY_MARK
        if kind == "phone":
            return (display_phone(value or "") if self.whole_phones else mask_phone(value or "")) or EMPTY_MARK
        if isinstance(value, models.Model):
            return str(value)  # loaded with the history rows (simple-history's foreign_keys_are_objs)
        return display_value(self.model._meta.get_field(change.field), value, empty=EMPTY_MARK)


class HistoryAdmin(EmptyValueMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin (who, when, what changed, before and after) with `ReadableHistory` changes, in the
    registry's own templates and words; a version is reverted only by a user who may change the record. Its
    read-only values show "-" for nothing (`EmptyValueMixin`), on the change page and on a version's.

    simple-history saves a posted version page (a revert) for anyone who may view it; it only hides the button.
    """

    object_history_template = "admin/registry/object_history.html"
    object_history_list_template = "admin/registry/object_history_list.html"
    object_history_form_template = "admin/registry/object_history_form.html"

    def history_view_title(self, request, obj):
        return _("Riwayat perubahan: %(name)s") % {"name": obj}

    def history_form_view_title(self, request, obj):
        return _("Versi tersimpan: %(name)s") % {"name": obj}

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        records = super().get_history_queryset(request, history_manager, pk_name, object_id)
        try:
            records.model._meta.get_field("import_batch")
        except FieldDoesNotExist:
            return records
        return records.select_related("import_batch__user")

    def render_history_view(self, request, template, context, **kwargs):
        page = context.get("page_obj")
        if page is not None:
            records = list(page.object_list)
            users = {record.history_user for record in records if record.history_user is not None}
            batch_users = {
                record.import_batch.user
                for record in records
                if getattr(record, "import_batch", None) is not None and record.import_batch.user is not None
            }
            # Their profiles in one query, for the names (`display_name`).
            prefetch_related_objects(list(users | batch_users), "petugas_profile")
            links = self.user_links(request, users | batch_users)
            for record in records:
                user = record.history_user
                record.author_name = display_name(user) if user else None
                record.author_link = links.get(user.pk) if user else None
                record.source = change_source(record, name=display_name)
        return super().render_history_view(request, template, context, **kwargs)

    def user_links(self, request, users) -> dict[int, str]:
        """{user id: admin page} of those of `users` whose page the reader may open (the petugas admin's own rule
        and area scoping); the others are named without a link."""
        user_model = get_user_model()
        user_admin = self.admin_site._registry.get(user_model)
        if user_admin is None or not users or not user_admin.has_view_permission(request):
            return {}
        visible = (
            user_admin.get_queryset(request).filter(pk__in=[user.pk for user in users]).values_list("pk", flat=True)
        )
        info = user_model._meta.app_label, user_model._meta.model_name
        try:
            return {pk: reverse(f"admin:{info[0]}_{info[1]}_change", args=[pk]) for pk in visible}
        except NoReverseMatch:
            return {}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record, whole_phones=may_see_phone_numbers(request.user))
