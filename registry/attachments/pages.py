"""Where each kind of record that carries attachments is shown, and the address of its attachments section.

A kind's page is registered once (`registry.extensions.attachment_pages`, keyed by the model's label): the
registry's in `RegistryConfig.ready` (`register_registry_pages`), `trainings`' in `TrainingsConfig.ready`. Adding
or removing an attachment leads back there, to `#lampiran`, with the message beside the section.
"""

from django.urls import reverse

from registry import extensions

SECTION_ANCHOR = "lampiran"


def target_of(record) -> str:
    """The record's kind as the attachment pages' addresses name it: the model's label (`registry.wksbm`)."""
    return record._meta.label_lower


def record_page(record) -> str:
    """The address of `record`'s page at its attachments section. Raises KeyError for a kind with no page."""
    return f"{extensions.attachment_pages[target_of(record)].url(record)}#{SECTION_ANCHOR}"


def register_page(model, url, order: int = 0) -> None:
    """Registers `url(record)`, the address of the page of a record of `model`."""
    key = model._meta.label_lower
    extensions.attachment_pages.register(extensions.AttachmentPage(key=key, order=order, url=url))


def register_registry_pages() -> None:
    """The registry's records: a WKSBM's page; a report's and a tie's own correction pages (the WKSBM's page lists
    them without their attachments); a mitra's and a forum's pages."""
    from registry.models import ActivityReport, ForumKomunikasi, Jejaring, Mitra, Wksbm

    register_page(Wksbm, lambda wksbm: reverse("wksbm_detail", args=[wksbm.pk]), 10)
    register_page(ActivityReport, lambda report: reverse("report_edit", args=[report.wksbm_id, report.pk]), 20)
    register_page(Mitra, lambda mitra: reverse("mitra_detail", args=[mitra.pk]), 30)
    register_page(Jejaring, lambda tie: reverse("tie_edit", args=[tie.wksbm_id, tie.pk]), 40)
    register_page(ForumKomunikasi, lambda forum: reverse("forum_detail", args=[forum.pk]), 50)
