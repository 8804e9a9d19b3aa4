"""The OpenAPI schema validates, names every endpoint, and the documentation page lists them from it."""

import json

from django.urls import reverse
from openapi_spec_validator import validate

from registry.api.routes import router
from registry.enums import Role
from tests.api.conftest import make_user


def test_the_schema_is_valid_openapi_with_every_endpoint(client, diy):
    client.force_login(make_user(Role.PIMPINAN))

    response = client.get(reverse("api_schema"), {"format": "json"})

    schema = json.loads(response.content)
    validate(schema)
    paths = set(schema["paths"])
    assert {f"/api/v1/{prefix}/" for prefix, _viewset, _basename in router.registry} <= paths


def test_the_documentation_page_lists_every_endpoint_without_outside_resources(client, diy):
    client.force_login(make_user(Role.PENYULUH))

    page = client.get(reverse("api_docs")).content.decode()

    for prefix, _viewset, _basename in router.registry:
        assert f"/api/v1/{prefix}/" in page
    assert "http://" not in page.replace("http://testserver", "") and "https://" not in page
