"""Trigram indexes for the field pages' search (`registry.field_search`), on PostgreSQL only.

- The search key of WKSBM, KPS and pengurus names (`registry.db.trigram.search_key`: upper case, without spaces
  and the other `KEY_IGNORED` characters), for the spacing-insensitive `LIKE` and the word similarity of the key.
  The word similarity of the name itself uses migration 0008's `UPPER(name)` indexes.
- The phone numbers of WKSBM, KPS and pengurus, for a search by a part of a number (`LIKE '%81234%'`).

Without them each search term scanned all 500,000 KPS and 170,000 pengurus of the national benchmark. The
expression is built from `KEY_IGNORED`: changing it needs a migration that builds these indexes again.
"""

from django.db import migrations

from registry.db.trigram import KEY_IGNORED

# (model, field, index name, whether the search key is indexed rather than the column itself)
TRIGRAM_INDEXES = [
    ("Wksbm", "name", "wksbm_name_key_trgm", True),
    ("Kps", "name", "kps_name_key_trgm", True),
    ("Pengurus", "name", "pengurus_name_key_trgm", True),
    ("Wksbm", "phone", "wksbm_phone_trgm", False),
    ("Kps", "phone", "kps_phone_trgm", False),
    ("Pengurus", "phone", "pengurus_phone_trgm", False),
]


def key_sql(column: str) -> str:
    """The SQL of `search_key` on a quoted column, as Django writes it (so the planner matches the index)."""
    sql = f"UPPER({column})"
    for character in KEY_IGNORED:
        literal = character.replace("'", "''")
        sql = f"REPLACE({sql}, '{literal}', '')"
    return sql


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    tables = []
    for model_name, field, name, keyed in TRIGRAM_INDEXES:
        model = apps.get_model("registry", model_name)
        table, column = model._meta.db_table, quote(model._meta.get_field(field).column)
        expression = key_sql(column) if keyed else column
        schema_editor.execute(f"CREATE INDEX {quote(name)} ON {quote(table)} USING gin (({expression}) gin_trgm_ops)")
        if table not in tables:
            tables.append(table)
    # Statistics on the new expressions, for the planner's estimates (see migration 0008).
    schema_editor.execute(f"ANALYZE {', '.join(quote(table) for table in tables)}")


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _model, _field, name, _keyed in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0016_kept_form")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
