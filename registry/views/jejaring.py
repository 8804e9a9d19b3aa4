"""The ties (jejaring) of a WKSBM on the field pages: its "Jejaring" section on the WKSBM's page, adding a tie with
a mitra found by name, with another WKSBM or with a new mitra (whose close names are offered first), correcting a
tie and ending it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.forms.network import (
    TIE_MESSAGE_FIELDS,
    FirstContactForm,
    MitraNewForm,
    TieAddForm,
    TieEditForm,
    TieEndForm,
    TieWithNewMitraForm,
)
from registry.models import ForumMember, Jejaring
from registry.network import services
from registry.network.matching import close_mitra
from registry.scoping import in_area, shown_name
from registry.views.base import WksbmPageMixin, detail_url
from registry.views.editing import RowEditView
from registry.views.ending import EndView
from registry.views.field_form import CreateOnceView
from registry.views.once import create_once, earlier_result, retry_if_token_refused

SECTION_ANCHOR = "jejaring"


def wksbm_jejaring(wksbm, user) -> dict:
    """The WKSBM page's "Jejaring" section: its active and past ties (`active_ties`, `past_ties`), each with the
    other end named for `user` (`other`, `other_name`, `other_url`: a mitra's page, or the other WKSBM's when it
    lies in the user's area, else "(di luar wilayah Anda)" unlinked), and the forums it belongs to
    (`forum_memberships`). Two queries whatever the number of ties."""
    ties = list(Jejaring.objects.of_wksbm(wksbm).select_related("kind", "mitra__kind", "wksbm", "partner_wksbm"))
    today = dates.today()
    for tie in ties:
        other = tie.other_end(wksbm)
        tie.other = other
        if tie.mitra_id:
            tie.other_name, tie.other_url = other.name, reverse("mitra_detail", args=[other.pk])
        else:
            tie.other_name = shown_name(user, other)
            tie.other_url = reverse("wksbm_detail", args=[other.pk]) if in_area(user, other.wilayah_id) else ""
    memberships = ForumMember.objects.filter(wksbm=wksbm).select_related("forum").order_by("-joined_on", "pk")
    return {
        "active_ties": [tie for tie in ties if tie.is_active(today)],
        "past_ties": [tie for tie in ties if not tie.is_active(today)],
        "forum_memberships": list(memberships),
    }


class TieAddView(WksbmPageMixin, CreateOnceView):
    """Adds a tie of a WKSBM of the user's area with a mitra the user sees, found by name (GET `q`), or with
    another WKSBM of the user's area. Sending the form twice adds one tie."""

    template_name = "registry/network/tie_add.html"
    form_class = TieAddForm
    message_fields = TIE_MESSAGE_FIELDS
    permissions = ("registry.add_jejaring",)

    def load(self) -> None:
        self.search = self.request.GET.get("q", "").strip()[:100]

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user, "wksbm": self.wksbm, "search": self.search}

    def save(self, parts) -> str:
        services.tie_create(by=self.request.user, wksbm=self.wksbm, **parts["form"].service_fields())
        return detail_url(self.wksbm, SECTION_ANCHOR)

    def success_message(self, parts) -> str:
        data = parts["form"].cleaned_data
        return _("Jejaring dengan %(other)s tercatat.") % {"other": data["mitra"] or data["partner_wksbm"]}

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "search": self.search}


