"""The field's visit pages: recording a visit to a WKSBM (opened from its page, with the current board and its open
follow-ups), the visit itself, its printed report (A4), all visits of a WKSBM, correcting a visit and closing a
follow-up on its own.

Every page reads through `for_user` (`Kunjungan`, `TindakLanjut`, the WKSBM), so anything outside the user's area
answers 404 before any permission check; writes go through `trainings.visit_services`. Saving pages follow
`registry.views.field_form`: the visit form sent twice records one visit; a correction made over someone else's
change is answered 409 with both versions.
"""

import copy

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.attachments.photos import LATEST_PHOTOS, latest_photos
from registry.documents import printed_document
from registry.models import Pengurus
from registry.versions import EditConflict, FieldChange
from registry.views.base import ScopedPageMixin, WksbmPageMixin, scoped_wksbm
from registry.views.editing import VersionedEditMixin
from registry.views.field_form import CreateOnceView, FieldFormView
from trainings import visit_services as services
from trainings.forms.visits import (
    MESSAGE_FIELDS,
    ClosingForm,
    FollowUpCloseForm,
    VisitEditForm,
    VisitForm,
    follow_up_formset,
)
from trainings.models import Kunjungan, TindakLanjut, VisitKind

PAGE_SIZE = 30
CREATE_PERMISSIONS = ("trainings.add_kunjungan", "trainings.add_tindaklanjut", "trainings.change_tindaklanjut")
EDIT_PERMISSIONS = ("trainings.change_kunjungan", "trainings.add_tindaklanjut", "trainings.change_tindaklanjut")
CLOSE_PERMISSIONS = ("trainings.change_tindaklanjut",)
VISIT_RELATED = ("kind", "visitor", "wksbm__wilayah__parent__parent")


def visit_url(visit: Kunjungan, anchor: str = "") -> str:
    url = reverse("trainings:visit_detail", args=[visit.pk])
    return f"{url}#{anchor}" if anchor else url


def scoped_visit(request, pk: int, *, for_update: bool = False) -> Kunjungan:
    """The visit `pk` to a WKSBM of the user's area, with its kind, visitor and place; 404 otherwise."""
    queryset = Kunjungan.objects.for_user(request.user).select_related(*VISIT_RELATED)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def board_of(wksbm, *, also=()):
    """The pengurus offered as present at a visit to `wksbm`: its current board, and any in `also` (those recorded
    present at a visit being corrected, whose term has ended since)."""
    current = Pengurus.objects.filter(wksbm=wksbm).current()
    return (
        Pengurus.objects.filter(pk__in=[*current.values_list("pk", flat=True), *(p.pk for p in also)])
        .select_related("role")
        .order_by("role__sort_order", "name")
    )


def open_follow_ups(wksbm):
    """The open follow-ups of `wksbm`, oldest due first, with their visit."""
    return TindakLanjut.objects.filter(visit__wksbm=wksbm).open().select_related("visit").order_by("due_on", "pk")


class VisitCreateView(WksbmPageMixin, CreateOnceView):
    """Records a visit to a WKSBM of the user's area: the kind (pre-selected by `?jenis=<code>`), who visited (the
    user, or a person named with a role), the pengurus present from its current board, what was discussed, found,
    advised and agreed, up to three new follow-ups, and the WKSBM's open follow-ups marked done or dropped at this
    visit or left open; all or nothing, and sending the form twice records it once."""

    template_name = "trainings/visit_form.html"
    permissions = CREATE_PERMISSIONS
    message_fields = MESSAGE_FIELDS

    def get_parts(self, data=None) -> dict:
        initial = {}
        if data is None and (kind := VisitKind.objects.filter(slug=self.request.GET.get("jenis", "")).first()):
            initial["kind"] = kind
        form = VisitForm(data, initial=initial, user=self.request.user, wksbm=self.wksbm, board=board_of(self.wksbm))
        return {
            "form": form,
            "closing": ClosingForm(data, open_follow_ups=open_follow_ups(self.wksbm), prefix="tutup"),
            "follow_ups": follow_up_formset(data, visit=form.instance),
        }

    def save(self, parts) -> str:
        visit = services.visit_create(
            by=self.request.user,
            wksbm=self.wksbm,
            follow_ups=parts["follow_ups"].follow_ups(),
            closings=parts["closing"].closings(),
            **parts["form"].service_fields(),
        )
        return visit_url(visit)

    def success_message(self, parts) -> str:
        return _("Kunjungan tercatat.")

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "today": dates.today()}


class VisitPageMixin(ScopedPageMixin):
    """A page of the visit `pk` to a WKSBM of the user's area (`scoped_visit`)."""

    def find(self, *, for_update: bool) -> None:
        self.visit = scoped_visit(self.request, self.kwargs["pk"], for_update=for_update)
        self.wksbm = self.visit.wksbm

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "visit": self.visit, "wksbm": self.wksbm}


