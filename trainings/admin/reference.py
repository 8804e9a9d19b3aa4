"""Admin for the trainings' national reference lists: event kinds and participant unsur; only a superuser changes
them (`registry.admin.reference.NationalListMixin`)."""

from django.contrib import admin

from registry.admin.reference import ReferenceAdmin
from trainings.models import EventKind, Unsur

admin.site.register([EventKind, Unsur], ReferenceAdmin)
