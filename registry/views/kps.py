"""A WKSBM's member KPS: a new KPS created in its area and linked, an existing free one linked, a KPS or its
membership corrected, a member leaving."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from registry.forms import KpsCreateForm, KpsEditForm, KpsLinkForm, MembershipEditForm, MembershipEndForm
from registry.forms.base import constraint_messages
from registry.forms.kps import MESSAGE_FIELDS
from registry.models import Kps, KpsMembership
from registry.services import wksbm as services
from registry.views.base import WksbmPageMixin, detail_url
from registry.views.editing import RowEditView
from registry.views.ending import EndView
from registry.views.field_form import CreateOnceView


class KpsCreateView(WksbmPageMixin, CreateOnceView):
    """Creates a KPS in the area of a WKSBM of the user's area and makes it a member, both or neither.

    The KPS lies in the WKSBM's desa; a kecamatan-level WKSBM asks which of its wilayah. Sending the form twice
    creates one KPS.
    """

    template_name = "registry/kps_form.html"
    form_class = KpsCreateForm
    message_fields = MESSAGE_FIELDS
    permissions = ("registry.add_kps", "registry.add_kpsmembership")

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user, "wksbm": self.wksbm}

    def save(self, parts) -> str:
        # One transaction with the token (create_once): a refused membership leaves no KPS behind.
        form = parts["form"]
        kps = services.kps_create(by=self.request.user, **form.kps_fields())
        membership = services.membership_add(
            by=self.request.user, kps=kps, wksbm=self.wksbm, joined_on=form.cleaned_data["joined_on"]
        )
        return detail_url(self.wksbm, f"membership-{membership.pk}")

    def success_message(self, parts) -> str:
        return _("KPS %(name)s tercatat sebagai anggota.") % {"name": parts["form"].cleaned_data["name"]}


class KpsLinkView(WksbmPageMixin, CreateOnceView):
    """Links an existing KPS of the WKSBM's area that is a current member of no WKSBM (GET `q` narrows the
    list by name). A KPS outside the area, or a member elsewhere, is refused."""

    template_name = "registry/kps_link.html"
    form_class = KpsLinkForm
    message_fields = MESSAGE_FIELDS
    permissions = ("registry.add_kpsmembership",)

    def load(self) -> None:
        self.search = self.request.GET.get("q", "").strip()[:100]

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user, "wksbm": self.wksbm, "search": self.search}

    def save(self, parts) -> str:
        data = parts["form"].cleaned_data
        membership = services.membership_add(
            by=self.request.user, kps=data["kps"], wksbm=self.wksbm, joined_on=data["joined_on"]
        )
        return detail_url(self.wksbm, f"membership-{membership.pk}")

    def success_message(self, parts) -> str:
        return _("KPS %(name)s ditautkan sebagai anggota.") % {"name": parts["form"].cleaned_data["kps"].name}

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "search": self.search}


class MembershipEndView(EndView):
    """Records the day a member KPS left a WKSBM of the user's area."""

    form_class = MembershipEndForm
    message_fields = constraint_messages(KpsMembership, {"kps_membership_dates_in_order": "on"})
    permissions = ("registry.change_kpsmembership",)
    model = KpsMembership
    related = ("kps",)
    context_name = "membership"
    end_service = staticmethod(services.membership_end)

    def success_message(self, parts) -> str:
        return _("KPS %(name)s keluar dari WKSBM.") % {"name": self.row.kps.name}


class KpsEditView(RowEditView):
    """Corrects a member KPS (past or current) of a WKSBM of the user's area: name, kind, leader, number of
    members, phone. The URL names the membership, as the WKSBM's page lists them."""

    form_class = KpsEditForm
    message_fields = MESSAGE_FIELDS
    permissions = ("registry.change_kps",)
    model = KpsMembership
    context_name = "membership"
    title = _("Ubah KPS")
    update_service = staticmethod(services.row_update)

    def load(self) -> None:
        super().load()
        kps = Kps.objects.for_user(self.request.user).select_related("kind", "wilayah")
        if self.request.method == "POST":
            kps = kps.select_for_update(of=("self",))
        self.kps = get_object_or_404(kps, pk=self.row.kps_id)

    def edited(self):
        return self.kps

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "kps": self.kps}


class MembershipEditView(RowEditView):
    """Corrects when a member KPS of a WKSBM of the user's area joined it, and when it left."""

    form_class = MembershipEditForm
    message_fields = MembershipEditForm.message_fields
    permissions = ("registry.change_kpsmembership",)
    model = KpsMembership
    related = ("kps",)
    context_name = "membership"
    title = _("Ubah tanggal keanggotaan")
    update_service = staticmethod(services.row_update)


kps_create = login_required(KpsCreateView.as_view())
kps_link = login_required(KpsLinkView.as_view())
membership_end = login_required(MembershipEndView.as_view())
kps_edit = login_required(KpsEditView.as_view())
membership_edit = login_required(MembershipEditView.as_view())
