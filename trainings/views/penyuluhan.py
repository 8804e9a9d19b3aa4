"""The field's Penyuluhan pages: a penyuluh records an event held in their area, with its narasumber, its
participants (by name, or as a count per unsur when names are not known) and the WKSBM it led to.

Every page reads through `Penyuluhan.objects.for_user`, so an event outside the user's area answers 404 (before
any permission check, as the WKSBM pages do); writes go through `trainings.services`. A creating form sent
twice creates once (`registry.views.once`); the headcounts are saved only over the counts the form was opened
with, so that someone else's change is shown rather than overwritten.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.forms import NarrowForm, wilayah_step
from registry.forms.base import OnceForm, add_service_error
from registry.forms.wilayah import CHOICE_LIMIT
from registry.models import Wilayah, Wksbm
from registry.scoping import code_prefix_q
from registry.views.base import require
from registry.views.once import create_once, earlier_result, retry_if_token_refused
from registry.wilayah_codes import ancestor_code
from trainings import reports, services
from trainings.forms import (
    MESSAGE_FIELDS,
    CountsForm,
    OutcomeForm,
    PenyuluhanForm,
    narasumber_formset,
    peserta_formset,
)
from trainings.models import Outcome, Penyuluhan, Unsur

PAGE_SIZE = 50
CREATE_PERMISSIONS = ("trainings.add_penyuluhan", "trainings.add_narasumber", "trainings.add_pesertacount")
COUNT_PERMISSIONS = ("trainings.add_pesertacount", "trainings.change_pesertacount")
ORIGIN_LEVELS = (WilayahLevel.KECAMATAN, WilayahLevel.DESA)


def scoped_event(request, pk: int, *, for_update: bool = False) -> Penyuluhan:
    """The event `pk` if it is held in the user's area, with its kind and place; 404 otherwise."""
    queryset = Penyuluhan.objects.for_user(request.user).select_related(*reports.EVENT_RELATED)
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


@login_required
def penyuluhan_create(request):
    """Records an event in a desa, kecamatan or kabupaten of the user's area, with up to three narasumber and
    the headcount per unsur, all or nothing; sending the form twice records it once.

    When the area holds too many wilayah the kecamatan is asked first (GET `dalam`), as for a new WKSBM.
    """
    require(request.user, *CREATE_PERMISSIONS)
    step = wilayah_step(request.user, request.GET.get("dalam"))
    if step.narrow_level and request.method != "POST":
        return _narrow(request, step)
    unsur = list(Unsur.objects.all())
    form_kwargs = {
        "user": request.user,
        "wilayah_options": step.options,
        "kabupaten_options": kabupaten_options(request.user, step),
    }
    if request.method == "POST":
        form = PenyuluhanForm(request.POST, **form_kwargs)
        narasumber = narasumber_formset(request.POST)
        counts = CountsForm(request.POST, unsur=unsur, prefix="jumlah")
        if done := earlier_result(request, form):
            return done
        # Every part is validated, so that all errors show at once.
        if all([form.is_valid(), narasumber.is_valid(), counts.is_valid()]):
            fields = form.service_fields()
            by_pk = {item.pk: item for item in unsur}

            def create():
                event = services.penyuluhan_create(by=request.user, **fields)
                for line in narasumber.filled():
                    services.narasumber_add(by=request.user, event=event, **line)
                for pk, count in counts.counts().items():
                    if count:
                        services.peserta_count_set(by=request.user, event=event, unsur=by_pk[pk], count=count)
                return event_url(event)

            success = _("Kegiatan %(theme)s tercatat. Tambahkan peserta dan WKSBM hasilnya.") % {
                "theme": fields["theme"]
            }
            if done := create_once(request, form, create, success=success, message_fields=MESSAGE_FIELDS):
                return done
        retry_if_token_refused(form)
        if step.narrow_level:
            return _narrow(request, step)
    else:
        form = PenyuluhanForm(**form_kwargs)
        narasumber = narasumber_formset()
        counts = CountsForm(unsur=unsur, prefix="jumlah")
    context = {"form": form, "narasumber": narasumber, "counts": counts, "step": step}
    return render(request, "trainings/penyuluhan_form.html", context)


def _narrow(request, step):
    return render(request, "trainings/penyuluhan_wilayah_step.html", {"step": step, "form": NarrowForm(step=step)})


@login_required
def penyuluhan_detail(request, pk: int):
    """An event of the user's area: what, when and where, who came (by unsur, and by name), the narasumber and
    the WKSBM it led to. A fixed number of queries however many participants."""
    event = get_object_or_404(
        Penyuluhan.objects.for_user(request.user).with_totals().select_related(*reports.EVENT_RELATED), pk=pk
    )
    # Only the outcomes in the user's area: a WKSBM of the event's kabupaten may lie outside it.
    report = reports.event_report(event, user=request.user)
    peserta = list(event.peserta.select_related("unsur", "origin").order_by("pk"))
    context = {"event": event, "report": report, "peserta": peserta}
    return render(request, "trainings/penyuluhan_detail.html", context)


