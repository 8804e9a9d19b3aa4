"""The field's evaluation pages: "Nilai WKSBM" (a new evaluation, answers pre-filled from the registry's facts),
the evaluation's page with its score and class, changing it, confirming it (operators) and its printed sheet.

Every page reads through `for_user` (the WKSBM's or the evaluation's), so anything outside the user's area
answers 404 before any 403; writes go through `trainings.evaluation_services`. The saving pages follow the one
protocol of `registry.views.field_form`: a new evaluation sent twice is recorded once, a change is saved only
over the version it was opened at.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View

from registry import dates
from registry.documents import printed_document
from registry.enums import VerificationState
from registry.models import VerificationItem, display_name
from registry.views.base import ScopedPageMixin, WksbmPageMixin
from registry.views.editing import VersionedEditMixin
from registry.views.field_form import CreateOnceView, FieldFormView
from registry.views.saved import say_saved
from trainings import evaluation_services as services
from trainings.evaluation_facts import facts_for, prefill
from trainings.forms.evaluations import MESSAGE_FIELDS, EvaluasiEditForm, EvaluasiForm
from trainings.models.evaluation import Evaluasi, Instrument, period_label

EVALUATION_RELATED = (
    "wksbm__wilayah__parent__parent",
    "instrument",
    "evaluation_class",
    "assessor__petugas_profile",
    "confirmed_by__petugas_profile",
)
CREATE_PERMISSIONS = ("trainings.add_evaluasi", "trainings.add_jawaban")
CHANGE_PERMISSIONS = ("trainings.change_evaluasi", "trainings.change_jawaban", "trainings.add_jawaban")
CONFIRM_PERMISSION = "registry.verify_verificationitem"


def evaluation_url(evaluasi: Evaluasi) -> str:
    return reverse("trainings:evaluation_detail", args=[evaluasi.pk])


def scoped_evaluation(request, pk: int, *, for_update: bool = False) -> Evaluasi:
    """The evaluation `pk` of a WKSBM of the user's area, with what its pages show; 404 otherwise."""
    rows = Evaluasi.objects.for_user(request.user).select_related(*EVALUATION_RELATED)
    if for_update:
        rows = rows.select_for_update(of=("self",))
    return get_object_or_404(rows, pk=pk)


def answers_of(evaluasi: Evaluasi) -> list:
    """The evaluation's answers in the instrument's order, with their indicator, aspect, option and pre-filled
    option. One query."""
    return list(
        evaluasi.answers.select_related("indicator__aspect", "option", "prefilled_option").order_by(
            "indicator__aspect__order", "indicator__aspect_id", "indicator__order", "indicator_id"
        )
    )


def people_of(evaluasi: Evaluasi) -> dict:
    """How the assessor and the confirming operator are named on the pages (`display_name`); no query."""
    confirmer = evaluasi.confirmed_by
    return {
        "assessor_name": display_name(evaluasi.assessor),
        "confirmer_name": display_name(confirmer) if confirmer else "",
    }


def active_instruments() -> list[Instrument]:
    return list(Instrument.objects.filter(active=True).order_by("name", "pk"))


