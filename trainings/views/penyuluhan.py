"""The field's Penyuluhan pages: a penyuluh records an event held in their area, with its narasumber, its
participants (by name, or as a count per unsur when names are not known) and the WKSBM it led to.

Every page reads through `Penyuluhan.objects.for_user`, so an event outside the user's area answers 404 (before
any permission check, as the WKSBM pages do); writes go through `trainings.services`. Every saving page is a
`registry.views.field_form` view: a creating form sent twice creates once; the headcounts are saved only over
the counts the form was opened with, so that someone else's change is shown rather than overwritten.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.forms.base import OnceForm
from registry.forms.wilayah import CHOICE_LIMIT
from registry.models import Wilayah, Wksbm
from registry.scoping import code_prefix_q, in_area
from registry.views.base import ScopedPageMixin, require
from registry.views.field_form import CreateOnceView, FieldFormView, WilayahStepMixin
from registry.wilayah_codes import ancestor_code
from trainings import reports, services
from trainings.forms.penyuluhan import (
    MESSAGE_FIELDS,
    CountsForm,
    OutcomeForm,
    PenyuluhanForm,
    narasumber_formset,
    peserta_formset,
)
from trainings.models import Outcome, Penyuluhan, Unsur
from trainings.pengurus_match import unsure_of

MATCH_PERMISSIONS = ("trainings.change_peserta",)

PAGE_SIZE = 50
CREATE_PERMISSIONS = ("trainings.add_penyuluhan", "trainings.add_narasumber", "trainings.add_pesertacount")
COUNT_PERMISSIONS = ("trainings.add_pesertacount", "trainings.change_pesertacount")
ORIGIN_LEVELS = (WilayahLevel.KECAMATAN, WilayahLevel.DESA)


def scoped_event(request, pk: int, *, for_update: bool = False) -> Penyuluhan:
    """The event `pk` if it is held in the user's area (`held_in_area`: the pages that write to an event), with
    its kind and place; 404 otherwise, also for an event the user only sees because people of their area
    attended it."""
    queryset = Penyuluhan.objects.held_in_area(request.user).select_related(*reports.EVENT_RELATED)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def event_url(event: Penyuluhan, anchor: str = "") -> str:
    url = reverse("penyuluhan_detail", args=[event.pk])
    return f"{url}#{anchor}" if anchor else url


def local_area(event: Penyuluhan) -> str:
    """The code around an event where its participants and WKSBM usually come from: its kecamatan, or the
    kabupaten for an event held at kabupaten level."""
    return ancestor_code(event.wilayah_id, WilayahLevel.KECAMATAN)


def origin_choices(event: Penyuluhan) -> tuple[list[Wilayah], object]:
    """(the asal desa offered, the asal desa accepted): the kecamatan and desa around the event (only kecamatan
    when they would be more than `CHOICE_LIMIT`), and any of the event's kabupaten, as the attendance import."""
    nearby = Wilayah.objects.within([local_area(event)]).filter(level__in=ORIGIN_LEVELS).select_related("parent")
    options = list(nearby[: CHOICE_LIMIT + 1])
    if len(options) > CHOICE_LIMIT:
        options = list(nearby.filter(level=WilayahLevel.KECAMATAN)[:CHOICE_LIMIT])
    accepted = Wilayah.objects.within([ancestor_code(event.wilayah_id, WilayahLevel.KABUPATEN)]).filter(
        level__in=ORIGIN_LEVELS
    )
    return options, accepted


def kabupaten_options(user, step) -> list[Wilayah]:
    """The kabupaten/kota of the user's area, for an event held at that level (none while still narrowing)."""
    if step.narrow_level:
        return []
    candidates = Wilayah.objects.for_user(user).filter(level=WilayahLevel.KABUPATEN)
    if step.within:
        candidates = candidates.within([step.within.code])
    return list(candidates[:CHOICE_LIMIT])


def provinsi_options(user, step) -> list[Wilayah]:
    """The provinsi the user's area covers whole (the one around the narrowed wilayah), for a provincial event;
    none while still narrowing."""
    if step.narrow_level:
        return []
    candidates = Wilayah.objects.for_user(user).filter(level=WilayahLevel.PROVINSI)
    if step.within:
        candidates = candidates.filter(code=ancestor_code(step.within.code, WilayahLevel.PROVINSI))
    return list(candidates[:CHOICE_LIMIT])


