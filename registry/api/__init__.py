"""The REST API at /api/v1/: the registry's records for programs, with the web's rules from the web's code.

Every endpoint is a viewset on `base.ReadOnlyRecordViewSet` (reads) or `base.RecordViewSet` (reads and writes),
which give it, once for all:
- scoping: `get_queryset` goes through the model's `for_user(user)`, so a record outside the area answers 404;
- permissions: the user's Django model permissions per action (view for reads, add/change/delete for writes;
  a custom action names its own with `@action(..., required_permissions=(...))`), checked after the area, so
  403 inside the area and 404 outside it (`permissions.RecordPermission`); a read-only token refuses writes;
- `ETag` on every record (`concurrency.etag_of`, from `registry.versions.version_of`, the web's version stamp),
  `If-Match` required on every change of a record (428 without, 412 when stale);
- `Idempotency-Key` on creating POSTs (`idempotency.once`): a retry with the same key gets the first answer;
- service functions for every write (the viewset's `create_record`, `update_record`, `remove_record`), their
  Django ValidationError answered as 400 with the Indonesian messages per field (`errors.field_errors`);
- cursor pagination (`pagination.py`), `?fields=` and personal-data masking (`serializers.RecordSerializer`),
  django-filter FilterSets reusing the querysets' rules (`filters.py`), throttling per token (`auth.py`).

Adding an endpoint takes a serializer, a viewset and one line:

    from registry.api import routes
    from registry.api.base import ReadOnlyRecordViewSet
    from registry.api.serializers import RecordSerializer

    class EventSerializer(RecordSerializer):
        class Meta(RecordSerializer.Meta):
            model = Penyuluhan
            fields = ["id", "title", "held_on"]

    class EventViewSet(ReadOnlyRecordViewSet):
        queryset = Penyuluhan.objects.select_related("program")
        serializer_class = EventSerializer

    routes.register("penyuluhan", EventViewSet)

`trainings` registers its endpoints the same way, from a module its `AppConfig.ready()` imports (registry never
imports trainings). A new endpoint joins the API access matrix, the personal-data crawl and the schema test
(tests/api/) by itself, and the documentation page (/api/v1/dokumentasi/) lists it.
"""