class VisitEditView(VersionedEditMixin, VisitPageMixin, FieldFormView):
    """Corrects a visit of the user's area, with the pengurus present, and adds follow-ups; saved only over the
    version the page was opened at (a change by someone else meanwhile, to its fields or to who was present, is
    answered 409 with both values, and nothing is written)."""

    template_name = "trainings/visit_form.html"
    form_class = VisitEditForm
    permissions = EDIT_PERMISSIONS
    message_fields = MESSAGE_FIELDS
    lock_on_post = True

    def edited(self):
        return self.visit

    def get_form_kwargs(self) -> dict:
        present = list(self.visit.pengurus_present.all())
        return {**super().get_form_kwargs(), "wksbm": self.wksbm, "board": board_of(self.wksbm, also=present)}

    def get_parts(self, data=None) -> dict:
        form = self.form_class(data, **self.get_form_kwargs())
        return {"form": form, "follow_ups": follow_up_formset(data, visit=form.instance)}

    def find_conflict(self, form):
        conflict = super().find_conflict(form)
        if not form.present_changed(self.visit):
            return conflict
        names = ", ".join(p.name for p in form.cleaned_data["pengurus_present"]) or "—"
        stored = ", ".join(p.name for p in self.visit.pengurus_present.all()) or "—"
        change = FieldChange("pengurus_present", str(_("Pengurus yang hadir")), names, stored, touched=True)
        if conflict is None:
            return EditConflict(changes=[change], merged=form.changes())
        conflict.changes.append(change)
        return conflict

    def form_after_conflict(self, conflict):
        row = self.visit
        initial = {**conflict.merged, "version": VisitEditForm.version_of(row)}
        initial["present_version"] = VisitEditForm.initial_for(row)["present_version"]
        initial["pengurus_present"] = list(row.pengurus_present.all())
        return self.form_class(**{**self.get_form_kwargs(), "instance": copy.copy(row), "initial": initial})

    def save(self, parts) -> str:
        form = parts["form"]
        services.visit_update(
            by=self.request.user,
            visit=self.visit,
            pengurus_present=form.cleaned_data["pengurus_present"],
            follow_ups=parts["follow_ups"].follow_ups(),
            **form.changes(),
        )
        return visit_url(self.visit)

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "title": _("Ubah kunjungan")}


class FollowUpCloseView(VersionedEditMixin, ScopedPageMixin, FieldFormView):
    """Closes an open follow-up of the user's area on its own, as done or dropped on a day, over the version the
    page was opened at."""

    template_name = "trainings/visit_follow_up_close.html"
    form_class = FollowUpCloseForm
    permissions = CLOSE_PERMISSIONS
    message_fields = MESSAGE_FIELDS
    lock_on_post = True

    def find(self, *, for_update: bool) -> None:
        rows = TindakLanjut.objects.for_user(self.request.user).select_related("visit__kind", "visit__wksbm__wilayah")
        if for_update:
            rows = rows.select_for_update(of=("self",))
        self.follow_up = get_object_or_404(rows, pk=self.kwargs["pk"])
        self.wksbm = self.follow_up.visit.wksbm

    def edited(self):
        return self.follow_up

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["initial"].setdefault("closed_on", None)
        kwargs["initial"]["closed_on"] = kwargs["initial"]["closed_on"] or dates.today()
        return kwargs

    def save(self, parts) -> str:
        changes = parts["form"].changes()
        services.follow_up_close(
            by=self.request.user,
            follow_up=self.follow_up,
            status=changes["status"],
            closed_on=changes["closed_on"],
            note=changes["closing_note"],
        )
        return visit_url(self.follow_up.visit, f"tindak-lanjut-{self.follow_up.pk}")

    def success_message(self, parts) -> str:
        return _("Tindak lanjut ditutup.")

    def get_context_data(self, **parts) -> dict:
        context = super().get_context_data(**parts)
        return {**context, "follow_up": self.follow_up, "wksbm": self.wksbm}


def visit_context(visit: Kunjungan) -> dict:
    """What the visit page and its printed report show: the pengurus present, its follow-ups (with the visit
    that closed them) and those of earlier visits it closed. Three queries."""
    return {
        "visit": visit,
        "wksbm": visit.wksbm,
        "present": list(visit.pengurus_present.select_related("role").order_by("role__sort_order", "name")),
        "follow_ups": list(visit.follow_ups.select_related("closed_at_visit").order_by("due_on", "pk")),
        "closed_here": list(visit.closed_follow_ups.select_related("visit").order_by("due_on", "pk")),
        "today": dates.today(),
    }


@login_required
def visit_detail(request, pk: int):
    """A visit of the user's area: when, what kind, who visited, the pengurus present, what was discussed, found,
    advised and agreed, its follow-ups and those it closed. A fixed number of queries."""
    return render(request, "trainings/visit_detail.html", visit_context(scoped_visit(request, pk)))


@login_required
def visit_report(request, pk: int):
    """The printable report of a visit (*laporan kunjungan*, A4, under the kop surat, with a signature block), with
    its latest photos."""
    visit = scoped_visit(request, pk)
    photos = latest_photos(visit, LATEST_PHOTOS)
    context = {**visit_context(visit), "photos": photos, **printed_document(request, visit.wksbm.wilayah)}
    return render(request, "trainings/visit_report.html", context)


@login_required
def visit_list(request, pk: int):
    """Every visit to a WKSBM of the user's area, newest first, 30 a page (a fixed number of queries)."""
    wksbm = scoped_wksbm(request, pk)
    visits = Kunjungan.objects.filter(wksbm=wksbm).timeline()
    page = Paginator(visits, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "trainings/visit_list.html", {"wksbm": wksbm, "page": page})


visit_create = login_required(VisitCreateView.as_view())
visit_edit = login_required(VisitEditView.as_view())
follow_up_close = login_required(FollowUpCloseView.as_view())
