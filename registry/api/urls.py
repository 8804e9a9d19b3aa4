"""/api/v1/: the router's endpoints (namespace `api`), the schema and its documentation page."""

from django.urls import include, path

from registry.api import schema
from registry.api.routes import router

urlpatterns = [
    path("schema/", schema.SchemaView.as_view(), name="api_schema"),
    path("dokumentasi/", schema.documentation, name="api_docs"),
    path("", include((router.urls, "api"))),
]
