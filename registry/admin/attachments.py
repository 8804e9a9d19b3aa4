"""Admin for attachments: the documents and photos of a record shown, read-only, on its change page
(`AttachmentInline`, added to the admins of every kind of record that carries them; `trainings` adds it to its
own), and the kinds of attachment, the province's list that the Admin provinsi extends and every role reads.

Attachments are added and removed on the field pages (registry/views/attachment_pages.py), where the file is
checked and re-encoded by the service; the admin only shows them, so nothing uploaded reaches storage unchecked.
"""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.admin.history import HistoryAdmin
from registry.models import Attachment, AttachmentKind


class ShownOnlyFormSet(BaseGenericInlineFormSet):
    """The rows of a read-only inline: whatever a change page posts, none of it is read, validated or saved (a
    posted change page needs no management form of this inline)."""

    shown_only = True

    def __init__(self, data=None, files=None, **kwargs):
        super().__init__(None, None, **kwargs)
        # What the admin's change message reads: nothing added, changed or deleted here.
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []

    def is_valid(self) -> bool:
        return True

    def save(self, commit=True):
        self.save_m2m = lambda: None
        return []


class AttachmentInline(GenericTabularInline):
    """A record's attachments on its change page, latest first: thumbnail, kind, title, date, who uploaded it and
    a link to the file (served after the record's area check). One query whatever their number."""

    model = Attachment
    formset = ShownOnlyFormSet
    fields = ("preview", "kind", "title", "date", "uploaded_by", "uploaded_at", "file_link")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name = _("lampiran")
    verbose_name_plural = _("lampiran (ditambah dan dihapus di halaman lapangan)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("kind", "uploaded_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("gambar"))
    def preview(self, attachment) -> str:
        if not attachment.thumbnail:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="64" height="64" class="attachment-thumb">',
            reverse("attachment_thumbnail", args=[attachment.pk]),
        )

    @admin.display(description=_("berkas"))
    def file_link(self, attachment) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("attachment_file", args=[attachment.pk]), attachment.get_media_type_display()
        )


@admin.register(AttachmentKind)
class AttachmentKindAdmin(HistoryAdmin):
    """The kinds of attachment (SK, berita acara, foto kegiatan, …): a list of the province, unlike the national
    reference lists (`registry.admin.reference`): the Admin provinsi adds and changes kinds (`registry.roles`),
    the other roles read them. A kind in use cannot be deleted (its attachments PROTECT it)."""

    list_display = ("name", "slug", "sort_order")
    list_editable = ("sort_order",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "sort_order")
