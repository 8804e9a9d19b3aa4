"""`seed_demo` can run on every `make run`."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command


@pytest.mark.django_db
def test_seed_demo_creates_the_demo_admin_once():
    first, second = io.StringIO(), io.StringIO()

    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)

    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.check_password("admin-demo-wksbm")) == (True, True)
    assert User.objects.count() == 1
    assert "admin / admin-demo-wksbm" in first.getvalue()
    assert "sudah ada" in second.getvalue()
