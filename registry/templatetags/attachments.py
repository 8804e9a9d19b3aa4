"""`{% attachment_section record user %}`: a record's documents and photos on its page, with the links to add and
remove them for whoever may (`registry.attachments.targets.may_attach`); and `{% photo_strip photos %}`, the
thumbnails of a record's latest photos (`registry.attachments.photos`).

The section costs a fixed number of queries whatever the number of attachments: their list with their kinds and
uploaders, and `may_attach`'s check of the record's area for a user who holds the permissions.
"""

from django import template

from registry.attachments.pages import SECTION_ANCHOR, target_of
from registry.attachments.photos import of_kind
from registry.attachments.targets import may_attach
from registry.models import Attachment

register = template.Library()


@register.inclusion_tag("registry/attachments/_section.html")
def attachment_section(record, user, saved=None):
    """The attachments of `record` (latest first), thumbnails for photos and a download link for documents;
    "Tambah foto" and "Tambah dokumen" and each attachment's "Hapus" for a user who may attach. `saved` are the
    messages said beside the section (`registry.views.saved`)."""
    attachments = Attachment.objects.filter(of_kind(type(record), object_id=record.pk))
    return {
        "anchor": SECTION_ANCHOR,
        "attachments": list(attachments.select_related("kind", "uploaded_by")),
        "may_attach": may_attach(user, record),
        "target": target_of(record),
        "record_pk": record.pk,
        "saved": saved or [],
    }


@register.inclusion_tag("registry/attachments/_photos.html")
def photo_strip(photos, heading=""):
    """Thumbnails of `photos` (attachments already read), each linked to the photo, under `heading` if given."""
    return {"photos": photos, "heading": heading}
