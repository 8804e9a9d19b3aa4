"""/api/v1/lampiran/: the attachments of the records the user sees (read), with their file (`…/berkas/`) and a
photo's thumbnail (`…/kecil/`) served by the attachment pages' own answers (`registry.views.attachments`).

An attachment has no area of its own: it is seen by whoever sees its record (`registry.attachments.scoping`), a
404 for anyone else. Attachments are added and removed on their record's pages.
"""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.decorators import action

from registry.api.base import ReadOnlyRecordViewSet
from registry.api.filters import ChangedSinceFilter
from registry.api.serializers import RecordSerializer
from registry.attachments.scoping import attachments_for_user
from registry.models import Attachment, AttachmentKind
from registry.views.attachments import file_response, thumbnail_response

VIEW_PERMISSIONS = ("registry.view_attachment",)


class AttachmentSerializer(RecordSerializer):
    record_type = serializers.SerializerMethodField(help_text=_("Jenis data yang dilampiri, mis. registry.wksbm."))
    record_id = serializers.IntegerField(source="object_id", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)
    file_url = serializers.HyperlinkedIdentityField(view_name="api:lampiran-berkas", read_only=True)
    thumbnail_url = serializers.SerializerMethodField()

    class Meta(RecordSerializer.Meta):
        model = Attachment
        fields = [
            "id",
            "record_type",
            "record_id",
            "kind",
            "kind_name",
            "title",
            "date",
            "media_type",
            "size",
            "file_url",
            "thumbnail_url",
        ]
        read_only_fields = fields

    def get_record_type(self, attachment) -> str:
        content_type = ContentType.objects.get_for_id(attachment.content_type_id)
        return f"{content_type.app_label}.{content_type.model}"

    def get_thumbnail_url(self, attachment) -> str | None:
        if not attachment.thumbnail:
            return None
        return self.fields["file_url"].get_url(attachment, "api:lampiran-kecil", self.context["request"], None)


class AttachmentFilterSet(django_filters.FilterSet):
    """The attachments of one record (`jenis_data` and `data`), of a kind, changed since."""

    jenis_data = django_filters.CharFilter(method="of_type", label=_("Jenis data, mis. registry.wksbm"))
    data = django_filters.NumberFilter(field_name="object_id", label=_("Id data"))
    jenis = django_filters.ModelChoiceFilter(
        field_name="kind", queryset=AttachmentKind.objects.all(), to_field_name="slug", label=_("Jenis lampiran (slug)")
    )
    diubah_sejak = ChangedSinceFilter()

    class Meta:
        model = Attachment
        fields = []

    def of_type(self, queryset, name, value):
        app_label, _dot, model = value.strip().lower().partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


class AttachmentViewSet(ReadOnlyRecordViewSet):
    """Attachments of the records the user sees; see the module docstring."""

    queryset = Attachment.objects.select_related("kind")
    serializer_class = AttachmentSerializer
    filterset_class = AttachmentFilterSet

    def scope(self, queryset):
        return attachments_for_user(queryset, self.request.user)

    @action(detail=True, methods=["get"], required_permissions=VIEW_PERMISSIONS)
    def berkas(self, request, pk=None):
        """The stored file: inline for a photo, a download for a PDF."""
        return file_response(self.get_object())

    @action(detail=True, methods=["get"], required_permissions=VIEW_PERMISSIONS)
    def kecil(self, request, pk=None):
        """A photo's thumbnail (JPEG); 404 for a PDF."""
        return thumbnail_response(self.get_object())
