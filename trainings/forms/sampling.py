"""The form that draws an uji petik sample (`trainings.views.sampling`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.forms.base import OnceForm
from registry.models import Wilayah
from trainings.models.sampling import MAX_SEED, MAX_SIZE

DEFAULT_SIZE = 5


def drawable_areas(user):
    """The wilayah `user` may draw a sample in: the provinsi and kabupaten/kota of their area."""
    return Wilayah.objects.for_user(user).filter(level__lte=WilayahLevel.KABUPATEN).order_by("code")


class UjiPetikForm(OnceForm):
    """Where, how many per kabupaten/kota, and optionally the seed of an earlier draw to repeat it."""

    wilayah = forms.ChoiceField(label=_("Wilayah"))
    size = forms.IntegerField(
        label=_("Jumlah WKSBM per kabupaten/kota"), min_value=1, max_value=MAX_SIZE, initial=DEFAULT_SIZE
    )
    seed = forms.IntegerField(
        label=_("Benih acak"),
        required=False,
        min_value=1,
        max_value=MAX_SEED,
        help_text=_("Kosongkan untuk benih baru. Isi benih penarikan lain untuk mengulang sampel yang sama."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {area.code: area for area in drawable_areas(user)}
        self.fields["wilayah"].choices = [(code, area.display_name) for code, area in self.areas.items()]

    def service_fields(self) -> dict:
        fields = super().service_fields()
        fields["wilayah"] = self.areas[fields["wilayah"]]
        return fields
