"""Project URLs: the admin, the login pages, the penyuluhan pages and the home page."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Registri WKSBM"
admin.site.site_title = "Registri WKSBM"
admin.site.index_title = "Administrasi Dinas Sosial"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("penyuluhan/", include("trainings.urls")),
    # Until the field pages exist every role works in the admin, scoped to its area.
    path("", login_required(RedirectView.as_view(url="/admin/")), name="home"),
]
