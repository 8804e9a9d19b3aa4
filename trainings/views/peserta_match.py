"""'Cocokkan peserta dengan pengurus': a person decides which pengurus each unsure participant of an event is.

The candidates are `trainings.pengurus_match`'s; the decisions are written through
`services.peserta_pengurus_confirm`, with history. The page belongs to the event's place (`held_in_area`, 404
elsewhere) and needs the right to change participants. On saving, the event is locked and the unsure
participants read again: one decided by someone else meanwhile is no longer on the form, and a choice sent for
it is left out rather than written over theirs.
"""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _

from registry.views.field_form import FieldFormView
from trainings import services
from trainings.forms.peserta_match import PesertaMatchForm
from trainings.pengurus_match import unsure_of
from trainings.views.penyuluhan import MATCH_PERMISSIONS, EventPageMixin, event_url


class PesertaMatchView(EventPageMixin, FieldFormView):
    template_name = "trainings/penyuluhan_match_form.html"
    permissions = MATCH_PERMISSIONS
    lock_on_post = True

    def load(self) -> None:
        people = list(self.event.peserta.select_related("unsur", "origin").order_by("pk"))
        self.unsure = unsure_of(self.event, people, self.request.user)

    def get_parts(self, data=None) -> dict:
        return {"form": PesertaMatchForm(data, unsure=self.unsure)}

    def save(self, parts) -> str:
        unsure = {peserta.pk: (peserta, match) for peserta, match in self.unsure}
        self.decided = parts["form"].decisions()
        for pk, choice in self.decided.items():
            peserta, match = unsure[pk]
            pengurus = next(p for p in match.candidates if p.pk == choice) if choice else None
            services.peserta_pengurus_confirm(by=self.request.user, peserta=peserta, pengurus=pengurus)
        return event_url(self.event, "peserta")

    def success_message(self, parts) -> str:
        return _("%(count)s peserta dicocokkan.") % {"count": len(self.decided)}


peserta_match = login_required(PesertaMatchView.as_view())
