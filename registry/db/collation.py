"""The "C" collation of wilayah codes and names on PostgreSQL, and comparing a code as its foreign keys do.

- Wilayah codes have the "C" collation (migration 0002), so the primary key index serves the code-prefix scans
  of area scoping (`code LIKE '34.03.%'`) and the separate `varchar_pattern_ops` index Django adds for a text
  primary key is not needed: dropping it halved the index work of loading the 91,599 regions.
- Wilayah names have it too (migration 0009): an admin search scans the 91,599 names, and under "C" `UPPER`
  takes its ASCII path instead of the locale's, about half the time per scan (the official names are ASCII).
  An `AlterField` of `Wilayah.code` or `Wilayah.name` drops the collation: such a migration must restore it.
- The foreign key columns to wilayah keep the database's default collation, and an index serves only
  comparisons in its own collation. A wilayah code compared with a foreign key is therefore put in the default
  collation (`AsForeignKeyCode`, `foreign_key_collation`): "desa without a WKSBM" of Gunungkidul's 144 desa
  over 5,000 WKSBM reads every WKSBM once per desa without it (50 ms), and looks each one up in the index with
  it (1 ms).

SQLite has one collation for all of these: the migrations leave it as it is, and the expressions here write
the plain comparison.
"""

from django.db.models import CharField, Func

# The collation of the foreign key columns to wilayah on PostgreSQL: the database's default.
FOREIGN_KEY_COLLATION = "default"


def foreign_key_collation(target) -> str | None:
    """The collation to compare values of `target`'s primary key (a model) in, to use the indexes of the foreign
    keys to it: `FOREIGN_KEY_COLLATION` for wilayah codes, None (the column's own) for any other key."""
    from registry.models import Wilayah

    return FOREIGN_KEY_COLLATION if target is Wilayah else None


class AsForeignKeyCode(Func):
    """A wilayah code (`OuterRef("code")`) as the foreign keys to wilayah compare it: on PostgreSQL in
    `FOREIGN_KEY_COLLATION`, elsewhere unchanged (see the module docstring)."""

    template = "%(expressions)s"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = f"%(expressions)s COLLATE {connection.ops.quote_name(FOREIGN_KEY_COLLATION)}"
        return self.as_sql(compiler, connection, template=template, **extra_context)
