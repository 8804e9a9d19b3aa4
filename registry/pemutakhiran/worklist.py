"""The worklist kind of the update cycle: the WKSBM of the user's area not yet checked in the period open for them
today ("Belum diperiksa"), shown to those who confirm checks (penyuluh, operator kabupaten) and cleared by
confirming the check ("Data sudah diperiksa")."""

from django.db.models import OuterRef
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.enums import WksbmStatus
from registry.extensions import WorklistEntry, WorklistKind
from registry.models import Wksbm
from registry.pemutakhiran.querysets import checked_in, open_period_of
from registry.pemutakhiran.services import CHECK_PERMISSION
from registry.worklist import WKSBM_PLACE, action_for


def not_checked_rows(user):
    """WKSBM of the user's area, not dissolved, with a period open today for their area in which they are not yet
    checked, annotated with that period's name and last day; by wilayah and name."""
    today = dates.today()
    return (
        Wksbm.objects.for_user(user)
        .exclude(status=WksbmStatus.BUBAR)
        .annotate(
            open_period=open_period_of(today),
            open_period_name=open_period_of(today, "name"),
            open_period_end=open_period_of(today, "ends_on"),
        )
        .filter(open_period__isnull=False)
        .exclude(checked_in(OuterRef("open_period")))
        .select_related(WKSBM_PLACE)
        .order_by("wilayah_id", "name", "pk")
    )


def describe_not_checked(wksbm, user) -> WorklistEntry:
    detail = gettext("Belum ditandai diperiksa pada %(period)s (sampai %(day)s).") % {
        "period": wksbm.open_period_name,
        "day": date_format(wksbm.open_period_end, "j F Y"),
    }
    label, url = action_for(user, CHECK_PERMISSION, _("Tandai sudah diperiksa"), "wksbm_check", wksbm.pk)
    return WorklistEntry(wksbm, detail, label, url)


NOT_CHECKED = WorklistKind(
    key="belum-diperiksa",
    order=40,
    title=_("Belum diperiksa (pemutakhiran)"),
    rule=_(
        'WKSBM yang belum bubar dan belum ditandai "Data sudah diperiksa" pada periode pemutakhiran yang sedang '
        "dibuka untuk wilayahnya."
    ),
    rows=not_checked_rows,
    describe=describe_not_checked,
    applies=lambda user: user.has_perm(CHECK_PERMISSION),
)


def register() -> None:
    """Registers the kind, the WKSBM page's "Pemutakhiran data" section and the home page's link to the periods
    (from `RegistryConfig.ready()`)."""
    from registry.views.pemutakhiran import wksbm_pemutakhiran

    extensions.worklist_kinds.register(NOT_CHECKED)
    extensions.wksbm_sections.register(
        extensions.WksbmSection(
            key="pemutakhiran",
            title=_("Pemutakhiran data"),
            order=5,
            template="registry/pemutakhiran/wksbm_section.html",
            context=wksbm_pemutakhiran,
        )
    )
    extensions.home_links.register(extensions.HomeLink("pemutakhiran", 90, _("Pemutakhiran data"), "pemutakhiran_list"))
