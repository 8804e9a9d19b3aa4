"""URLs of the trainings pages.

`urlpatterns` is included under `penyuluhan/` with the namespace `trainings`. `field_patterns`, the field's
Penyuluhan pages (`trainings/views/penyuluhan.py`), is included under `penyuluhan/kegiatan/` without a namespace:
their names (`penyuluhan_list`, `penyuluhan_detail`, …) were global before they moved here, and bookmarks and
links keep working. Their scoping matrix is tests/trainings/field/test_penyuluhan_scoping.py.
"""

from django.urls import path

from trainings import views
from trainings.views import penyuluhan, visits

app_name = "trainings"

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("program/<int:pk>/", views.program_detail, name="program_detail"),
    path("program/<int:pk>/laporan/", views.program_report, name="program_report"),
    path("kegiatan/<int:pk>/laporan/", views.event_report, name="event_report"),
    path("kegiatan/<int:pk>/daftar-hadir/", views.attendance_sheet, name="attendance_sheet"),
]
# Pendampingan and supervisi visits (trainings/views/visits.py).
urlpatterns += [
    path("kunjungan/wksbm/<int:pk>/", visits.visit_list, name="visit_list"),
    path("kunjungan/wksbm/<int:pk>/baru/", visits.visit_create, name="visit_create"),
    path("kunjungan/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("kunjungan/<int:pk>/ubah/", visits.visit_edit, name="visit_edit"),
    path("kunjungan/<int:pk>/laporan/", visits.visit_report, name="visit_report"),
    path("tindak-lanjut/<int:pk>/tutup/", visits.follow_up_close, name="follow_up_close"),
]

field_patterns = [
    path("", penyuluhan.penyuluhan_list, name="penyuluhan_list"),
    path("baru/", penyuluhan.penyuluhan_create, name="penyuluhan_create"),
    path("<int:pk>/", penyuluhan.penyuluhan_detail, name="penyuluhan_detail"),
    path("<int:pk>/peserta/tambah/", penyuluhan.peserta_add, name="penyuluhan_peserta_add"),
    path("<int:pk>/jumlah-peserta/", penyuluhan.peserta_counts, name="penyuluhan_counts"),
    path("<int:pk>/narasumber/tambah/", penyuluhan.narasumber_add, name="penyuluhan_narasumber_add"),
    path("<int:pk>/hasil/tambah/", penyuluhan.outcome_add, name="penyuluhan_outcome_add"),
]
