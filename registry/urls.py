"""The field pages, at the site's root. Names are global (not namespaced) so that `home` stays `home`."""

from django.urls import path

from registry import views

urlpatterns = [
    path("", views.home, name="home"),
    path("wksbm/baru/", views.wksbm_create, name="wksbm_create"),
    path("wksbm/<int:pk>/", views.wksbm_detail, name="wksbm_detail"),
    path("wksbm/<int:pk>/ubah/", views.wksbm_edit, name="wksbm_edit"),
    path("wksbm/<int:pk>/pengurus/tambah/", views.pengurus_add, name="pengurus_add"),
    path("wksbm/<int:pk>/pengurus/<int:pengurus_pk>/akhiri/", views.pengurus_end, name="pengurus_end"),
    path("wksbm/<int:pk>/kps/baru/", views.kps_create, name="kps_create"),
    path("wksbm/<int:pk>/kps/tautkan/", views.kps_link, name="kps_link"),
    path("wksbm/<int:pk>/kps/<int:membership_pk>/keluar/", views.membership_end, name="membership_end"),
    path("wksbm/<int:pk>/laporan/baru/", views.report_create, name="report_create"),
]
