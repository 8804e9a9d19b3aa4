"""The office's settings in the admin: the kop surat of printed documents and where they are signed.

One record (`OfficeSettings`, made by its migration): listed alone and changed in place; the add page opens that
record (there is never a second). Only a superuser may delete it: documents then carry the heading derived from
the printing user's area until the add page makes it again.
The logo must be a PNG or JPEG image by its content (Pillow reads it), at most `LOGO_MAX_BYTES`.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from registry.admin.history import HistoryAdmin
from registry.forms.base import PhoneField
from registry.models import OfficeSettings
from registry.models.office import SINGLETON_PK
from registry.validators import display_phone

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG"}


class OfficeSettingsForm(forms.ModelForm):
    website = forms.URLField(label=_("Situs web"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = OfficeSettings
        fields = ("government", "instansi", "address", "phone", "email", "website", "logo", "signing_place")
        field_classes = {"phone": PhoneField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.phone:
            self.initial["phone"] = display_phone(self.instance.phone)

    def clean_logo(self):
        """A PNG or JPEG (by what Pillow read in the file, not by its name), small enough for every page."""
        logo = self.cleaned_data.get("logo")
        image = getattr(logo, "image", None)  # set by forms.ImageField on a new upload only
        if image is None:
            return logo
        if image.format not in LOGO_FORMATS:
            raise forms.ValidationError(_("Logo harus gambar PNG atau JPEG."), code="logo_format")
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(
                _("Logo paling besar %(size)s.") % {"size": filesizeformat(LOGO_MAX_BYTES)}, code="logo_size"
            )
        return logo


@admin.register(OfficeSettings)
class OfficeSettingsAdmin(HistoryAdmin):
    form = OfficeSettingsForm
    list_display = ("__str__", "instansi", "signing_place")
    fieldsets = (
        (_("Kop surat"), {"fields": ("government", "instansi", "address", "phone", "email", "website", "logo")}),
        (_("Penandatanganan"), {"fields": ("signing_place",)}),
    )

    def add_view(self, request, form_url="", extra_context=None):
        """The one record's change page when it exists: there is nothing to add beside it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if OfficeSettings.objects.filter(pk=SINGLETON_PK).exists():
            return self.change_view(request, str(SINGLETON_PK), form_url, extra_context)
        return super().add_view(request, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
