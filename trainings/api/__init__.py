"""The trainings app's endpoints of the REST API (/api/v1/, `registry.api`): programs, penyuluhan events with their
narasumber and headcounts, named participants, outcomes, visits with their follow-ups, and evaluations.

Registered on the registry's router from `TrainingsConfig.ready` (`register`): the registry never imports this app.
"""

from registry.api import routes


def register() -> None:
    """Registers the trainings endpoints (called once, from `TrainingsConfig.ready`)."""
    from trainings.api import evaluations, events, programs, visits

    routes.register("program", programs.ProgramViewSet)
    routes.register("penyuluhan", events.PenyuluhanViewSet)
    routes.register("peserta", events.PesertaViewSet)
    routes.register("hasil-kegiatan", programs.OutcomeViewSet)
    routes.register("kunjungan", visits.KunjunganViewSet)
    routes.register("tindak-lanjut", visits.TindakLanjutViewSet)
    routes.register("penilaian", evaluations.EvaluasiViewSet)
