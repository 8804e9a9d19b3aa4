"""A mitra's page on the field: who it is, its contact people, the WKSBM it works with, what flowed through it;
correcting it and its contacts for those whose area holds its seat."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.forms.network import MITRA_MESSAGE_FIELDS, ContactAddForm, ContactEditForm, MitraEditForm
from registry.models import AidDistribution, FundCollection, Jejaring, Mitra
from registry.network import services
from registry.views.base import ScopedPageMixin
from registry.views.editing import VersionedEditMixin
from registry.views.field_form import CreateOnceView, FieldFormView
from registry.views.saved import messages_beside

CHANGE_PERMISSION = "registry.change_mitra"


def mitra_url(mitra, anchor: str = "") -> str:
    """The address of the mitra's page, at `anchor` when given."""
    url = reverse("mitra_detail", args=[mitra.pk])
    return f"{url}#{anchor}" if anchor else url


def may_change(user, mitra) -> bool:
    """Whether `user` may correct `mitra` and its contacts: the role's permission and its seat in the user's area
    (`MitraQuerySet.seated_in_area`). One query."""
    return user.has_perm(CHANGE_PERMISSION) and Mitra.objects.seated_in_area(user).filter(pk=mitra.pk).exists()


@login_required
def mitra_detail(request, pk: int):
    """A mitra the user sees (404 otherwise, `MitraQuerySet.for_user`): name, kind, level, seat, address,
    registration number, contact people (phones by the registry's masking rule), the ties of the WKSBM of the
    user's area with it, and the funds received through it and the people referred to it within the user's area.
    A fixed number of queries whatever the number of contacts, ties and report lines."""
    mitra = get_object_or_404(
        Mitra.objects.for_user(request.user).select_related("kind", "wilayah__parent__parent"), pk=pk
    )
    user = request.user
    ties = list(
        Jejaring.objects.for_user(user)
        .filter(mitra=mitra)
        .select_related("kind", "wksbm__wilayah")
        .order_by("wksbm__name", "-started_on", "pk")
    )
    today = dates.today()
    for tie in ties:
        tie.active = tie.is_active(today)
    funds = FundCollection.objects.for_user(user).filter(mitra=mitra).aggregate(total=Sum("amount"), lines=Count("pk"))
    referrals = (
        AidDistribution.objects.for_user(user)
        .filter(referred_to=mitra)
        .aggregate(people=Sum("referred_count"), lines=Count("pk"))
    )
    beside, rest = messages_beside(request, ["narahubung", "mitra"])
    context = {
        "mitra": mitra,
        "contacts": list(mitra.contacts.all()),
        "ties": ties,
        "funds": funds,
        "referrals": referrals,
        "may_change": may_change(user, mitra),
        "messages": rest,
        "section_messages": beside,
    }
    return render(request, "registry/network/mitra_detail.html", context)


class MitraPageMixin(ScopedPageMixin):
    """A page that changes the mitra `pk`: 404 unless the user sees it, 403 unless its seat lies in the user's area
    and the role may change a mitra."""

    lock_on_post = True

    def find(self, *, for_update: bool) -> None:
        rows = Mitra.objects.for_user(self.request.user).select_related("kind", "wilayah")
        if for_update:
            rows = rows.select_for_update(of=("self",))
        self.mitra = get_object_or_404(rows, pk=self.kwargs["pk"])

    def prepare(self) -> None:
        super().prepare()
        if not Mitra.objects.seated_in_area(self.request.user).filter(pk=self.mitra.pk).exists():
            raise PermissionDenied

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "mitra": self.mitra}


class MitraEditView(VersionedEditMixin, MitraPageMixin, FieldFormView):
    """Corrects a mitra seated in the user's area, saved only over the version the page was opened at."""

    template_name = "registry/network/mitra_form.html"
    form_class = MitraEditForm
    message_fields = MITRA_MESSAGE_FIELDS
    permissions = (CHANGE_PERMISSION,)

    def edited(self):
        return self.mitra

    def save(self, parts) -> str:
        services.mitra_update(by=self.request.user, mitra=self.mitra, **parts["form"].changes())
        return mitra_url(self.mitra, "mitra")

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "title": _("Ubah mitra")}


class ContactAddView(MitraPageMixin, CreateOnceView):
    """Adds a contact person to a mitra seated in the user's area; sending the form twice adds one."""

    template_name = "registry/network/mitra_form.html"
    form_class = ContactAddForm
    permissions = ("registry.add_mitracontact",)
    lock_on_post = False

    def get_form_kwargs(self) -> dict:
        return {"mitra": self.mitra}

    def save(self, parts) -> str:
        data = parts["form"].service_fields()
        services.contact_save(by=self.request.user, mitra=self.mitra, **data)
        return mitra_url(self.mitra, "narahubung")

    def success_message(self, parts) -> str:
        return _("Narahubung %(name)s tercatat.") % {"name": parts["form"].cleaned_data["name"]}

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "title": _("Tambah narahubung")}


class ContactEditView(VersionedEditMixin, MitraPageMixin, FieldFormView):
    """Corrects a contact person of a mitra seated in the user's area, over the version the page was opened at."""

    template_name = "registry/network/mitra_form.html"
    form_class = ContactEditForm
    permissions = ("registry.change_mitracontact",)

    def load(self) -> None:
        rows = self.mitra.contacts.all()
        if self.request.method == "POST":
            rows = rows.select_for_update(of=("self",))
        self.contact = get_object_or_404(rows, pk=self.kwargs["contact_pk"])

    def edited(self):
        return self.contact

    def save(self, parts) -> str:
        services.contact_save(by=self.request.user, mitra=self.mitra, contact=self.contact, **parts["form"].changes())
        return mitra_url(self.mitra, "narahubung")

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "title": _("Ubah narahubung"), "contact": self.contact}


mitra_edit = login_required(MitraEditView.as_view())
contact_add = login_required(ContactAddView.as_view())
contact_edit = login_required(ContactEditView.as_view())
