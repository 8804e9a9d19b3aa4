"""Personal data over the API, by crawling every endpoint's list and detail as every role: no NIK is ever answered
whole, and phone numbers are whole only for the roles that change records (masked for the pimpinan), as on the
pages (tests/security/test_personal_data_crawl.py)."""

import pytest
from django.urls import reverse

from registry.api.routes import router
from registry.enums import Role
from tests.api.conftest import NIK, make_user, token_client
from tests.api.test_matrix import record_of

WHOLE_PHONE = "0812-3456-7890"
PHONE_DIGITS = ("81234567890", "0812-3456-7890", "+6281234567890")


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_no_full_nik_and_phones_as_the_role_may_see_them(world, role):
    client = token_client(make_user(role))
    answers = []
    for _prefix, _viewset, basename in router.registry:
        obj = record_of(basename, world["inside"])
        for url in (reverse(f"api:{basename}-list"), reverse(f"api:{basename}-detail", args=[obj.pk])):
            response = client.get(url, {"page_size": 500})
            assert response.status_code in (200, 403), url
            answers.append(response.content.decode())
    crawled = "\n".join(answers)

    assert NIK not in crawled
    assert "3403••••••••••01" in crawled  # the pengurus's NIK, masked
    if role == Role.PIMPINAN:
        assert not [digits for digits in PHONE_DIGITS if digits in crawled]
        assert "08******890" in crawled
    else:
        assert WHOLE_PHONE in crawled
