"""Admin of evaluations: the instruments the Admin provinsi sets up (aspects and classes inline; an indicator
with its answer options inline) and the evaluations (answers inline, score and class read-only, filters, the
confirm action for operators).

Instruments are provincial settings, not scoped by area (`registry.roles.INSTRUMENT_MODELS`); evaluations are
scoped by their WKSBM's wilayah. The score and class are computed again (`evaluation_rescore`) whenever the
admin saves an evaluation, and a confirmed one that changes goes back to waiting for confirmation.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.admin.attachments import AttachmentInline
from registry.admin.history import HistoryAdmin
from registry.admin.inlines import OneQueryChoicesFormSet, OneQueryInlineMixin
from registry.models import VerificationItem
from registry.verification import services as verification
from trainings import evaluation_services as services
from trainings.admin.base import ScopedAdminMixin, ScopedInlineMixin
from trainings.admin.list_filters import KabupatenFilter
from trainings.models import AnswerOption, Aspect, Evaluasi, EvaluationClass, Indicator, Instrument, Jawaban
from trainings.models.evaluation import CLASS_RANGES_OVERLAP, overlapping_ranges


class AspectInline(OneQueryInlineMixin, admin.TabularInline):
    model = Aspect
    fields = ("name", "order", "indicator_link")
    readonly_fields = ("indicator_link",)
    extra = 1

    @admin.display(description=_("indikator"))
    def indicator_link(self, obj) -> str:
        if obj is None or obj.pk is None:
            return ""  # a new aspect: its indicators are added once it is saved
        url = reverse("admin:trainings_indicator_changelist") + f"?aspect__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Indikator aspek ini"))


class ClassRangesFormSet(OneQueryChoicesFormSet):
    """The classes of one instrument, whose score ranges must not overlap (the rule of `EvaluationClass`),
    checked across the rows sent together."""

    def clean(self):
        super().clean()
        ranges = [
            (form.cleaned_data["min_score"], form.cleaned_data["max_score"])
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("min_score") is not None
            and form.cleaned_data.get("max_score") is not None
        ]
        if overlapping_ranges(ranges):
            raise ValidationError(CLASS_RANGES_OVERLAP, code="class_ranges_overlap")


class EvaluationClassInline(OneQueryInlineMixin, admin.TabularInline):
    model = EvaluationClass
    formset = ClassRangesFormSet
    fields = ("name", "min_score", "max_score")
    extra = 0


@admin.register(Instrument)
class InstrumentAdmin(HistoryAdmin):
    list_display = ("name", "period_kind", "active", "is_example")
    list_filter = ("active", "period_kind", "is_example")
    search_fields = ("name",)
    fields = ("name", "description", "period_kind", "active", "is_example")
    inlines = (AspectInline, EvaluationClassInline)


class AnswerOptionInline(OneQueryInlineMixin, admin.TabularInline):
    model = AnswerOption
    fields = ("label", "score", "order", "fact_min", "fact_max")
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ("text", "aspect", "instrument", "fact", "order")
    list_select_related = ("aspect__instrument",)
    list_filter = ("aspect__instrument", "fact")
    search_fields = ("text",)
    fields = ("aspect", "text", "order", "fact")
    inlines = (AnswerOptionInline,)

    @admin.display(description=_("instrumen"), ordering="aspect__instrument__name")
    def instrument(self, obj) -> str:
        return str(obj.aspect.instrument)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "aspect":
            kwargs["queryset"] = Aspect.objects.select_related("instrument")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class JawabanInline(ScopedInlineMixin, admin.TabularInline):
    """The answers; a pre-filled answer overridden needs a note (`Jawaban.clean`)."""

    model = Jawaban
    fields = ("indicator", "option", "prefilled_option", "note")
    readonly_fields = ("prefilled_option",)
    related = ("indicator", "option", "prefilled_option")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "option":
            kwargs["queryset"] = AnswerOption.objects.select_related("indicator")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class WksbmKabupatenFilter(KabupatenFilter):
    field = "wksbm__wilayah"


class PeriodFilter(admin.SimpleListFilter):
    """Filters by period, listing the periods of the evaluations the user may see."""

    title = _("periode")
    parameter_name = "periode"

    def lookups(self, request, model_admin):
        periods = model_admin.get_queryset(request).order_by("-period").values_list("period", flat=True).distinct()
        return [(period, period) for period in periods]

    def queryset(self, request, queryset):
        return queryset.filter(period=self.value()) if self.value() else queryset


class EvaluasiForm(forms.ModelForm):
    class Meta:
        model = Evaluasi
        fields = ("wksbm", "instrument", "evaluated_on", "notes")

    def validate_unique(self):
        """Also the one-evaluation-per-period rule, whose period the form does not show (it follows the date)."""
        super().validate_unique()
        if not self.errors:
            try:
                self.instance.validate_constraints()
            except ValidationError as error:
                self._update_errors(error)


@admin.register(Evaluasi)
class EvaluasiAdmin(ScopedAdminMixin, HistoryAdmin):
    form = EvaluasiForm
    list_display = ("wksbm", "period", "instrument", "score", "evaluation_class", "status", "evaluated_on")
    list_select_related = ("wksbm", "instrument", "evaluation_class")
    list_filter = ("instrument", PeriodFilter, "evaluation_class", "status", WksbmKabupatenFilter)
    search_fields = ("wksbm__name",)
    autocomplete_fields = ("wksbm",)
    readonly_fields = ("period", "score", "evaluation_class", "status", "assessor", "confirmed_by", "confirmed_at")
    fieldsets = (
        (None, {"fields": ("wksbm", "instrument", "evaluated_on", "period", "notes")}),
        (_("Hasil"), {"fields": ("score", "evaluation_class", "status", "assessor", "confirmed_by", "confirmed_at")}),
    )
    inlines = (JawabanInline, AttachmentInline)
    actions = ("confirm_selected",)
    list_per_page = 50

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assessor = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.evaluation_rescore(by=request.user, evaluasi=form.instance)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("registry.verify_verificationitem"):
            actions.pop("confirm_selected", None)
        return actions

    @admin.action(description=_("Konfirmasi penilaian terpilih"))
    def confirm_selected(self, request, queryset):
        """Confirms the chosen submitted evaluations at once through the verification queue (all or nothing, with
        the queue's Indonesian refusal); returned or confirmed ones are left as they are."""
        items = list(
            VerificationItem.objects.for_user(request.user)
            .waiting()
            .filter(kind="penilaian", object_id__in=list(queryset.values_list("pk", flat=True)))
        )
        try:
            done = len(verification.confirm(by=request.user, items=items)) if items else 0
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%(count)d penilaian dikonfirmasi.", "%(count)d penilaian dikonfirmasi.", done) % {"count": done},
            messages.SUCCESS,
        )
