"""The evaluation kinds of worklist entries ("Perlu tindakan"), registered in `registry.extensions.worklist_kinds`:

- "Belum dinilai periode ini": a WKSBM not dissolved (bubar) with no evaluation with the default instrument
  (`default_instrument`) in its current period (`period_label` of today); the action opens "Nilai WKSBM".

An evaluation waiting for an operator's confirmation is an entry of the verification queue's kind
(`registry.verification.worklist`), like every other field entry: one workflow.

Each `rows(user)` is one queryset through `for_user` with what `describe` reads joined: a page of entries costs
one query and the count another.
"""

from django.db.models import Case, CharField, Exists, OuterRef, Subquery, Value, When
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.enums import WksbmStatus
from registry.models import Wksbm
from registry.worklist import WKSBM_PLACE, action_for
from trainings.models.evaluation import Evaluasi, PeriodKind, active_instruments, period_label


def not_evaluated_rows(user):
    """The WKSBM of the user's area, not bubar, without an evaluation of the current period with the default
    instrument, by wilayah and name; none while no instrument is active. The default instrument and its current
    period are read inside the query (`period_label` of today for each period kind), so the kind costs no query
    of its own."""
    today = dates.today()
    current_period = Case(
        *[When(period_kind=kind, then=Value(period_label(kind, today))) for kind in PeriodKind],
        output_field=CharField(),
    )
    default = active_instruments().annotate(current_period=current_period)
    evaluated = Evaluasi.objects.filter(
        wksbm=OuterRef("pk"),
        instrument=Subquery(default.values("pk")[:1]),
        period=Subquery(default.values("current_period")[:1]),
    )
    rows = Wksbm.objects.for_user(user).exclude(status=WksbmStatus.BUBAR).filter(Exists(default), ~Exists(evaluated))
    return rows.select_related(WKSBM_PLACE).order_by("wilayah_id", "name", "pk")


def describe_not_evaluated(row, user) -> extensions.WorklistEntry:
    label, url = action_for(user, "trainings.add_evaluasi", _("Nilai WKSBM"), "trainings:evaluation_create", row.pk)
    return extensions.WorklistEntry(
        wksbm=row, detail=gettext("Belum dinilai untuk periode ini."), action_label=label, action_url=url
    )


NOT_EVALUATED = extensions.WorklistKind(
    key="belum-dinilai",
    order=600,
    title=_("Belum dinilai periode ini"),
    rule=_("WKSBM yang tidak bubar dan belum dinilai dengan instrumen penilaian yang aktif untuk periode berjalan."),
    rows=not_evaluated_rows,
    describe=describe_not_evaluated,
)


def register() -> None:
    """Registers the evaluation kind (called by `TrainingsConfig.ready`)."""
    extensions.worklist_kinds.register(NOT_EVALUATED)
