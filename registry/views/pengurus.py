"""A WKSBM's board: adding a person in a role, ending a term."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from registry.forms import PengurusAddForm, PengurusEndForm
from registry.forms.pengurus import MESSAGE_FIELDS
from registry.models import Pengurus
from registry.services import wksbm as services
from registry.views.base import WksbmPageMixin, detail_url
from registry.views.field_form import CreateOnceView, FieldFormView


class PengurusAddView(WksbmPageMixin, CreateOnceView):
    """Adds a person to the board of a WKSBM in the user's area; sending the form twice adds them once."""

    template_name = "registry/pengurus_form.html"
    form_class = PengurusAddForm
    message_fields = MESSAGE_FIELDS
    permissions = ("registry.add_pengurus",)

    def save(self, parts) -> str:
        services.pengurus_add(by=self.request.user, wksbm=self.wksbm, **parts["form"].service_fields())
        return detail_url(self.wksbm, "pengurus")

    def success_message(self, parts) -> str:
        data = parts["form"].cleaned_data
        return _("%(name)s tercatat sebagai %(role)s.") % {"name": data["name"], "role": data["role"]}


class PengurusEndView(WksbmPageMixin, FieldFormView):
    """Ends the term of one of the board of a WKSBM in the user's area, on the day given."""

    template_name = "registry/end_form.html"
    form_class = PengurusEndForm
    message_fields = dict.fromkeys(MESSAGE_FIELDS, "on")
    permissions = ("registry.change_pengurus",)

    def load(self) -> None:
        self.pengurus = get_object_or_404(
            Pengurus.objects.for_user(self.request.user).filter(wksbm=self.wksbm).select_related("role"),
            pk=self.kwargs["pengurus_pk"],
        )

    def get_form_kwargs(self) -> dict:
        return {"starts_on": self.pengurus.period_from}

    def save(self, parts) -> str:
        services.pengurus_end_term(by=self.request.user, pengurus=self.pengurus, on=parts["form"].cleaned_data["on"])
        return detail_url(self.wksbm, "pengurus")

    def success_message(self, parts) -> str:
        return _("Masa bakti %(name)s diakhiri.") % {"name": self.pengurus.name}

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "pengurus": self.pengurus}


pengurus_add = login_required(PengurusAddView.as_view())
pengurus_end = login_required(PengurusEndView.as_view())