class TieWithNewMitraView(WksbmPageMixin, CreateOnceView):
    """Adds a tie of a WKSBM of the user's area with a new mitra (seated at the WKSBM's wilayah or above it, within
    the user's area) and its first contact person, all or nothing.

    Before the mitra is created, the mitra of the same kabupaten with a close name (`close_mitra`) are shown
    ("Apakah maksud Anda…?"): the user picks one of them for the tie (`pick`), or confirms the new mitra
    (`confirm_new`). Sending the form twice creates once.
    """

    template_name = "registry/network/tie_new_mitra.html"
    form_class = TieWithNewMitraForm
    message_fields = {**TIE_MESSAGE_FIELDS}
    permissions = ("registry.add_jejaring", "registry.add_mitra")
    candidates: list = ()

    def get_parts(self, data=None) -> dict:
        user = self.request.user
        return {
            "form": TieWithNewMitraForm(data, wksbm=self.wksbm),
            "mitra_form": MitraNewForm(data, prefix="mitra", user=user, wksbm=self.wksbm),
            "contact_form": FirstContactForm(data, prefix="narahubung"),
        }

    def typed_mitra(self, mitra_form) -> tuple[str, str]:
        """The typed name and the chosen seat's code (one of the offered seats, else "")."""
        name = (mitra_form.data.get(mitra_form.add_prefix("name")) or "").strip()
        seat = mitra_form.data.get(mitra_form.add_prefix("wilayah")) or ""
        offered = {str(code) for code, _label in mitra_form.fields["wilayah"].widget.choices}
        return name, seat if seat in offered else ""

    def send(self, parts: dict):
        form, mitra_form = parts["form"], parts["mitra_form"]
        if done := earlier_result(self.request, form):
            return done
        name, seat = self.typed_mitra(mitra_form)
        if not form.is_valid():
            self.all_valid(parts)
            retry_if_token_refused(form)
            self.candidates = close_mitra(name, seat) if name and seat else []
            return None
        if pick := form.cleaned_data["pick"]:
            return self.tie_with_pick(form, pick, name, seat)
        valid = self.all_valid(parts)
        if name and seat and not form.cleaned_data["confirm_new"]:
            self.candidates = close_mitra(name, seat)
            if self.candidates or not valid:
                return None
        if not valid:
            return None
        mitra_name = mitra_form.cleaned_data["name"]

        def create() -> str:
            mitra = services.mitra_create(
                by=self.request.user, contacts=parts["contact_form"].contact_fields(), **mitra_form.mitra_fields()
            )
            services.tie_create(by=self.request.user, wksbm=self.wksbm, mitra=mitra, **form.tie_fields())
            return detail_url(self.wksbm, SECTION_ANCHOR)

        success = _("Mitra %(name)s dan jejaringnya tercatat.") % {"name": mitra_name}
        return create_once(self.request, form, create, success=success, message_fields=self.message_fields)

    def tie_with_pick(self, form, pick, name: str, seat: str):
        """The tie with `pick`, one of the close names shown; any other mitra is refused."""
        if not (name and seat) or pick not in close_mitra(name, seat):
            form.add_error(None, _("Pilih salah satu mitra yang ditawarkan."))
            return None

        def create() -> str:
            services.tie_create(by=self.request.user, wksbm=self.wksbm, mitra=pick, **form.tie_fields())
            return detail_url(self.wksbm, SECTION_ANCHOR)

        success = _("Jejaring dengan %(other)s tercatat.") % {"other": pick.name}
        return create_once(self.request, form, create, success=success, message_fields=self.message_fields)

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "candidates": self.candidates}


class TieRowMixin:
    """A page of one tie of the WKSBM `pk` (at either end; `tie_pk` in the URL), 404 for any other."""

    model = Jejaring
    related = ("kind", "mitra", "wksbm", "partner_wksbm")
    context_name = "tie"

    def load(self) -> None:
        rows = Jejaring.objects.for_user(self.request.user).of_wksbm(self.wksbm).select_related(*self.related)
        if self.lock_on_post and self.request.method == "POST":
            rows = rows.select_for_update(of=("self",))
        self.row = get_object_or_404(rows, pk=self.kwargs["tie_pk"])
        self.row.other = self.row.other_end(self.wksbm)
        self.row.other_name = shown_name(self.request.user, self.row.other)

    def item_anchor(self) -> str:
        return SECTION_ANCHOR


class TieEditView(TieRowMixin, RowEditView):
    """Corrects a tie of a WKSBM of the user's area (kind, dates, basis, description), saved only over the version
    the page was opened at (409 otherwise)."""

    form_class = TieEditForm
    message_fields = TIE_MESSAGE_FIELDS
    permissions = ("registry.change_jejaring",)
    title = _("Ubah jejaring")
    update_service = staticmethod(services.tie_update)
    service_arg = "tie"

    def get_context_data(self, **parts) -> dict:
        # The tie's documents (the MoU/PKS behind it) below its form.
        return {**super().get_context_data(**parts), "attachments_of": self.row}


class TieEndView(TieRowMixin, EndView):
    """Ends a tie of a WKSBM of the user's area on the day given (today by default)."""

    template_name = "registry/network/tie_end.html"
    form_class = TieEndForm
    message_fields = dict.fromkeys(TIE_MESSAGE_FIELDS, "on")
    permissions = ("registry.change_jejaring",)

    def save(self, parts) -> str:
        services.tie_end(by=self.request.user, tie=self.row, ended_on=parts["form"].cleaned_data["on"])
        return detail_url(self.wksbm, self.item_anchor())

    def success_message(self, parts) -> str:
        return _("Jejaring dengan %(other)s diakhiri.") % {"other": self.row.other_name}


tie_add = login_required(TieAddView.as_view())
tie_add_new_mitra = login_required(TieWithNewMitraView.as_view())
tie_edit = login_required(TieEditView.as_view())
tie_end = login_required(TieEndView.as_view())
