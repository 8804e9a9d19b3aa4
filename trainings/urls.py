"""URLs of the trainings pages, included under `penyuluhan/` with the namespace `trainings`."""

from django.urls import path

from trainings import views

app_name = "trainings"

urlpatterns = [
    path("", views.program_list, name="program_list"),
    path("program/<int:pk>/", views.program_detail, name="program_detail"),
    path("program/<int:pk>/laporan/", views.program_report, name="program_report"),
    path("kegiatan/<int:pk>/laporan/", views.event_report, name="event_report"),
    path("kegiatan/<int:pk>/daftar-hadir/", views.attendance_sheet, name="attendance_sheet"),
]
