"""The visits' kinds of worklist entries ("Perlu tindakan"): WKSBM not visited for six months, and follow-ups
past their due date. Registered in `registry.extensions.worklist_kinds` (`register`, by
`TrainingsConfig.ready()`); each kind's rows cost one query whatever their number, and `describe` none.
"""

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.enums import WksbmStatus
from registry.models import Wksbm
from registry.worklist import WKSBM_PLACE, action_for
from trainings.models import Kunjungan, TindakLanjut
from trainings.models.visit import VISIT_EXPECTED_MONTHS
from trainings.visit_sections import latest_visit_date

NOT_VISITED_RULE = format_lazy(
    _("WKSBM yang tidak bubar dan tidak dikunjungi dalam {months} bulan terakhir (atau belum pernah dikunjungi)."),
    months=VISIT_EXPECTED_MONTHS,
)
OVERDUE_RULE = _("Tindak lanjut kunjungan yang masih terbuka setelah batas waktunya lewat.")


def visit_cutoff(on=None):
    """Visits dated before this day do not count as a recent visit."""
    return dates.months_before(on or dates.today(), VISIT_EXPECTED_MONTHS)


def not_visited_rows(user):
    """The user's WKSBM, not bubar, without a visit since `visit_cutoff`: never visited first, then the longest
    unvisited; with their wilayah and the date of their last visit (`last_visit_on`)."""
    recent = Kunjungan.objects.filter(wksbm=OuterRef("pk"), date__gte=visit_cutoff())
    return (
        Wksbm.objects.for_user(user)
        .exclude(status=WksbmStatus.BUBAR)
        .filter(~Exists(recent))
        .annotate(last_visit_on=latest_visit_date())
        .select_related(WKSBM_PLACE)
        .order_by(F("last_visit_on").asc(nulls_first=True), "wilayah_id", "name", "pk")
    )


def describe_not_visited(wksbm, user) -> extensions.WorklistEntry:
    """Leads to recording a visit to the WKSBM."""
    if wksbm.last_visit_on:
        detail = gettext("Kunjungan terakhir %(date)s") % {"date": wksbm.last_visit_on.strftime("%d/%m/%Y")}
    else:
        detail = gettext("Belum pernah dikunjungi")
    label, url = action_for(user, "trainings.add_kunjungan", _("Catat kunjungan"), "trainings:visit_create", wksbm.pk)
    return extensions.WorklistEntry(wksbm=wksbm, detail=detail, action_label=label, action_url=url)


def overdue_rows(user):
    """The open follow-ups of the user's area past their due date, the longest overdue first, with their visit and
    its WKSBM."""
    return (
        TindakLanjut.objects.for_user(user)
        .overdue()
        .select_related(f"visit__wksbm__{WKSBM_PLACE}")
        .order_by("due_on", "visit__wksbm__name", "pk")
    )


def describe_overdue(follow_up, user) -> extensions.WorklistEntry:
    """Leads to the follow-up's close page for a user who may close it, else to the WKSBM's page."""
    detail = gettext("Tindak lanjut '%(what)s' lewat jatuh tempo sejak %(date)s") % {
        "what": follow_up.what,
        "date": follow_up.due_on.strftime("%d/%m/%Y"),
    }
    wksbm = follow_up.visit.wksbm
    if user.has_perm("trainings.change_tindaklanjut"):
        label, url = gettext("Tutup tindak lanjut"), reverse("trainings:follow_up_close", args=[follow_up.pk])
    else:
        label, url = gettext("Lihat WKSBM"), reverse("wksbm_detail", args=[wksbm.pk])
    return extensions.WorklistEntry(wksbm=wksbm, detail=detail, action_label=label, action_url=url)


def register() -> None:
    """Registers the two kinds (called by `TrainingsConfig.ready`)."""
    extensions.worklist_kinds.register(
        extensions.WorklistKind(
            key="belum-dikunjungi",
            order=300,
            title=format_lazy(_("Belum dikunjungi {months} bulan"), months=VISIT_EXPECTED_MONTHS),
            rule=NOT_VISITED_RULE,
            rows=not_visited_rows,
            describe=describe_not_visited,
        )
    )
    extensions.worklist_kinds.register(
        extensions.WorklistKind(
            key="tindak-lanjut-lewat",
            order=310,
            title=_("Tindak lanjut lewat jatuh tempo"),
            rule=OVERDUE_RULE,
            rows=overdue_rows,
            describe=describe_overdue,
        )
    )
