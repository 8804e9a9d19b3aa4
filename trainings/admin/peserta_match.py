"""The event admin's action 'Cocokkan peserta dengan pengurus': links the participants of the chosen events
whose pengurus is sure (`trainings.pengurus_match`), with history, and says how many wait for a person's choice
on each event's page ("Cocokkan peserta dengan pengurus")."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trainings import services
from trainings.pengurus_match import unsure_of

MATCH_PERMISSIONS = ("trainings.change_peserta",)


class PesertaMatchActionMixin:
    """Adds the action to an admin of events (`PenyuluhanAdmin`), for users who may change participants."""

    actions = ("match_pengurus",)

    @admin.action(description=gettext_lazy("Cocokkan peserta dengan pengurus"), permissions=["match"])
    def match_pengurus(self, request, queryset):
        linked = unsure = 0
        with transaction.atomic():
            for event in queryset.select_for_update(of=("self",)).order_by("pk"):
                people = list(event.peserta.filter(pengurus__isnull=True, pengurus_checked=False).order_by("pk"))
                linked += services.peserta_link_sure(by=request.user, event=event, people=people)
                unsure += len(unsure_of(event, [p for p in people if p.pengurus_id is None]))
        self.message_user(
            request,
            _("%(linked)s peserta ditautkan ke pengurus; %(unsure)s menunggu dicocokkan di halaman kegiatannya.")
            % {"linked": linked, "unsure": unsure},
            messages.SUCCESS,
        )

    def has_match_permission(self, request) -> bool:
        return request.user.has_perms(MATCH_PERMISSIONS)
