"""The trainings pages: programs and event reports (`programs`), and the field's Penyuluhan pages (`penyuluhan`)."""

from trainings.views.programs import attendance_sheet, event_report, program_detail, program_list, program_report

__all__ = ["attendance_sheet", "event_report", "program_detail", "program_list", "program_report"]
