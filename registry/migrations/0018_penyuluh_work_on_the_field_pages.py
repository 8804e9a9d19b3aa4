"""The penyuluh work on the field pages only (`registry.roles.works_in_admin`): users of the penyuluh role stop
being staff, as `petugas_save` now makes them. The admin site refuses them whatever their `is_staff`
(`registry.roles.may_use_admin`); the flag is what the pages' navigation reads to offer the admin."""

from django.db import migrations

PENYULUH = "penyuluh"


def penyuluh_not_staff(apps, schema_editor):
    User = apps.get_model("auth", "User")
    RoleGroup = apps.get_model("registry", "RoleGroup")
    groups = RoleGroup.objects.filter(role=PENYULUH).values("group")
    User.objects.filter(groups__in=groups, is_superuser=False).update(is_staff=False)


def penyuluh_staff_again(apps, schema_editor):
    User = apps.get_model("auth", "User")
    RoleGroup = apps.get_model("registry", "RoleGroup")
    User.objects.filter(groups__in=RoleGroup.objects.filter(role=PENYULUH).values("group")).update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [("registry", "0017_field_search_trigram_indexes"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(penyuluh_not_staff, penyuluh_staff_again)]
