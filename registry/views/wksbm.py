"""A WKSBM's own pages: its profile with board, members and reports; creating one; editing its profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.enums import WilayahLevel
from registry.forms import NarrowForm, WksbmCreateForm, WksbmEditForm, wilayah_step
from registry.forms.base import add_service_error
from registry.forms.wksbm import MESSAGE_FIELDS, edit_conflict
from registry.models import Wksbm
from registry.reports.profile import wksbm_profile
from registry.services import wksbm as services
from registry.views.base import detail_url, require, scoped_wksbm
from registry.views.home import possibly_dormant
from registry.views.once import create_once, earlier_result, retry_if_token_refused
from registry.wilayah_codes import KECAMATAN_CODE_LENGTH, ancestor_code


@login_required
def wksbm_detail(request, pk: int):
    """A WKSBM in the user's area (404 otherwise): profile, board, member KPS and latest reports.

    A fixed number of queries whatever the number of pengurus, members and report lines.
    """
    wksbm = get_object_or_404(
        Wksbm.objects.for_user(request.user).with_summary().select_related("wilayah__parent__parent"), pk=pk
    )
    today = dates.today()
    wksbm.possibly_dormant = possibly_dormant(wksbm, dates.dormant_cutoff(today))
    context = {"wksbm": wksbm, **wksbm_profile(wksbm, on=today).context()}
    return render(request, "registry/wksbm_detail.html", context)


@login_required
def wksbm_create(request):
    """A new WKSBM in a kecamatan or desa of the user's area.

    When the area holds too many candidates the kecamatan is asked first (GET `dalam`); a wilayah outside the
    area is refused whatever the page offered. Sending the form twice creates one WKSBM.
    """
    require(request.user, "registry.add_wksbm")
    step = wilayah_step(request.user, request.GET.get("dalam"))
    preselected = request.GET.get("wilayah", "")
    if step.narrow_level and not step.within and len(preselected) > KECAMATAN_CODE_LENGTH:
        # A link for one desa (the desa without a WKSBM on "Wilayah saya") skips the kecamatan step.
        step = wilayah_step(request.user, ancestor_code(preselected, WilayahLevel.KECAMATAN))
    if step.narrow_level and request.method != "POST":
        return render(request, "registry/wilayah_step.html", {"step": step, "form": NarrowForm(step=step)})
    if request.method == "POST":
        form = WksbmCreateForm(request.POST, user=request.user, wilayah_options=step.options)
        if done := earlier_result(request, form):
            return done
        if form.is_valid():
            data = {name: value for name, value in form.cleaned_data.items() if name != "form_token"}

            def create():
                return detail_url(services.wksbm_create(by=request.user, **data))

            success = _("WKSBM %(name)s tercatat. Lengkapi pengurus dan KPS anggotanya.") % {"name": data["name"]}
            if done := create_once(request, form, create, success=success, message_fields=MESSAGE_FIELDS):
                return done
        retry_if_token_refused(form)
        if step.narrow_level:
            return render(request, "registry/wilayah_step.html", {"step": step, "form": NarrowForm(step=step)})
    else:
        form = WksbmCreateForm(user=request.user, wilayah_options=step.options, initial={"wilayah": preselected})
    return render(request, "registry/wksbm_form.html", {"form": form, "step": step})


@login_required
def wksbm_edit(request, pk: int):
    """The profile of a WKSBM in the user's area, saved only over the version the form was opened at.

    If someone else saved the WKSBM since, nothing is written: the page lists the fields they changed (the
    user's value and theirs) and offers the form again at the new version, to keep the user's values or to
    take the current ones.
    """
    wksbm = scoped_wksbm(request, pk, for_update=request.method == "POST")
    require(request.user, "registry.change_wksbm")
    conflict = None
    if request.method == "POST":
        form = WksbmEditForm(request.POST)
        if form.is_valid():
            conflict = edit_conflict(form, wksbm)
            if conflict is None:
                try:
                    services.wksbm_update(by=request.user, wksbm=wksbm, **form.changes(wksbm))
                except ValidationError as error:
                    add_service_error(form, error, message_fields=MESSAGE_FIELDS)
                    wksbm.refresh_from_db()
                else:
                    messages.success(request, _("Perubahan tersimpan."))
                    return redirect(detail_url(wksbm))
            else:
                form = WksbmEditForm(initial={**conflict.merged, "version": WksbmEditForm.version_of(wksbm)})
    else:
        form = WksbmEditForm(initial=WksbmEditForm.initial_for(wksbm))
    context = {"form": form, "wksbm": wksbm, "conflict": conflict}
    return render(request, "registry/wksbm_form.html", context, status=409 if conflict else 200)
