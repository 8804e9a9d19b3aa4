"""Project URLs: the admin, the login pages and the home page."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Registri WKSBM"
admin.site.site_title = "Registri WKSBM"
admin.site.index_title = "Administrasi Dinas Sosial"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("penyuluhan/", include("trainings.urls")),
    path("", include("registry.urls")),
]