@login_required
def penyuluhan_list(request):
    """The events held in the user's area, newest first, 50 a page, with their totals (a fixed number of
    queries however many there are)."""
    events = (
        Penyuluhan.objects.for_user(request.user)
        .with_totals()
        .select_related("kind", "wilayah__parent__parent")
        .order_by("-starts_on", "-pk")
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "trainings/penyuluhan_list.html", {"page": page})


class PenyuluhanCreateView(WilayahStepMixin, CreateOnceView):
    """Records an event in a desa, kecamatan or kabupaten of the user's area, with up to three narasumber and
    the headcount per unsur, all or nothing; sending the form twice records it once.

    When the area holds too many wilayah the kecamatan is asked first (GET `dalam`), as for a new WKSBM.
    """

    template_name = "trainings/penyuluhan_form.html"
    step_template = "trainings/penyuluhan_wilayah_step.html"
    message_fields = MESSAGE_FIELDS

    def prepare(self) -> None:
        require(self.request.user, *CREATE_PERMISSIONS)
        super().prepare()

    def get_parts(self, data=None) -> dict:
        self.unsur = list(Unsur.objects.all())
        form_kwargs = {
            "user": self.request.user,
            "wilayah_options": self.step.options,
            "kabupaten_options": kabupaten_options(self.request.user, self.step),
            "provinsi_options": provinsi_options(self.request.user, self.step),
        }
        return {
            "form": PenyuluhanForm(data, **form_kwargs),
            "narasumber": narasumber_formset(data),
            "counts": CountsForm(data, unsur=self.unsur, prefix="jumlah"),
        }

    def save(self, parts) -> str:
        by_pk = {item.pk: item for item in self.unsur}
        event = services.penyuluhan_create(by=self.request.user, **parts["form"].service_fields())
        for line in parts["narasumber"].filled():
            services.narasumber_add(by=self.request.user, event=event, **line)
        for pk, count in parts["counts"].counts().items():
            if count:
                services.peserta_count_set(by=self.request.user, event=event, unsur=by_pk[pk], count=count)
        return event_url(event)

    def success_message(self, parts) -> str:
        theme = parts["form"].cleaned_data["theme"]
        return _("Kegiatan %(theme)s tercatat. Tambahkan peserta dan WKSBM hasilnya.") % {"theme": theme}


@login_required
def penyuluhan_detail(request, pk: int):
    """An event the user sees (held in their area, or attended by people of their area): what, when and where,
    who came (by unsur, and by name), the narasumber and the WKSBM it led to. A fixed number of queries however
    many participants.

    Participants are named as `PesertaQuerySet.for_user` allows: all of them for an event held in the user's
    area; of another event, only those of the user's area, the others counted (`others_count`) but not named.
    Participants whose pengurus is unsure are counted (`unsure_count`) for the users who may confirm them.
    """
    event = get_object_or_404(
        Penyuluhan.objects.for_user(request.user).with_totals().select_related(*reports.EVENT_RELATED), pk=pk
    )
    held = in_area(request.user, event.wilayah_id)
    # Only the outcomes in the user's area: a WKSBM of the event's kabupaten may lie outside it.
    report = reports.event_report(event, user=request.user)
    peserta = list(
        event.peserta.for_user(request.user).select_related("unsur", "origin", "pengurus__wksbm").order_by("pk")
    )
    may_match = held and request.user.has_perms(MATCH_PERMISSIONS)
    context = {
        "event": event,
        "report": report,
        "peserta": peserta,
        "others_count": event.named_count - len(peserta),
        "held": held,
        "may_match": may_match,
        "unsure_count": len(unsure_of(event, peserta, request.user)) if may_match else 0,
    }
    return render(request, "trainings/penyuluhan_detail.html", context)


class EventPageMixin(ScopedPageMixin):
    """A page of the event `pk` of the user's area (`scoped_event`)."""

    def find(self, *, for_update: bool) -> None:
        self.event = scoped_event(self.request, self.kwargs["pk"], for_update=for_update)

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "event": self.event}


