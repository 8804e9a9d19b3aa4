"""The OpenAPI schema of /api/v1/ (drf-spectacular) and its documentation page, served by the site itself: no
outside script or style (the Content-Security-Policy allows none), the endpoints listed by a server-rendered page
read from the same schema."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import IsAuthenticated

METHODS = ("get", "post", "put", "patch", "delete")


class SchemaView(SpectacularAPIView):
    """GET /api/v1/schema/: the OpenAPI 3 schema (YAML, or JSON with `?format=json`), for signed-in users;
    not throttled."""

    permission_classes = [IsAuthenticated]
    throttle_classes = []


def schema_document(request=None) -> dict:
    """The API's OpenAPI schema as a dict."""
    return SchemaGenerator().get_schema(request=request, public=True)


def endpoints(schema: dict) -> list[dict]:
    """Each path of `schema` with its operations (method, summary, parameters), for the documentation page."""
    listed = []
    for path, item in schema.get("paths", {}).items():
        operations = []
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
            operations.append(
                {
                    "method": method.upper(),
                    "id": operation.get("operationId", ""),
                    "summary": operation.get("summary") or operation.get("description", ""),
                    "parameters": parameters,
                    "body": "requestBody" in operation,
                }
            )
        listed.append({"path": path, "operations": operations})
    return listed


@login_required
def documentation(request):
    """/api/v1/dokumentasi/: the API's endpoints with their methods and filters, and how to call them."""
    schema = schema_document()
    return render(
        request,
        "registry/api/documentation.html",
        {"info": schema.get("info", {}), "endpoints": endpoints(schema)},
    )


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The personal API token in the schema: `Authorization: Token <token>` (knox's header)."""

    target_class = "registry.api.auth.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token API pribadi dari halaman /akun/token-api/, dikirim sebagai `Token <token>`.",
        }