class EvaluationCreateView(WksbmPageMixin, CreateOnceView):
    """ "Nilai WKSBM": a new evaluation of a WKSBM of the user's area with an active instrument (the first by
    default, another by `?instrumen=`), its answers pre-filled from the registry's facts and marked so."""

    template_name = "trainings/evaluation_form.html"
    permissions = CREATE_PERMISSIONS
    message_fields = MESSAGE_FIELDS

    def load(self) -> None:
        self.instruments = active_instruments()
        chosen = self.request.GET.get("instrumen")
        found = [i for i in self.instruments if str(i.pk) == chosen] or self.instruments[:1]
        if not found:
            raise Http404(_("Belum ada instrumen penilaian yang aktif."))
        self.instrument = found[0]
        self.indicators = services.instrument_indicators(self.instrument)
        self.prefilled = prefill(self.indicators, facts_for(self.wksbm))

    def get_parts(self, data=None) -> dict:
        instance = Evaluasi(wksbm=self.wksbm, instrument=self.instrument, assessor=self.request.user)
        form = EvaluasiForm(
            data,
            instance=instance,
            indicators=self.indicators,
            prefilled=self.prefilled,
            initial={"evaluated_on": dates.today()},
        )
        return {"form": form}

    def save(self, parts) -> str:
        form = parts["form"]
        evaluasi = services.evaluation_create(
            by=self.request.user,
            wksbm=self.wksbm,
            instrument=self.instrument,
            evaluated_on=form.cleaned_data["evaluated_on"],
            notes=form.cleaned_data["notes"],
            answers=form.answers,
        )
        return evaluation_url(evaluasi)

    def success_message(self, parts) -> str:
        return _("Penilaian tersimpan dan menunggu konfirmasi operator.")

    def get_context_data(self, **parts) -> dict:
        return {
            **super().get_context_data(**parts),
            "instrument": self.instrument,
            "instruments": self.instruments,
            "period": period_label(self.instrument.period_kind, dates.today()),
            "title": _("Nilai WKSBM"),
        }


class EvaluationPageMixin(ScopedPageMixin):
    """A page of the evaluation `pk` of the user's area (`scoped_evaluation`)."""

    def find(self, *, for_update: bool) -> None:
        self.evaluasi = scoped_evaluation(self.request, self.kwargs["pk"], for_update=for_update)
        self.wksbm = self.evaluasi.wksbm

    def get_context_data(self, **parts) -> dict:
        return {**super().get_context_data(**parts), "evaluasi": self.evaluasi, "wksbm": self.wksbm}


class EvaluationEditView(VersionedEditMixin, EvaluationPageMixin, FieldFormView):
    """Changes an evaluation's date, notes and answers; a confirmed one goes back to waiting for confirmation."""

    template_name = "trainings/evaluation_form.html"
    form_class = EvaluasiEditForm
    permissions = CHANGE_PERMISSIONS
    lock_on_post = True
    message_fields = MESSAGE_FIELDS

    def load(self) -> None:
        self.was_confirmed = self.evaluasi.is_confirmed
        self.answers = answers_of(self.evaluasi)
        self.indicators = services.instrument_indicators(self.evaluasi.instrument)
        self.stored = {answer.indicator_id: answer for answer in self.answers}
        self.prefilled = {a.indicator_id: a.prefilled_option for a in self.answers if a.prefilled_option_id}

    def edited(self):
        return self.evaluasi

    def answer_kwargs(self) -> dict:
        return {"indicators": self.indicators, "prefilled": self.prefilled, "stored": self.stored}

    def get_parts(self, data=None) -> dict:
        return {"form": self.form_class(data, **self.get_form_kwargs(), **self.answer_kwargs())}

    def form_after_conflict(self, conflict):
        row = self.edited()
        initial = {**conflict.merged, "version": self.form_class.version_of(row)}
        return self.form_class(instance=copy.copy(row), initial=initial, **self.answer_kwargs())

    def save(self, parts) -> str:
        form = parts["form"]
        services.evaluation_update(
            by=self.request.user,
            evaluasi=self.evaluasi,
            evaluated_on=form.cleaned_data["evaluated_on"],
            notes=form.cleaned_data["notes"],
            answers=form.answers,
        )
        return evaluation_url(self.evaluasi)

    def success_message(self, parts) -> str:
        if self.was_confirmed:
            return _("Perubahan tersimpan. Penilaian perlu dikonfirmasi lagi.")
        return _("Perubahan tersimpan.")

    def get_context_data(self, **parts) -> dict:
        return {
            **super().get_context_data(**parts),
            "instrument": self.evaluasi.instrument,
            "period": self.evaluasi.period,
            "title": _("Ubah penilaian"),
        }


