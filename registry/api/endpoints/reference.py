"""/api/v1/referensi/…: the national reference lists (KPS kinds, pengurus roles, activity kinds, fund sources, aid
purposes, mitra and tie kinds), read by every role; changed by superusers in the admin only."""

from registry.api.base import ReadOnlyRecordViewSet
from registry.api.serializers import RecordSerializer
from registry.models import ActivityKind, AidPurpose, FundSource, JejaringKind, KpsKind, MitraKind, PengurusRole

# URL part → model.
LISTS = {
    "jenis-kps": KpsKind,
    "jabatan-pengurus": PengurusRole,
    "jenis-kegiatan": ActivityKind,
    "sumber-dana": FundSource,
    "tujuan-bantuan": AidPurpose,
    "jenis-mitra": MitraKind,
    "jenis-jejaring": JejaringKind,
}


class ReferenceViewSet(ReadOnlyRecordViewSet):
    """A reference list: the same for every area (not scoped), needing its view permission."""

    scoped_by_area = False

    def scope(self, queryset):
        return queryset


def reference_viewset(model) -> type[ReferenceViewSet]:
    """The read-only viewset of the reference list `model` (every concrete field answered)."""
    fields = ["id", *[f.name for f in model._meta.concrete_fields if not f.primary_key]]
    meta = type("Meta", (RecordSerializer.Meta,), {"model": model, "fields": fields})
    serializer = type(f"{model.__name__}Serializer", (RecordSerializer,), {"Meta": meta})
    return type(
        f"{model.__name__}ViewSet",
        (ReferenceViewSet,),
        {"queryset": model.objects.all(), "serializer_class": serializer, "__doc__": str(model._meta.verbose_name)},
    )
