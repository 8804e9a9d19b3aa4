"""What the registry asks of PostgreSQL beyond the SQL Django's ORM writes: one module per device, each saying
in its docstring what it saves (measured) and what happens on SQLite instead.

- `copy`: rows into a table by `COPY … FROM STDIN`, and records with their history rows in one statement.
- `primary_keys`: an empty table filled with its primary key built once, after the rows.
- `collation`: the "C" collation of wilayah codes and names, and comparing a code in its foreign keys' collation.
- `arrays`: `IN (subquery)` written `= ANY(ARRAY(subquery))`, and a list of values sent as one array parameter.
- `triggers`: the triggers that copy a member KPS's kind onto its memberships.

The schema devices made once (trigram and covering indexes, the collations, the triggers) are created by the
registry's migrations; the modules here name them for the code that relies on them.
"""
