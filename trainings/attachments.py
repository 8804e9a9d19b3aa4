"""The pembinaan's records on the registry's attachment pages: where an event, a visit and an evaluation are shown
(`registry.extensions.attachment_pages`), and the photos of the visits to a WKSBM and of the events that formed or
revived it among the WKSBM's latest photos (`registry.extensions.wksbm_photo_sources`)."""

from django.urls import reverse

from registry import extensions
from registry.attachments.pages import register_page


def register() -> None:
    from trainings.models import Evaluasi, Kunjungan, Penyuluhan

    register_page(Penyuluhan, lambda event: reverse("penyuluhan_detail", args=[event.pk]), 60)
    register_page(Kunjungan, lambda visit: reverse("trainings:visit_detail", args=[visit.pk]), 70)
    register_page(Evaluasi, lambda evaluasi: reverse("trainings:evaluation_detail", args=[evaluasi.pk]), 80)
    extensions.wksbm_photo_sources.register(
        extensions.WksbmPhotoSource(
            key="kunjungan", order=10, records=lambda wksbm: Kunjungan.objects.filter(wksbm=wksbm)
        )
    )
    extensions.wksbm_photo_sources.register(
        extensions.WksbmPhotoSource(
            key="penyuluhan",
            order=20,
            records=lambda wksbm: Penyuluhan.objects.filter(outcomes__wksbm=wksbm),
        )
    )
