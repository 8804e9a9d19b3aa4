"""On PostgreSQL, give Wilayah.code the "C" collation so its primary key index serves prefix (LIKE 'x.%') scans.

That makes the separate varchar_pattern_ops index Django adds for a text primary key redundant; dropping it
halves the index work of loading the 91,599 regions. Other databases are left as they are.
"""

from django.db import migrations

TABLE = "registry_wilayah"


def use_c_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'ALTER TABLE {TABLE} ALTER COLUMN code TYPE varchar(13) COLLATE "C"')
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [TABLE, "%varchar_pattern_ops%"],
        )
        for (name,) in cursor.fetchall():
            schema_editor.execute(f'DROP INDEX "{name}"')


def use_default_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN code TYPE varchar(13) COLLATE pg_catalog.\"default\"")
    schema_editor.execute(f"CREATE INDEX {TABLE}_code_like ON {TABLE} (code varchar_pattern_ops)")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(use_c_collation, use_default_collation)]