class PeopleAddView(EventPageMixin, CreateOnceView):
    """Adds the people named on the lines of a page to an event of the user's area, all or none; sending the
    form twice adds them once. One page per kind of person (`noun`), on one template."""

    template_name = "trainings/penyuluhan_people_form.html"
    form_class = OnceForm
    noun: str
    anchor: str
    help_text = ""
    success_text: str

    def get_lines(self, data):
        """The lines of people, bound to `data` when given."""
        raise NotImplementedError

    def add(self, line: dict) -> None:
        """Records the person of one filled `line` through the service."""
        raise NotImplementedError

    def get_parts(self, data=None) -> dict:
        return {"form": OnceForm(data), "lines": self.get_lines(data)}

    def save(self, parts) -> str:
        for line in parts["lines"].filled():
            self.add(line)
        return event_url(self.event, self.anchor)

    def success_message(self, parts) -> str:
        return self.success_text % {"count": len(parts["lines"].filled())}

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "noun": self.noun, "help_text": self.help_text}


class PesertaAddView(PeopleAddView):
    """Up to five named participants. The asal desa is offered from around the event and accepted from its
    kabupaten."""

    permissions = ("trainings.add_peserta",)
    noun = "peserta"
    anchor = "peserta"
    success_text = _("%(count)s peserta tercatat.")
    help_text = _(
        "Peserta yang namanya dicatat; kosongkan baris yang tidak dipakai. Daftar hadir yang panjang lebih mudah "
        "diimpor dari berkas Excel di halaman admin kegiatan."
    )

    def get_lines(self, data):
        options, accepted = origin_choices(self.event)
        return peserta_formset(data, unsur=list(Unsur.objects.all()), origins=options, origin_queryset=accepted)

    def add(self, line: dict) -> None:
        self.added.append(services.peserta_add(by=self.request.user, event=self.event, **line))

    def save(self, parts) -> str:
        """Adds the participants, links those whose pengurus is sure (`trainings.pengurus_match`) and, when some
        are unsure, goes on to "Cocokkan peserta dengan pengurus"."""
        self.added = []
        url = super().save(parts)
        self.linked = services.peserta_link_sure(by=self.request.user, event=self.event, people=self.added)
        self.unsure = len(unsure_of(self.event, self.added, self.request.user))
        return reverse("penyuluhan_peserta_match", args=[self.event.pk]) if self.unsure else url

    def success_message(self, parts) -> str:
        # Asked before saving (`CreateOnceView`), said after: the links are known only then.
        return lazy(self._said, str)(parts)

    def _said(self, parts) -> str:
        message = str(super().success_message(parts))
        if self.linked:
            message += " " + _("%(count)s ditautkan ke pengurus WKSBM.") % {"count": self.linked}
        if self.unsure:
            message += " " + _("%(count)s perlu dicocokkan dengan pengurus.") % {"count": self.unsure}
        return message


class NarasumberAddView(PeopleAddView):
    """Up to three narasumber, at least one."""

    permissions = ("trainings.add_narasumber",)
    noun = "narasumber"
    anchor = "narasumber"
    success_text = _("%(count)s narasumber tercatat.")

    def get_lines(self, data):
        return narasumber_formset(data, required=True)

    def add(self, line: dict) -> None:
        services.narasumber_add(by=self.request.user, event=self.event, **line)


@dataclass
class CountChange:
    """One unsur's headcount on saving: as the form was opened, as stored now, and as the user sent it (0 for a
    blank field)."""

    unsur: Unsur
    opened: int
    theirs: int
    mine: int

    @property
    def touched(self) -> bool:
        return self.mine != self.opened

    @property
    def conflict(self) -> bool:
        """Someone else changed it since, and the user changed it to something else."""
        return self.opened != self.theirs and self.touched and self.mine != self.theirs

    @property
    def write(self) -> bool:
        return self.touched and self.mine != self.theirs

    @property
    def merged(self) -> int:
        """What the form offers after a conflict: the user's value where they changed it, else the current one."""
        return self.mine if self.touched else self.theirs


def _plan_counts(unsur, mine: dict, opened: dict, stored: dict) -> list[CountChange]:
    return [CountChange(item, opened.get(item.pk, 0), stored.get(item.pk, 0), mine[item.pk] or 0) for item in unsur]


