"""Code finds roles and routes constraint errors by stable codes, so translating a label or a message changes
nothing: every role keeps its group and permissions, every constraint error still lands on its field."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import BaseConstraint

from registry.enums import Role
from registry.models import RoleGroup
from registry.roles import role_group, role_groups, role_of, role_permissions
from registry.services.petugas import petugas_save
from tests.conftest import pseudo_translated

OUR_APPS = {"registry", "trainings", "wksbm"}


def test_every_model_constraint_has_its_own_code_and_an_indonesian_message():
    constraints = [
        (model._meta.label, constraint)
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for constraint in model._meta.constraints
    ]
    lacking = [
        (label, constraint.name)
        for label, constraint in constraints
        if constraint.violation_error_code != constraint.name
        or constraint.violation_error_message in (None, BaseConstraint.default_violation_error_message)
    ]

    assert (len(constraints), lacking) == (55, [])


@pytest.mark.django_db
def test_every_role_has_exactly_one_group_found_by_its_code():
    links = list(RoleGroup.objects.values_list("role", "group__name"))

    assert sorted(links) == sorted((role.value, str(role.label)) for role in Role)
    assert [role_group(role).role_group.role for role in Role] == [role.value for role in Role]
    assert (RoleGroup.objects.count(), Group.objects.count(), role_groups().count()) == (4, 4, 4)


@pytest.fixture
def petugas(diy):
    """One user of each role, made by the service that gives people their role."""
    return {
        role: petugas_save(
            by=None, username=f"petugas_{role.value}", role=role, area_codes=["34.03"], password="Gunungkidul-2025!"
        )[0]
        for role in Role
    }


def permissions_of(user) -> set[tuple[str, str]]:
    return {tuple(name.split(".", 1)) for name in user.get_all_permissions()}


def test_every_user_keeps_role_and_permissions_when_the_role_labels_are_translated(petugas, pseudo_translation):
    groups_before = sorted(Group.objects.values_list("pk", "name"))

    roles = {role: role_of(user) for role, user in petugas.items()}
    permissions = {role: permissions_of(type(user).objects.get(pk=user.pk)) for role, user in petugas.items()}
    groups = {role: role_group(role).pk for role in Role}

    assert str(Role.PENYULUH.label) == pseudo_translated("Penyuluh")
    assert roles == {role: role for role in Role}
    assert permissions == role_permissions()
    assert groups == {role: petugas[role].groups.get().pk for role in Role}
    assert sorted(Group.objects.values_list("pk", "name")) == groups_before


def test_a_role_given_while_translated_is_the_same_group(petugas, pseudo_translation):
    user, _ = petugas_save(
        by=None, username="petugas_baru", role=Role.PIMPINAN, area_codes=["34.04"], password="Sleman-2025-baru!"
    )

    assert (role_of(user), list(user.groups.all()), Group.objects.count()) == (
        Role.PIMPINAN,
        [petugas[Role.PIMPINAN].groups.get()],
        4,
    )


@pytest.mark.django_db
def test_a_group_renamed_by_an_admin_keeps_its_role(petugas):
    group = role_group(Role.KABUPATEN)
    group.name = "Operator Kabupaten (lama)"
    group.save()

    assert (role_of(petugas[Role.KABUPATEN]), role_group(Role.KABUPATEN).pk, Group.objects.count()) == (
        Role.KABUPATEN,
        group.pk,
        4,
    )


@pytest.mark.django_db
def test_the_migration_links_the_groups_an_existing_database_named_by_label():
    before = dict(RoleGroup.objects.values_list("role", "group_id"))
    RoleGroup.objects.all().delete()
    migration = importlib.import_module("registry.migrations.0014_role_group")

    # The data step reads only the schema editor's connection (SQLite's own editor cannot open in a test's transaction).
    migration.link_existing_groups(apps, SimpleNamespace(connection=connection))

    assert dict(RoleGroup.objects.values_list("role", "group_id")) == before
    assert Group.objects.count() == 4
