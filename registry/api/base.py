"""The API's viewsets: reads and writes of one kind of record under the web's rules (see `registry.api`)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse

from registry import dates
from registry.api.concurrency import check_if_match, etag_of
from registry.api.errors import field_errors
from registry.api.idempotency import once
from registry.api.serializers import requested_fields


class ReadOnlyRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail of the records of `queryset`'s model in the user's area (`scope`: `for_user`), needing the
    model's view permission; every record answered with its `ETag`.

    Set `queryset` (with the `select_related` its serializer reads), `serializer_class`, and `filterset_class`
    for the list's filters. `wants(name)` tells whether `?fields=` keeps a field, to skip what it does not
    (a prefetch of nested rows).
    """

    # Overridden by an `@action(..., required_permissions=(...))`; None means the standard action's permission.
    required_permissions = None
    # Permissions of standard actions other than the model's own (action → permissions), e.g. a report's lines'.
    permissions_by_action: dict[str, tuple[str, ...]] = {}
    # False for lists that are the same everywhere (reference lists): `scope` then keeps every row.
    scoped_by_area = True
    # Constraint violation code → field, to answer a named constraint's message next to its field.
    message_fields: dict[str, str] = {}

    def scope(self, queryset):
        """The part of `queryset` the user may see: by area (`for_user`, failing closed)."""
        return queryset.for_user(self.request.user)

    def get_queryset(self):
        return self.scope(super().get_queryset())

    def wants(self, name: str) -> bool:
        """Whether the answer includes the field `name` (`?fields=`)."""
        wanted = requested_fields(self.request)
        return wanted is None or name in wanted

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "trim": True}

    def retrieve(self, request, *args, **kwargs):
        return self.record_response(self.get_object())

    def record_response(self, instance, *, code=status.HTTP_200_OK, headers=None) -> Response:
        """`instance` answered with its ETag (and `headers`)."""
        data = self.get_serializer(instance).data
        return Response(data, status=code, headers={"ETag": etag_of(instance), **(headers or {})})


class RecordViewSet(ReadOnlyRecordViewSet):
    """`ReadOnlyRecordViewSet` with writes through the project's services.

    - POST (create, `add_` permission): `create_serializer_class` reads the body, `create_record(data)` calls the
      service; an `Idempotency-Key` creates once. Answers 201 with the record, its `Location` and `ETag`.
    - PUT/PATCH (`change_`): `update_serializer_class` reads the body, `update_record(instance, data)` calls the
      service, with the row locked and `If-Match` checked (428/412).
    - DELETE (`delete_`), where `remove_record(instance)` is defined: also with `If-Match`.
    - Other changes of one record (ending a term): an `@action(detail=True, methods=["post"],
      required_permissions=(...))` answering `self.change_with(request, SerializerClass, change)`.
    A service's ValidationError is answered 400 with its messages per field (`message_fields` places a named
    constraint's). Set `http_method_names` to leave out what the web does not allow.
    """

    create_serializer_class = None
    update_serializer_class = None

    def create_record(self, data: dict):
        """Creates the record from the validated `data` through its service; returns it."""
        raise NotImplementedError

    def update_record(self, instance, data: dict) -> None:
        """Changes `instance` by the validated `data` through its service."""
        raise NotImplementedError

    def remove_record(self, instance) -> None:
        """Ends or deletes `instance` through its service."""
        raise exceptions.MethodNotAllowed(self.request.method)

    # --- what the actions share ----------------------------------------------------------------------------------

    def read_body(self, serializer_class, instance=None, *, partial=False):
        """The request's body validated by `serializer_class` (not trimmed by `?fields=`)."""
        context = {**super().get_serializer_context(), "trim": False}
        serializer = serializer_class(instance, data=self.request.data, partial=partial, context=context)
        serializer.is_valid(raise_exception=True)
        return serializer

    def write(self, serializer, work):
        """Runs `work()` (a service call) in a transaction; its ValidationError answered as 400 per field."""
        try:
            with transaction.atomic():
                return work()
        except DjangoValidationError as error:
            fields = serializer.fields if serializer is not None else ()
            raise exceptions.ValidationError(field_errors(error, fields, message_fields=self.message_fields)) from error

    def locked_object(self):
        """The record of the URL in the user's area (404 otherwise), locked until the request's transaction ends,
        with the action's permissions checked (403)."""
        queryset = self.scope(self.queryset.model._default_manager.select_for_update(of=("self",)))
        instance = queryset.filter(pk=self.kwargs[self.lookup_url_kwarg or self.lookup_field]).first()
        if instance is None:
            raise exceptions.NotFound
        self.check_object_permissions(self.request, instance)
        return instance

    def reread(self, instance):
        """`instance` as the list and detail read it (annotations, related rows)."""
        return self.get_queryset().get(pk=instance.pk)

    def change_with(self, request, serializer_class, change, *, partial=False) -> Response:
        """The change of one record: locked, `If-Match` checked, the body read by `serializer_class`, then
        `change(instance, data)` through a service; answers the record as it is now."""
        instance = self.locked_object()
        check_if_match(request, instance)
        serializer = self.read_body(serializer_class, instance, partial=partial)
        self.write(serializer, lambda: change(instance, serializer.validated_data))
        return self.record_response(self.reread(instance))

    def end_with(self, request, form_class, change) -> Response:
        """Ends one record (a term, a membership) on the day `on` of the body (today when left out), judged by the
        web's own ending form `form_class` (an `EndDateForm`): locked, `If-Match` checked, then `change(instance,
        on)` through a service."""
        instance = self.locked_object()
        check_if_match(request, instance)
        on = request.data.get("on") if hasattr(request.data, "get") else None
        form = form_class(data={"on": on or dates.today().isoformat()}, row=instance)
        if not form.is_valid():
            raise exceptions.ValidationError({field: list(errors) for field, errors in form.errors.items()})
        self.write(None, lambda: change(instance, form.cleaned_data["on"]))
        return self.record_response(self.reread(instance))

    # --- the standard actions ------------------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        return once(request, self._create)

    def _create(self) -> Response:
        serializer = self.read_body(self.create_serializer_class or self.serializer_class)
        instance = self.reread(self.write(serializer, lambda: self.create_record(serializer.validated_data)))
        location = reverse(f"api:{self.basename}-detail", args=[instance.pk], request=self.request)
        return self.record_response(instance, code=status.HTTP_201_CREATED, headers={"Location": location})

    def update(self, request, *args, **kwargs):
        return self.change_with(
            request,
            self.update_serializer_class or self.serializer_class,
            self.update_record,
            partial=kwargs.get("partial", False),
        )

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        instance = self.locked_object()
        check_if_match(request, instance)
        self.write(None, lambda: self.remove_record(instance))
        return Response(status=status.HTTP_204_NO_CONTENT)
