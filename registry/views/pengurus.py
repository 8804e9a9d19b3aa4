"""A WKSBM's board: adding a person in a role, ending a term."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from registry.forms import PengurusAddForm, PengurusEndForm
from registry.forms.base import add_service_error
from registry.forms.pengurus import MESSAGE_FIELDS
from registry.models import Pengurus
from registry.services import wksbm as services
from registry.views.base import detail_url, require, scoped_wksbm
from registry.views.once import create_once, earlier_result, retry_if_token_refused


@login_required
def pengurus_add(request, pk: int):
    """Adds a person to the board of a WKSBM in the user's area; sending the form twice adds them once."""
    wksbm = scoped_wksbm(request, pk)
    require(request.user, "registry.add_pengurus")
    if request.method == "POST":
        form = PengurusAddForm(request.POST)
        if done := earlier_result(request, form):
            return done
        if form.is_valid():
            fields = form.service_fields()

            def create():
                services.pengurus_add(by=request.user, wksbm=wksbm, **fields)
                return detail_url(wksbm, "pengurus")

            success = _("%(name)s tercatat sebagai %(role)s.") % {"name": fields["name"], "role": fields["role"]}
            if done := create_once(request, form, create, success=success, message_fields=MESSAGE_FIELDS):
                return done
        retry_if_token_refused(form)
    else:
        form = PengurusAddForm()
    return render(request, "registry/pengurus_form.html", {"form": form, "wksbm": wksbm})


@login_required
def pengurus_end(request, pk: int, pengurus_pk: int):
    """Ends the term of one of the board of a WKSBM in the user's area, on the day given."""
    wksbm = scoped_wksbm(request, pk)
    pengurus = get_object_or_404(
        Pengurus.objects.for_user(request.user).filter(wksbm=wksbm).select_related("role"), pk=pengurus_pk
    )
    require(request.user, "registry.change_pengurus")
    form = PengurusEndForm(request.POST if request.method == "POST" else None, starts_on=pengurus.period_from)
    if request.method == "POST" and form.is_valid():
        try:
            services.pengurus_end_term(by=request.user, pengurus=pengurus, on=form.cleaned_data["on"])
        except ValidationError as error:
            add_service_error(form, error, message_fields=dict.fromkeys(MESSAGE_FIELDS, "on"))
        else:
            messages.success(request, _("Masa bakti %(name)s diakhiri.") % {"name": pengurus.name})
            return redirect(detail_url(wksbm, "pengurus"))
    return render(request, "registry/end_form.html", {"form": form, "wksbm": wksbm, "pengurus": pengurus})
