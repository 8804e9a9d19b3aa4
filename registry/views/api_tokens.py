"""The user's own API tokens (/akun/token-api/): made (the token shown once), listed and revoked. Every signed-in
user has the page; a token does what its owner's role and area allow, at most, and a read-only one only reads."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.api import tokens
from registry.models import ApiScope, ApiToken
from wksbm.security_log import log_event

REVOKED = _("Token %(name)s dicabut: aplikasi yang memakainya tidak bisa masuk lagi.")


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nama token"),
        max_length=100,
        help_text=_("Untuk mengenalinya nanti, mis. nama aplikasi atau laporan yang memakainya."),
        error_messages={"required": _("Beri nama token, mis. nama aplikasi yang memakainya.")},
    )
    scope = forms.ChoiceField(label=_("Izin"), choices=ApiScope.choices, initial=ApiScope.READ)
    days = forms.TypedChoiceField(
        label=_("Berlaku selama"),
        coerce=int,
        choices=[(days, _("%(days)d hari") % {"days": days}) for days in tokens.LIFETIMES],
        initial=90,
    )


@login_required
def api_tokens(request):
    """GET: the user's tokens and the form to make one. POST `buat`: makes a token and shows it once on this page
    (never stored, never shown again). POST `cabut` (a token's key): revokes the user's own token (404 for any
    other)."""
    user = request.user
    form, made = TokenForm(), None
    if request.method == "POST" and "cabut" in request.POST:
        token = tokens.token_revoke(by=user, token_key=request.POST["cabut"])
        if token is None:
            raise Http404
        log_event("token_api_dicabut", request, name=token.name)
        messages.success(request, REVOKED % {"name": token.name})
        return redirect(reverse("api_tokens"))
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                stored, made = tokens.token_create(by=user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                log_event("token_api_dibuat", request, name=stored.name, scope=stored.scope)
                form = TokenForm()
    context = {
        "form": form,
        "made": made,
        "tokens": ApiToken.objects.filter(user=user).order_by("-created"),
    }
    return render(request, "registry/api/tokens.html", context)
