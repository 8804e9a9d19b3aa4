"""URLs of the trainings pages.

`urlpatterns` is included under `penyuluhan/` with the namespace `trainings`. `field_patterns`, the field's
Penyuluhan pages (`trainings/views/penyuluhan.py`), is included under `penyuluhan/kegiatan/` without a namespace:
their names (`penyuluhan_list`, `penyuluhan_detail`, …) were global before they moved here, and bookmarks and
links keep working. Their scoping matrix is tests/trainings/field/test_penyuluhan_scoping.py.
"""

from django.urls import path

from trainings import views
from trainings.views import evaluations, pengurus_trainings, penyuluhan, peserta_match, sampling, untrained, visits

app_name = "trainings"

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("program/<int:pk>/", views.program_detail, name="program_detail"),
    path("program/<int:pk>/laporan/", views.program_report, name="program_report"),
    path("kegiatan/<int:pk>/laporan/", views.event_report, name="event_report"),
    path("kegiatan/<int:pk>/daftar-hadir/", views.attendance_sheet, name="attendance_sheet"),
    # Uji petik samples (trainings/views/sampling.py).
    path("uji-petik/", sampling.uji_petik_list, name="uji_petik_list"),
    path("uji-petik/baru/", sampling.uji_petik_create, name="uji_petik_create"),
    path("uji-petik/<int:pk>/", sampling.uji_petik_detail, name="uji_petik_detail"),
    path("uji-petik/<int:pk>/cetak/", sampling.uji_petik_print, name="uji_petik_print"),
    path("uji-petik/<int:pk>/unduh/", sampling.uji_petik_export, name="uji_petik_export"),
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

# Training history of pengurus: matching participants to pengurus, and the trainings a pengurus attended.
field_patterns += [
    path("<int:pk>/cocokkan-pengurus/", peserta_match.peserta_match, name="penyuluhan_peserta_match"),
]
urlpatterns += [
    path("pengurus/<int:pk>/", pengurus_trainings.pengurus_trainings, name="pengurus_trainings"),
    path("pengurus-inti-belum-pelatihan/", untrained.untrained_pengurus, name="untrained_pengurus"),
]
# Evaluation (penilaian) pages, trainings/views/evaluations.py.
urlpatterns += [
    path("penilaian/wksbm/<int:pk>/nilai/", evaluations.evaluation_create, name="evaluation_create"),
    path("penilaian/<int:pk>/", evaluations.evaluation_detail, name="evaluation_detail"),
    path("penilaian/<int:pk>/ubah/", evaluations.evaluation_edit, name="evaluation_edit"),
    path("penilaian/<int:pk>/konfirmasi/", evaluations.evaluation_confirm, name="evaluation_confirm"),
    path("penilaian/<int:pk>/cetak/", evaluations.evaluation_sheet, name="evaluation_sheet"),
]
