"""Each role's Django group is found by the role's code: existing groups, named by the roles' Indonesian labels as
they were, are linked to their role; groups of roles not yet in the database are made after migrate."""

import django.db.models.deletion
from django.db import migrations, models

# The roles' labels as the groups were named until now; frozen here, as later translations must not matter.
GROUP_NAMES_BY_ROLE = {
    "provinsi": "Admin provinsi",
    "kabupaten": "Operator kabupaten/kota",
    "penyuluh": "Penyuluh",
    "pimpinan": "Pimpinan",
}


def link_existing_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    RoleGroup = apps.get_model("registry", "RoleGroup")
    db = schema_editor.connection.alias
    for role, name in GROUP_NAMES_BY_ROLE.items():
        group = Group.objects.using(db).filter(name=name).first()
        if group is not None:
            RoleGroup.objects.using(db).get_or_create(role=role, defaults={"group": group})


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('registry', '0013_constraint_violation_codes'),
    ]

    operations = [
        migrations.CreateModel(
            name='RoleGroup',
            fields=[
                ('role', models.CharField(choices=[('provinsi', 'Admin provinsi'), ('kabupaten', 'Operator kabupaten/kota'), ('penyuluh', 'Penyuluh'), ('pimpinan', 'Pimpinan')], max_length=20, primary_key=True, serialize=False, verbose_name='peran')),
            ],
            options={
                'verbose_name': 'grup peran',
                'verbose_name_plural': 'grup peran',
            },
        ),
        migrations.AddField(
            model_name='rolegroup',
            name='group',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='role_group', to='auth.group', verbose_name='grup'),
        ),
        migrations.RunPython(link_existing_groups, migrations.RunPython.noop),
    ]
