"""The KPS kind on memberships, kept by database triggers; a narrower wilayah level index.

- `KpsMembership.kind` copies the member KPS's kind for the WKSBM list's "jenis KPS anggota" filter (see the
  field's comment). Triggers keep it, on PostgreSQL and on SQLite alike, so every writer is covered, COPY
  included: a membership inserted, or updated naming `kps_id` or `kind_id`, takes its KPS's kind; a KPS whose
  kind changes passes it on to its memberships. Existing memberships are filled in here.
- The wilayah level index keeps only provinsi and kabupaten (552 regions instead of 7,800): kecamatan are
  listed by code prefix, which the primary key serves, and fewer entries cost `load_wilayah` less.
- On PostgreSQL, wilayah names get the "C" collation, as their codes have (0002). An admin search scans the
  91,599 names (`UPPER(name) LIKE …`, no trigram index there, see 0008) for the count and again for the page;
  under "C", UPPER takes its ASCII path instead of the locale's, about half the time per scan. The official
  names are ASCII letters (three carry a typographic apostrophe, which has no case), so matches are the same.
  An AlterField of `Wilayah.name` would drop the collation again: such a migration must restore it.
- On PostgreSQL, ANALYZE of the role and KPS kind lists. Autovacuum analyzes a table only after 50 changed
  rows, which a list of six roles never reaches: without statistics the planner took the required roles for a
  hundred and planned the "kepengurusan belum lengkap" count over 50,000 WKSBM at twice the time.
"""

import django.db.models.deletion
from django.db import migrations, models

from registry.db.triggers import (
    KPS,
    MEMBERSHIP,
    POSTGRESQL_DROP,
    POSTGRESQL_TRIGGERS,
    SQLITE_DROP,
    SQLITE_TRIGGERS,
)

TRIGGERS = {"postgresql": (POSTGRESQL_TRIGGERS, POSTGRESQL_DROP), "sqlite": (SQLITE_TRIGGERS, SQLITE_DROP)}


def copy_kind_and_add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in TRIGGERS:
        raise RuntimeError(f"Membership kind triggers are written for PostgreSQL and SQLite, not {vendor}.")
    schema_editor.execute(
        f"UPDATE {MEMBERSHIP} SET kind_id = (SELECT kind_id FROM {KPS} WHERE {KPS}.id = {MEMBERSHIP}.kps_id)"
    )
    for statement in TRIGGERS[vendor][0]:
        schema_editor.execute(statement)


def use_c_collation_for_wilayah_names(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ALTER TABLE registry_wilayah ALTER COLUMN name TYPE varchar(100) COLLATE "C"')


def use_default_collation_for_wilayah_names(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE registry_wilayah ALTER COLUMN name TYPE varchar(100) COLLATE pg_catalog."default"'
        )


def analyze_reference_lists(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE registry_pengurusrole, registry_kpskind")


def drop_triggers(apps, schema_editor):
    for statement in TRIGGERS.get(schema_editor.connection.vendor, ((), ()))[1]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0008_search_and_filter_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='wilayah',
            name='wilayah_above_desa_idx',
        ),
        migrations.AddField(
            model_name='kpsmembership',
            name='kind',
            field=models.ForeignKey(db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='registry.kpskind', verbose_name='jenis KPS'),
        ),
        migrations.AddIndex(
            model_name='kpsmembership',
            index=models.Index(condition=models.Q(('left_on__isnull', True)), fields=['kind', 'wksbm'], name='membership_current_kind_idx'),
        ),
        migrations.RunPython(copy_kind_and_add_triggers, drop_triggers),
        migrations.RunPython(use_c_collation_for_wilayah_names, use_default_collation_for_wilayah_names),
        migrations.RunPython(analyze_reference_lists, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='wilayah',
            index=models.Index(condition=models.Q(('level__lte', 2)), fields=['level', 'code'], name='wilayah_provinsi_kabupaten_idx'),
        ),
    ]
