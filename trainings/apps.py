from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    """The office's pembinaan work on the WKSBM (penyuluhan now). It builds on `registry` and shows its sections
    on the registry's pages through `registry.extensions`, registered here; the registry never imports it."""

    name = "trainings"
    verbose_name = _("Penyuluhan")

    def ready(self):
        from trainings import demo, sections

        sections.register()
        demo.register()

        from trainings import evaluation_sections
        from trainings.demo import evaluations as demo_evaluations
        from trainings.worklist import evaluations as evaluation_worklist

        evaluation_sections.register()
        demo_evaluations.register()
        evaluation_worklist.register()
        from trainings import visit_sections
        from trainings.worklist import visits as visit_worklist

        visit_sections.register()
        visit_worklist.register()
        demo.register_visits()
        from trainings import verification

        # Visits and evaluations entered in the field wait for an operator, in the registry's one queue.
        verification.register()
        # Penyuluhan per year and evaluation classes in the public open data (issue 22).
        from trainings import opendata

        opendata.register()
        # Events, visits and evaluations carry documents and photos (daftar hadir, foto kegiatan).
        from registry.attachments import targets as attachment_targets
        from trainings.models import Evaluasi, Kunjungan, Penyuluhan

        for model in (Penyuluhan, Kunjungan, Evaluasi):
            attachment_targets.register(model)
        from trainings import attachments

        attachments.register()
        # Their endpoints of the REST API, on the registry's router (issue 22).
        from trainings import api

        api.register()
