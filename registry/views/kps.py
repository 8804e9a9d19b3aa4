"""A WKSBM's member KPS: a new KPS created in its area and linked, an existing free one linked, a member leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from registry.forms import KpsCreateForm, KpsLinkForm, MembershipEndForm
from registry.forms.base import add_service_error, constraint_messages
from registry.forms.kps import MESSAGE_FIELDS
from registry.models import KpsMembership
from registry.services import wksbm as services
from registry.views.base import detail_url, require, scoped_wksbm
from registry.views.once import create_once, earlier_result, retry_if_token_refused


@login_required
def kps_create(request, pk: int):
    """Creates a KPS in the area of a WKSBM of the user's area and makes it a member, both or neither.

    The KPS lies in the WKSBM's desa; a kecamatan-level WKSBM asks which of its wilayah. Sending the form twice
    creates one KPS.
    """
    wksbm = scoped_wksbm(request, pk)
    require(request.user, "registry.add_kps", "registry.add_kpsmembership")
    if request.method == "POST":
        form = KpsCreateForm(request.POST, user=request.user, wksbm=wksbm)
        if done := earlier_result(request, form):
            return done
        if form.is_valid():
            fields, joined_on = form.kps_fields(), form.cleaned_data["joined_on"]

            def create():
                # One transaction with the token (create_once): a refused membership leaves no KPS behind.
                kps = services.kps_create(by=request.user, **fields)
                services.membership_add(by=request.user, kps=kps, wksbm=wksbm, joined_on=joined_on)
                return detail_url(wksbm, "kps")

            success = _("KPS %(name)s tercatat sebagai anggota.") % {"name": fields["name"]}
            if done := create_once(request, form, create, success=success, message_fields=MESSAGE_FIELDS):
                return done
        retry_if_token_refused(form)
    else:
        form = KpsCreateForm(user=request.user, wksbm=wksbm)
    return render(request, "registry/kps_form.html", {"form": form, "wksbm": wksbm})


@login_required
def kps_link(request, pk: int):
    """Links an existing KPS of the WKSBM's area that is a current member of no WKSBM (GET `q` narrows the
    list by name). A KPS outside the area, or a member elsewhere, is refused."""
    wksbm = scoped_wksbm(request, pk)
    require(request.user, "registry.add_kpsmembership")
    search = request.GET.get("q", "").strip()[:100]
    if request.method == "POST":
        form = KpsLinkForm(request.POST, user=request.user, wksbm=wksbm, search=search)
        if done := earlier_result(request, form):
            return done
        if form.is_valid():
            kps, joined_on = form.cleaned_data["kps"], form.cleaned_data["joined_on"]

            def create():
                services.membership_add(by=request.user, kps=kps, wksbm=wksbm, joined_on=joined_on)
                return detail_url(wksbm, "kps")

            success = _("KPS %(name)s ditautkan sebagai anggota.") % {"name": kps.name}
            if done := create_once(request, form, create, success=success, message_fields=MESSAGE_FIELDS):
                return done
        retry_if_token_refused(form)
    else:
        form = KpsLinkForm(user=request.user, wksbm=wksbm, search=search)
    return render(request, "registry/kps_link.html", {"form": form, "wksbm": wksbm, "search": search})


@login_required
def membership_end(request, pk: int, membership_pk: int):
    """Records the day a member KPS left a WKSBM of the user's area."""
    wksbm = scoped_wksbm(request, pk)
    membership = get_object_or_404(
        KpsMembership.objects.for_user(request.user).filter(wksbm=wksbm).select_related("kps"), pk=membership_pk
    )
    require(request.user, "registry.change_kpsmembership")
    form = MembershipEndForm(request.POST if request.method == "POST" else None, starts_on=membership.joined_on)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(by=request.user, membership=membership, on=form.cleaned_data["on"])
        except ValidationError as error:
            message_fields = constraint_messages(KpsMembership, {"kps_membership_dates_in_order": "on"})
            add_service_error(form, error, message_fields=message_fields)
        else:
            messages.success(request, _("KPS %(name)s keluar dari WKSBM.") % {"name": membership.kps.name})
            return redirect(detail_url(wksbm, "kps"))
    return render(request, "registry/end_form.html", {"form": form, "wksbm": wksbm, "membership": membership})