@login_required
def peserta_add(request, pk: int):
    """Adds up to five named participants to an event of the user's area, all or none; sending the form twice
    adds them once. The asal desa is offered from around the event and accepted from its kabupaten."""
    event = scoped_event(request, pk)
    require(request.user, "trainings.add_peserta")
    unsur = list(Unsur.objects.all())
    options, accepted = origin_choices(event)
    line_kwargs = {"unsur": unsur, "origins": options, "origin_queryset": accepted}
    if request.method == "POST":
        form = OnceForm(request.POST)
        lines = peserta_formset(request.POST, **line_kwargs)
        if done := earlier_result(request, form):
            return done
        if all([form.is_valid(), lines.is_valid()]):
            people = lines.filled()

            def create():
                for line in people:
                    services.peserta_add(by=request.user, event=event, **line)
                return event_url(event, "peserta")

            success = _("%(count)s peserta tercatat.") % {"count": len(people)}
            if done := create_once(request, form, create, success=success):
                return done
        retry_if_token_refused(form)
    else:
        form = OnceForm()
        lines = peserta_formset(**line_kwargs)
    return render(request, "trainings/penyuluhan_peserta_form.html", {"form": form, "lines": lines, "event": event})


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


@login_required
def peserta_counts(request, pk: int):
    """The headcount per unsur of an event of the user's area, for participants whose names are not known.

    Saved only over the counts the form was opened with: if someone else changed one since, nothing is written
    and the page shows their values beside the user's, offering the user's values again to save deliberately.
    """
    event = scoped_event(request, pk, for_update=request.method == "POST")
    require(request.user, *COUNT_PERMISSIONS)
    unsur = list(Unsur.objects.all())
    stored = dict(event.counts.values_list("unsur_id", "count"))
    conflict: list[CountChange] = []
    status = 200
    if request.method == "POST":
        form = CountsForm(request.POST, unsur=unsur, versioned=True)
        opened = form.opened_counts() if form.is_valid() else None
        if form.is_valid() and opened is None:
            form.add_error(None, _("Formulir ini tidak lengkap; buka lagi halaman ini dan isi ulang."))
        elif form.is_valid():
            plan = _plan_counts(unsur, form.counts(), opened, stored)
            conflict = [change for change in plan if change.conflict]
            if conflict:
                merged = {CountsForm.field_name(change.unsur): change.merged for change in plan}
                initial = merged | {"version": CountsForm.version_of(stored)}
                form = CountsForm(initial=initial, unsur=unsur, versioned=True)
                status = 409
            else:
                try:
                    for change in plan:
                        if change.write:
                            services.peserta_count_set(
                                by=request.user, event=event, unsur=change.unsur, count=change.mine
                            )
                except ValidationError as error:
                    add_service_error(form, error)
                else:
                    messages.success(request, _("Jumlah peserta per unsur tersimpan."))
                    return redirect(event_url(event, "peserta"))
    else:
        form = CountsForm(initial=CountsForm.initial_for(unsur, stored), unsur=unsur, versioned=True)
    context = {"form": form, "event": event, "conflict": conflict}
    return render(request, "trainings/penyuluhan_counts_form.html", context, status=status)


@login_required
def narasumber_add(request, pk: int):
    """Adds up to three narasumber to an event of the user's area; sending the form twice adds them once."""
    event = scoped_event(request, pk)
    require(request.user, "trainings.add_narasumber")
    if request.method == "POST":
        form = OnceForm(request.POST)
        lines = narasumber_formset(request.POST, required=True)
        if done := earlier_result(request, form):
            return done
        if all([form.is_valid(), lines.is_valid()]):
            people = lines.filled()

            def create():
                for line in people:
                    services.narasumber_add(by=request.user, event=event, **line)
                return event_url(event, "narasumber")

            success = _("%(count)s narasumber tercatat.") % {"count": len(people)}
            if done := create_once(request, form, create, success=success):
                return done
        retry_if_token_refused(form)
    else:
        form = OnceForm()
        lines = narasumber_formset(required=True)
    context = {"form": form, "lines": lines, "event": event}
    return render(request, "trainings/penyuluhan_narasumber_form.html", context)


def outcome_candidates(user, event: Penyuluhan):
    """The WKSBM the user may record as an outcome of `event`: in their area and in the area the outcome must lie
    in (the event's program, else its kabupaten; see `Outcome.area_code`), not recorded for this event yet."""
    area = Outcome(event=event, program=event.program).area_code()
    recorded = Outcome.objects.filter(event=event, wksbm=OuterRef("pk"))
    return Wksbm.objects.for_user(user).filter(code_prefix_q("wilayah__code", [area])).exclude(Exists(recorded))


@login_required
def outcome_add(request, pk: int):
    """Records a WKSBM of the event's area as formed or revived after it; sending the form twice records it once.

    The list offers the WKSBM around the event (its kecamatan, or kabupaten for a kabupaten-level event).
    """
    event = scoped_event(request, pk)
    require(request.user, "trainings.add_outcome")
    candidates = outcome_candidates(request.user, event)
    options = list(
        candidates.filter(code_prefix_q("wilayah__code", [local_area(event)]))
        .select_related("wilayah")
        .order_by("wilayah_id", "name")[:CHOICE_LIMIT]
    )
    if request.method == "POST":
        form = OutcomeForm(request.POST, queryset=candidates, options=options)
        if done := earlier_result(request, form):
            return done
        if form.is_valid():
            fields = form.service_fields()

            def create():
                services.outcome_record(by=request.user, event=event, **fields)
                return event_url(event, "hasil")

            success = _("%(name)s tercatat sebagai hasil kegiatan ini.") % {"name": fields["wksbm"].name}
            if done := create_once(request, form, create, success=success, message_fields=MESSAGE_FIELDS):
                return done
        retry_if_token_refused(form)
    else:
        form = OutcomeForm(queryset=candidates, options=options)
    new_wksbm_place = event.wilayah_id if event.wilayah.level == WilayahLevel.DESA else ""
    context = {"form": form, "event": event, "new_wksbm_place": new_wksbm_place}
    return render(request, "trainings/penyuluhan_outcome_form.html", context)
