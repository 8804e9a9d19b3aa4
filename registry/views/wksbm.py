"""A WKSBM's own pages: its profile with board, members and reports; creating one; editing its profile."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.attachments.photos import LATEST_PHOTOS, wksbm_photos
from registry.enums import VerificationState, WilayahLevel
from registry.forms import WksbmCreateForm, WksbmEditForm, wilayah_step
from registry.forms.wksbm import MESSAGE_FIELDS
from registry.models import Wksbm
from registry.querysets import dormant_rule
from registry.reports.profile import wksbm_profile
from registry.roles import role_of
from registry.services import wksbm as services
from registry.verification import record_box
from registry.views.base import WksbmPageMixin, detail_url, require
from registry.views.editing import VersionedEditMixin
from registry.views.field_form import CreateOnceView, FieldFormView, WilayahStepMixin
from registry.views.home import possibly_dormant
from registry.views.reports import REPORT_REMOVE_PERMISSIONS
from registry.views.saved import messages_beside
from registry.wilayah_codes import KECAMATAN_CODE_LENGTH, ancestor_code


@login_required
def wksbm_detail(request, pk: int):
    """A WKSBM in the user's area (404 otherwise): profile, board, member KPS and latest reports, each item with
    the links to correct it that the user's role allows, and the message of a save next to the item saved; its
    latest photos (`registry.attachments.photos.wksbm_photos`) and its own attachments; its last
    contact of any kind (`registry.extensions.contact_dates`), the dormancy flag with its rule, and the sections
    other apps add (`registry.extensions.wksbm_sections`).

    A fixed number of queries whatever the number of pengurus, members and report lines.
    """
    wksbm = get_object_or_404(
        Wksbm.objects.for_user(request.user)
        .with_summary()
        .with_last_contact()
        .select_related("wilayah__parent__parent"),
        pk=pk,
    )
    today = dates.today()
    wksbm.possibly_dormant = possibly_dormant(wksbm, dates.dormant_cutoff(today))
    app_sections = list(extensions.wksbm_sections.values())
    profile = wksbm_profile(wksbm, on=today).context()
    items = {
        **{f"pengurus-{p.pk}": p for p in [*profile["current_pengurus"], *profile["past_pengurus"]]},
        **{f"membership-{m.pk}": m for m in [*profile["current_members"], *profile["past_members"]]},
        **{f"report-{r.pk}": r for r in profile["reports"]},
    }
    sections = ("pengurus", "kps", "laporan", "lampiran")
    beside, rest = messages_beside(request, [*items, *sections])
    for item_id, item in items.items():
        item.saved = beside.get(item_id, [])
    extensions.attach_pengurus_links([*profile["current_pengurus"], *profile["past_pengurus"]], request.user)
    verification_box(wksbm, profile)
    removable = removable_reports(request.user, profile["reports"])
    for report in profile["reports"]:
        report.removable = report.pk in removable
    context = {
        "wksbm": wksbm,
        **profile,
        "messages": rest,
        "section_messages": {section: beside.get(section, []) for section in sections},
        "past_pengurus_open": any(p.saved for p in profile["past_pengurus"]),
        "past_members_open": any(m.saved for m in profile["past_members"]),
        "last_contact_kind": last_contact_kind(wksbm),
        "dormant_rule": dormant_rule(),
        # Its latest photos and those of its reports, visits and events (`registry.attachments.photos`).
        "photos": wksbm_photos(wksbm, LATEST_PHOTOS),
        # Sections other apps add after the registry's own (`registry.extensions.wksbm_sections`).
        "wksbm_sections": app_sections,
        **{name: value for section in app_sections for name, value in section.context(wksbm, request.user).items()},
    }
    return render(request, "registry/wksbm_detail.html", context)


def verification_box(wksbm: Wksbm, profile: dict) -> None:
    """Marks what of the WKSBM waits for verification or was returned: the WKSBM itself
    (`wksbm.verification_item`), its board, members and reports (`verification_item` on each row), from its open
    items read in one query; the sections other apps add find them as `wksbm.open_verification_items`."""
    items = record_box.open_items_of(wksbm)
    wksbm.open_verification_items = items
    wksbm.verification_item = items.get(("wksbm", wksbm.pk))
    wksbm.waiting_count = sum(1 for item in items.values() if item.state == VerificationState.MENUNGGU)
    record_box.attach([*profile["current_pengurus"], *profile["past_pengurus"]], "pengurus", items)
    for membership in [*profile["current_members"], *profile["past_members"]]:
        membership.verification_item = record_box.membership_item(membership, items)
    record_box.attach(profile["reports"], "laporan", items)


def last_contact_kind(wksbm: Wksbm) -> str:
    """What the latest contact of `wksbm` (annotated by `with_last_contact`) was, e.g. "kunjungan"; "" without."""
    if wksbm.last_contact_on is None:
        return ""
    for kind in extensions.contact_dates.values():
        if getattr(wksbm, f"contact_{kind.key}", None) == wksbm.last_contact_on:
            return str(kind.label)
    return ""


def removable_reports(user, reports) -> set[int]:
    """The pks of `reports` that `user` may remove (the permission and `services.report_removal_refused`), in one
    query whatever their number."""
    if not reports or not user.has_perms(REPORT_REMOVE_PERMISSIONS):
        return set()
    entered, role = services.reports_entered_at(report.pk for report in reports), role_of(user)
    return {
        report.pk
        for report in reports
        if services.report_removal_refused(role=role, entered_at=entered.get(report.pk)) is None
    }


class WksbmCreateView(WilayahStepMixin, CreateOnceView):
    """A new WKSBM in a kecamatan or desa of the user's area.

    When the area holds too many candidates the kecamatan is asked first (GET `dalam`); a wilayah outside the
    area is refused whatever the page offered. Sending the form twice creates one WKSBM.
    """

    template_name = "registry/wksbm_form.html"
    step_template = "registry/wilayah_step.html"
    form_class = WksbmCreateForm
    message_fields = MESSAGE_FIELDS

    def prepare(self) -> None:
        require(self.request.user, "registry.add_wksbm")
        super().prepare()

    def choose_step(self):
        step = super().choose_step()
        preselected = self.request.GET.get("wilayah", "")
        if step.narrow_level and not step.within and len(preselected) > KECAMATAN_CODE_LENGTH:
            # A link for one desa (the desa without a WKSBM on "Wilayah saya") skips the kecamatan step.
            step = wilayah_step(self.request.user, ancestor_code(preselected, WilayahLevel.KECAMATAN))
        return step

    def get_form_kwargs(self) -> dict:
        kwargs = {"user": self.request.user, "wilayah_options": self.step.options}
        if self.request.method != "POST":
            kwargs["initial"] = {"wilayah": self.request.GET.get("wilayah", "")}
        return kwargs

    def save(self, parts) -> str:
        return detail_url(services.wksbm_create(by=self.request.user, **parts["form"].service_fields()))

    def success_message(self, parts) -> str:
        name = parts["form"].cleaned_data["name"]
        return _("WKSBM %(name)s tercatat. Lengkapi pengurus dan KPS anggotanya.") % {"name": name}


class WksbmEditView(VersionedEditMixin, WksbmPageMixin, FieldFormView):
    """The profile of a WKSBM in the user's area, saved only over the version the form was opened at.

    If someone else saved the WKSBM since, nothing is written: the page lists the fields they changed (the
    user's value and theirs) and offers the form again at the new version, to keep the user's values or to
    take the current ones.
    """

    template_name = "registry/wksbm_form.html"
    form_class = WksbmEditForm
    message_fields = MESSAGE_FIELDS
    permissions = ("registry.change_wksbm",)

    def edited(self):
        return self.wksbm

    def save(self, parts) -> str:
        services.wksbm_update(by=self.request.user, wksbm=self.wksbm, **parts["form"].changes())
        return detail_url(self.wksbm)


wksbm_create = login_required(WksbmCreateView.as_view())
wksbm_edit = login_required(WksbmEditView.as_view())
