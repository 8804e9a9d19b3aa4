"""A WKSBM's board: adding a person in a role, correcting what is recorded of them, ending a term."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _

from registry.forms import PengurusAddForm, PengurusEditForm, PengurusEndForm
from registry.forms.pengurus import MESSAGE_FIELDS
from registry.models import Pengurus
from registry.services import wksbm as services
from registry.views.base import WksbmPageMixin, detail_url
from registry.views.editing import RowEditView
from registry.views.ending import EndView
from registry.views.field_form import CreateOnceView


class PengurusAddView(WksbmPageMixin, CreateOnceView):
    """Adds a person to the board of a WKSBM in the user's area; sending the form twice adds them once."""

    template_name = "registry/pengurus_form.html"
    form_class = PengurusAddForm
    message_fields = MESSAGE_FIELDS
    permissions = ("registry.add_pengurus",)

    def save(self, parts) -> str:
        pengurus = services.pengurus_add(by=self.request.user, wksbm=self.wksbm, **parts["form"].service_fields())
        return detail_url(self.wksbm, f"pengurus-{pengurus.pk}")

    def success_message(self, parts) -> str:
        data = parts["form"].cleaned_data
        return _("%(name)s tercatat sebagai %(role)s.") % {"name": data["name"], "role": data["role"]}


class PengurusEndView(EndView):
    """Ends the term of one of the board of a WKSBM in the user's area, on the day given."""

    form_class = PengurusEndForm
    message_fields = dict.fromkeys(MESSAGE_FIELDS, "on")
    permissions = ("registry.change_pengurus",)
    model = Pengurus
    related = ("role",)
    context_name = "pengurus"
    end_service = staticmethod(services.pengurus_end_term)

    def success_message(self, parts) -> str:
        return _("Masa bakti %(name)s diakhiri.") % {"name": self.row.name}


class PengurusEditView(RowEditView):
    """Corrects one of the board of a WKSBM in the user's area: name, role, phone, NIK, term dates."""

    form_class = PengurusEditForm
    message_fields = MESSAGE_FIELDS
    permissions = ("registry.change_pengurus",)
    model = Pengurus
    related = ("role",)
    context_name = "pengurus"
    title = _("Ubah pengurus")
    update_service = staticmethod(services.row_update)


pengurus_add = login_required(PengurusAddView.as_view())
pengurus_end = login_required(PengurusEndView.as_view())
pengurus_edit = login_required(PengurusEditView.as_view())
