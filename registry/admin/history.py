"""The history pages of the registry's admin: who changed a record, when, and what, as users read the registry.

`HistoryAdmin` is simple-history's admin with `ReadableHistory` changes (choice labels, Indonesian dates, personal
data masked as every page masks it), and it refuses a posted revert to a user who may not change the record.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from registry.admin.personal import personal_fields
from registry.roles import may_see_phone_numbers
from registry.validators import mask_nik, mask_phone


class ReadableHistory(HistoricalRecordContextHelper):
    """History changes as users read the registry: choice labels, `17 Juni 2025`, "-" for nothing, and personal
    data as every page shows it (registry.admin.personal): NIK masked, phone numbers masked unless
    `whole_phones` (the reader works with them)."""

    def __init__(self, model, historical_record, *, whole_phones: bool = False):
        super().__init__(model, historical_record)
        self.whole_phones = whole_phones
        self.personal = personal_fields(model)

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        kind = self.personal.get(change.field)
        # Personal data (UU 27/2022): the history shows it as every page does.
        if kind == "nik":
            value = mask_nik(value or "")
        elif kind == "phone" and not self.whole_phones:
            value = mask_phone(value or "")
        if value is None or value == "":
            return "-"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, datetime.datetime):
            return date_format(localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return date_format(value)
        return value


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin (who, when, what changed, before and after) with `ReadableHistory` changes; a version is
    reverted only by a user who may change the record.

    simple-history saves a posted version page (a revert) for anyone who may view it; it only hides the button.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record, whole_phones=may_see_phone_numbers(request.user))
