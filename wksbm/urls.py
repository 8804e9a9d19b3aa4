"""Project URLs: the admin (with its titles), the login pages, the penyuluhan pages of `trainings` and every page
of `registry` (the home page included), and the API under /api/v1/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from registry.views.api_tokens import api_tokens
from registry.views.landing import LoginView
from registry.views.office import office_logo
from trainings import urls as trainings_urls

admin.site.site_header = _("Registri WKSBM")
admin.site.site_title = _("Registri WKSBM")
admin.site.index_title = _("Administrasi Dinas Sosial")

urlpatterns = [
    path("admin/", admin.site.urls),
    # Login, logout and password change; no e-mailed password reset: no mail server is assumed, and an
    # Admin provinsi resets a petugas's password in the admin.
    # Each role lands on its own page (registry.views.landing).
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # The office's logo on printed documents: uploads are served to logged-in users only, never publicly.
    path("kop-surat/logo/", office_logo, name="office_logo"),
    # The API (registry/api/): its endpoints, schema and documentation; each user's own tokens.
    path("api/v1/", include("registry.api.urls")),
    path("akun/token-api/", api_tokens, name="api_tokens"),
    # The field's Penyuluhan pages keep their global names and paths (see trainings/urls.py).
    path("penyuluhan/kegiatan/", include(trainings_urls.field_patterns)),
    path("penyuluhan/", include("trainings.urls")),
    path("", include("registry.urls")),
]
