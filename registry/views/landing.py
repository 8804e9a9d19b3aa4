"""Where each role lands after logging in (`landing_url`): where its work is.

- the penyuluh on "Wilayah saya" (`home`), the WKSBM of their kecamatan and desa;
- the operator of a kabupaten/kota and the admin provinsi on "Perlu tindakan" (`attention`), their worklist:
  what needs doing in their area (the penyuluh sees its count on "Wilayah saya");
- the pimpinan on the rekap;
- a superuser, or a user with no role, on "Wilayah saya".

A `next` address given to the login page still wins (`LoginView`).
"""

from django.contrib.auth import views as auth_views
from django.urls import reverse

from registry.enums import Role
from registry.roles import role_of

LANDING_PAGES = {Role.KABUPATEN: "attention", Role.PROVINSI: "attention", Role.PIMPINAN: "rekap"}


def landing_url(user) -> str:
    """The address `user` lands on after logging in (see the module's docstring)."""
    role = None if user.is_superuser else role_of(user)
    return reverse(LANDING_PAGES.get(role, "home"))


class LoginView(auth_views.LoginView):
    """Django's login, landing each role on its own page (`landing_url`) when no `next` address is given."""

    def get_default_redirect_url(self):
        return landing_url(self.request.user)
