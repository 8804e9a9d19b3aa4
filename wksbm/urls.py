"""Project URLs: the admin and the login pages; apps add their own as they grow."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Registri WKSBM"
admin.site.site_title = "Registri WKSBM"
admin.site.index_title = "Administrasi Dinas Sosial"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
]
