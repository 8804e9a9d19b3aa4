"""Trigram indexes on the mitra name, on PostgreSQL only, for the close names offered before a new mitra is
recorded (`registry.network.matching`): `UPPER(name)` for the similarity `UPPER(name) % term`, and the search key
(`registry.db.trigram.search_key`) for the spacing-insensitive match, as migration 0017 indexes the WKSBM names.
Without them each new mitra read every mitra of the kabupaten's table."""

import importlib

from django.db import migrations

# The search key's SQL, written exactly as migration 0017 writes it for the WKSBM names.
key_sql = importlib.import_module("registry.migrations.0017_field_search_trigram_indexes").key_sql

INDEXES = [("mitra_name_upper_trgm", False), ("mitra_name_key_trgm", True)]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    model = apps.get_model("registry", "Mitra")
    table, column = quote(model._meta.db_table), quote(model._meta.get_field("name").column)
    for name, keyed in INDEXES:
        expression = key_sql(column) if keyed else f"UPPER({column})"
        schema_editor.execute(f"CREATE INDEX {quote(name)} ON {table} USING gin (({expression}) gin_trgm_ops)")


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _keyed in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0021_network_reference_lists")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