class PesertaCountsView(EventPageMixin, FieldFormView):
    """The headcount per unsur of an event of the user's area, for participants whose names are not known.

    Saved only over the counts the form was opened with: if someone else changed one since, nothing is written
    and the page shows their values beside the user's, offering the user's values again to save deliberately.
    """

    template_name = "trainings/penyuluhan_counts_form.html"
    permissions = COUNT_PERMISSIONS
    lock_on_post = True

    def prepare(self) -> None:
        super().prepare()
        self.unsur = list(Unsur.objects.all())
        self.stored = dict(self.event.counts.values_list("unsur_id", "count"))

    def get_form_kwargs(self) -> dict:
        kwargs = {"unsur": self.unsur, "versioned": True}
        if self.request.method != "POST":
            kwargs["initial"] = CountsForm.initial_for(self.unsur, self.stored)
        return kwargs

    def get_parts(self, data=None) -> dict:
        return {"form": CountsForm(data, **self.get_form_kwargs())}

    def find_conflict(self, form) -> list[CountChange]:
        self.plan = _plan_counts(self.unsur, form.counts(), form.opened_counts(), self.stored)
        return [change for change in self.plan if change.conflict]

    def form_after_conflict(self, conflict):
        merged = {CountsForm.field_name(change.unsur): change.merged for change in self.plan}
        initial = merged | {"version": CountsForm.version_of(self.stored)}
        return CountsForm(initial=initial, unsur=self.unsur, versioned=True)

    def save(self, parts) -> str:
        for change in self.plan:
            if change.write:
                services.peserta_count_set(
                    by=self.request.user, event=self.event, unsur=change.unsur, count=change.mine
                )
        return event_url(self.event, "peserta")

    def success_message(self, parts) -> str:
        return _("Jumlah peserta per unsur tersimpan.")

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "conflict": self.conflict or []}


def outcome_candidates(user, event: Penyuluhan):
    """The WKSBM the user may record as an outcome of `event`: in their area and in the area the outcome must lie
    in (the event's program, else its kabupaten; see `Outcome.area_code`), not recorded for this event yet."""
    area = Outcome(event=event, program=event.program).area_code()
    recorded = Outcome.objects.filter(event=event, wksbm=OuterRef("pk"))
    return Wksbm.objects.for_user(user).filter(code_prefix_q("wilayah__code", [area])).exclude(Exists(recorded))


class OutcomeAddView(EventPageMixin, CreateOnceView):
    """Records a WKSBM of the event's area as formed or revived after it; sending the form twice records it once.

    The list offers the WKSBM around the event (its kecamatan, or kabupaten for a kabupaten-level event).
    """

    template_name = "trainings/penyuluhan_outcome_form.html"
    form_class = OutcomeForm
    message_fields = MESSAGE_FIELDS
    permissions = ("trainings.add_outcome",)

    def get_form_kwargs(self) -> dict:
        candidates = outcome_candidates(self.request.user, self.event)
        options = list(
            candidates.filter(code_prefix_q("wilayah__code", [local_area(self.event)]))
            .select_related("wilayah")
            .order_by("wilayah_id", "name")[:CHOICE_LIMIT]
        )
        return {"event": self.event, "queryset": candidates, "options": options}

    def save(self, parts) -> str:
        services.outcome_record(by=self.request.user, event=self.event, **parts["form"].service_fields())
        return event_url(self.event, "hasil")

    def success_message(self, parts) -> str:
        return _("%(name)s tercatat sebagai hasil kegiatan ini.") % {"name": parts["form"].cleaned_data["wksbm"].name}

    def get_context_data(self, **parts) -> dict:
        new_wksbm_place = self.event.wilayah_id if self.event.wilayah.level == WilayahLevel.DESA else ""
        return {**super().get_context_data(**parts), "new_wksbm_place": new_wksbm_place}


penyuluhan_create = login_required(PenyuluhanCreateView.as_view())
peserta_add = login_required(PesertaAddView.as_view())
peserta_counts = login_required(PesertaCountsView.as_view())
narasumber_add = login_required(NarasumberAddView.as_view())
outcome_add = login_required(OutcomeAddView.as_view())