def open_item(evaluasi: Evaluasi) -> VerificationItem | None:
    """The evaluation's open item in the verification queue (waiting or returned), with who decided it named
    (`decider_name`); None once confirmed. One query."""
    item = VerificationItem.objects.of_record(evaluasi).open().select_related("decided_by__petugas_profile").first()
    if item is not None:
        item.decider_name = display_name(item.decided_by) if item.decided_by else ""
    return item


def is_waiting(item) -> bool:
    return item is not None and item.state == VerificationState.MENUNGGU


@login_required
def evaluation_detail(request, pk: int):
    """An evaluation of the user's area: its answers by aspect, the score and class, its status and who
    confirmed it, or why it was returned (its open item in the verification queue). Four queries beyond the
    session's, however many answers."""
    evaluasi = scoped_evaluation(request, pk)
    item = open_item(evaluasi)
    context = {
        "evaluasi": evaluasi,
        "wksbm": evaluasi.wksbm,
        "answers": answers_of(evaluasi),
        **people_of(evaluasi),
        "vitem": item,
        "can_confirm": is_waiting(item) and request.user.has_perm(CONFIRM_PERMISSION),
        "can_edit": request.user.has_perms(CHANGE_PERMISSIONS),
    }
    return render(request, "trainings/evaluation_detail.html", context)


@method_decorator(login_required, name="dispatch")
class EvaluationConfirmView(EvaluationPageMixin, View):
    """Confirms an evaluation (operators kabupaten and provinsi), or returns it to its assessor with a reason
    (`aksi=kembalikan`): GET asks, POST decides, through the verification queue, with history. Without a reason
    the page is shown again with the message and what was typed."""

    permissions = (CONFIRM_PERMISSION,)
    lock_on_post = True

    def get(self, request, pk: int):
        self.prepare()
        return self.page()

    def page(self, *, error: str = "", reason: str = "", status: int = 200):
        context = {
            "evaluasi": self.evaluasi,
            "wksbm": self.wksbm,
            "waiting": is_waiting(open_item(self.evaluasi)),
            "error": error,
            "reason": reason,
        }
        return render(self.request, "trainings/evaluation_confirm.html", context, status=status)

    def post(self, request, pk: int):
        self.prepare()
        url = evaluation_url(self.evaluasi)
        if request.POST.get("aksi") == "kembalikan":
            reason = request.POST.get("alasan", "")
            try:
                services.evaluation_send_back(by=request.user, evaluasi=self.evaluasi, reason=reason)
            except ValidationError as error:
                return self.page(error=" ".join(error.messages), reason=reason, status=400)
            say_saved(request, _("Penilaian dikembalikan kepada penilai dengan alasannya."), url)
            return redirect(url)
        try:
            services.evaluation_confirm(by=request.user, evaluasi=self.evaluasi)
        except ValidationError as error:
            for message in error.messages:
                messages.info(request, message)
            return redirect(url)
        say_saved(request, _("Penilaian dikonfirmasi; kini dihitung dalam rekap."), url)
        return redirect(url)


@login_required
def evaluation_sheet(request, pk: int):
    """The printable evaluation sheet (A4, under the kop surat, with a signature block): the WKSBM, the answers
    by aspect with their scores, the total and the class."""
    evaluasi = scoped_evaluation(request, pk)
    context = {
        "evaluasi": evaluasi,
        "wksbm": evaluasi.wksbm,
        "answers": answers_of(evaluasi),
        **people_of(evaluasi),
        **printed_document(request, evaluasi.wksbm.wilayah),
    }
    return render(request, "trainings/evaluation_sheet.html", context)


evaluation_create = login_required(EvaluationCreateView.as_view())
evaluation_edit = login_required(EvaluationEditView.as_view())
evaluation_confirm = EvaluationConfirmView.as_view()

__all__ = ["evaluation_confirm", "evaluation_create", "evaluation_detail", "evaluation_edit", "evaluation_sheet"]
