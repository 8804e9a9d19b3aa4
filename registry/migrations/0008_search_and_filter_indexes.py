"""Indexes for the admin lists at national scale (bench/admin_lists.py: 50,000 WKSBM, 500,000 KPS).

- On PostgreSQL, trigram GIN indexes (pg_trgm) on `UPPER(name)` of WKSBM, KPS and pengurus and on
  `UPPER(leader)` of KPS: the expression Django's `icontains` compares (`UPPER("name"::text) LIKE UPPER(%s)`),
  so an admin search becomes bitmap index scans instead of scans of every row. Then ANALYZE, which gathers
  statistics on those expressions: without them the planner guessed 320 KPS where 10,500 match "melati", and
  joined all of them to their wilayah before sorting instead of walking the list's order. Other databases are
  left as they are.
- Everywhere, an index on wilayah level and code above desa, for the kabupaten and kecamatan filter choices
  (17 ms scanning the 91,599 regions on every list page; under 1 ms with it).

Wilayah names get no trigram index: it made a national `load_wilayah` into an empty table three times slower
(about 0.4 to 1.0–1.4 s, bench/wilayah_load.py, against issue 2's target), while scanning the 91,599 names costs
a search term about 45 ms twice a page (count and rows), which keeps the searched lists under 300 ms.

The pg_trgm extension is trusted (PostgreSQL 13 and later): a database owner may create it without superuser.
"""

from django.db import migrations, models

# (model, field, index name); the indexes exist only on PostgreSQL, outside the migration state.
TRIGRAM_INDEXES = [
    ("Wksbm", "name", "wksbm_name_trgm"),
    ("Kps", "name", "kps_name_trgm"),
    ("Kps", "leader", "kps_leader_trgm"),
    ("Pengurus", "name", "pengurus_name_trgm"),
]


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    tables = []
    for model_name, field, name in TRIGRAM_INDEXES:
        model = apps.get_model("registry", model_name)
        table, column = model._meta.db_table, model._meta.get_field(field).column
        # Raw SQL: Django's GinIndex(OpClass(Upper(...))) needs django.contrib.postgres installed.
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin (UPPER({quote(column)}) gin_trgm_ops)"
        )
        if table not in tables:
            tables.append(table)
    schema_editor.execute(f"ANALYZE {', '.join(quote(table) for table in tables)}")


def remove_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other objects may use it by now, and it costs nothing unused.
    for _model_name, _field, name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_form_submissions")]

    operations = [
        migrations.RunPython(add_trigram_indexes, remove_trigram_indexes),
        migrations.AddIndex(
            model_name="wilayah",
            index=models.Index(
                condition=models.Q(level__lt=4), fields=["level", "code"], name="wilayah_above_desa_idx"
            ),
        ),
    ]
