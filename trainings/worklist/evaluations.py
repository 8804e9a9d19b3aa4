"""The evaluation kinds of worklist entries ("Perlu tindakan"), registered in `registry.extensions.worklist_kinds`:

- "Belum dinilai periode ini": a WKSBM not dissolved (bubar) with no evaluation with the default instrument
  (`default_instrument`) in its current period (`period_label` of today); the action opens "Nilai WKSBM".
- "Penilaian menunggu konfirmasi": a submitted evaluation not yet confirmed, shown to those who may confirm (the
  operators kabupaten and provinsi); the action opens the evaluation's page with its confirm button.

Each `rows(user)` is one queryset through `for_user` with what `describe` reads joined: a page of entries costs
one query and the count another, plus one for the default instrument.
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.enums import WksbmStatus
from registry.models import Wksbm
from trainings.models.evaluation import Evaluasi, EvaluationStatus, default_instrument, period_label

CONFIRM_PERMISSION = "trainings.confirm_evaluasi"
WKSBM_RELATED = "wilayah__parent__parent"


def not_evaluated_rows(user):
    """The WKSBM of the user's area, not bubar, without an evaluation of the current period with the default
    instrument, by wilayah and name; none while no instrument is active."""
    instrument = default_instrument()
    if instrument is None:
        return Wksbm.objects.none()
    period = period_label(instrument.period_kind, dates.today())
    evaluated = Evaluasi.objects.filter(wksbm=OuterRef("pk"), instrument=instrument, period=period)
    rows = Wksbm.objects.for_user(user).exclude(status=WksbmStatus.BUBAR).filter(~Exists(evaluated))
    return rows.select_related(WKSBM_RELATED).order_by("wilayah_id", "name", "pk")


def describe_not_evaluated(row, user) -> extensions.WorklistEntry:
    return extensions.WorklistEntry(
        wksbm=row,
        detail=gettext("Belum dinilai untuk periode ini."),
        action_label=gettext("Nilai WKSBM"),
        action_url=reverse("trainings:evaluation_create", args=[row.pk]),
    )


def waiting_rows(user):
    """The submitted evaluations of the user's area waiting for confirmation, oldest first."""
    rows = Evaluasi.objects.for_user(user).filter(status=EvaluationStatus.DIAJUKAN)
    return rows.select_related(f"wksbm__{WKSBM_RELATED}", "evaluation_class").order_by("evaluated_on", "pk")


def describe_waiting(row, user) -> extensions.WorklistEntry:
    detail = gettext("Penilaian %(period)s (skor %(score)s, %(class)s) diajukan %(date)s, menunggu konfirmasi.") % {
        "period": row.period,
        "score": row.score,
        "class": row.evaluation_class.name if row.evaluation_class else "—",
        "date": date_format(row.evaluated_on, "SHORT_DATE_FORMAT"),
    }
    return extensions.WorklistEntry(
        wksbm=row.wksbm,
        detail=detail,
        action_label=gettext("Periksa dan konfirmasi"),
        action_url=reverse("trainings:evaluation_detail", args=[row.pk]),
    )


def may_confirm(user) -> bool:
    return user.has_perm(CONFIRM_PERMISSION)


NOT_EVALUATED = extensions.WorklistKind(
    key="belum_dinilai",
    order=600,
    title=_("Belum dinilai periode ini"),
    rule=_("WKSBM yang tidak bubar dan belum dinilai dengan instrumen penilaian yang aktif untuk periode berjalan."),
    rows=not_evaluated_rows,
    describe=describe_not_evaluated,
)
WAITING = extensions.WorklistKind(
    key="penilaian_menunggu_konfirmasi",
    order=610,
    title=_("Penilaian menunggu konfirmasi"),
    rule=_("Penilaian yang sudah diajukan tetapi belum dikonfirmasi operator; baru dihitung dalam rekap setelahnya."),
    rows=waiting_rows,
    describe=describe_waiting,
    applies=may_confirm,
)


def register() -> None:
    """Registers the evaluation kinds (called by `TrainingsConfig.ready`)."""
    extensions.worklist_kinds.register(NOT_EVALUATED)
    extensions.worklist_kinds.register(WAITING)
