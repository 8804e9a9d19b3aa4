"""On PostgreSQL, a covering index on pengurus (role, WKSBM) with the term dates, for "kepengurusan belum lengkap".

The count of that filter over 50,000 WKSBM (bench/admin_lists.py) gathers the current holders of the required
roles (`VacantRequiredRole`): without this index, every pengurus row is read from the table and filtered by its
term. With it, the holders of each required role are one range of the index, and their term dates are in the
index too, so PostgreSQL reads them by an index-only scan (once VACUUM has marked the table's pages all-visible,
which autovacuum does after bulk inserts, and the benchmark does right after seeding): about 15–25% off that
count. The same columns, in the same order, also serve lookups by role alone, as the foreign key index does.

Other databases are left as they are: covering indexes are PostgreSQL's (SQLite would warn, models.W040, for an
`Index(include=…)` in the model), and SQLite serves the registry's small databases well without it.
"""

from django.db import migrations

INDEX = "pengurus_role_wksbm_term_idx"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    pengurus = apps.get_model("registry", "Pengurus")._meta
    quote = schema_editor.quote_name
    role, wksbm, period_from, period_to = (
        quote(pengurus.get_field(name).column) for name in ("role", "wksbm", "period_from", "period_to")
    )
    table = quote(pengurus.db_table)
    schema_editor.execute(
        f"CREATE INDEX {quote(INDEX)} ON {table} ({role}, {wksbm}) INCLUDE ({period_from}, {period_to})"
    )


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(INDEX)}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_membership_kind_and_narrower_wilayah_index")]

    operations = [migrations.RunPython(add_index, remove_index)]
