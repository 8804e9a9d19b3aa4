"""What the registry asks of PostgreSQL beyond the SQL Django's ORM writes: one module per device, each saying
in its docstring what it saves (measured) and what happens on SQLite instead.

- `copy`: rows into a table by `COPY … FROM STDIN`, and records with their history rows in one statement.
- `primary_keys`: an empty table filled with its primary key built once, after the rows.
- `collation`: the "C" collation of wilayah codes and names, and comparing a code in its foreign keys' collation.
- `arrays`: `IN (subquery)` written `= ANY(ARRAY(subquery))`, and a list of values sent as one array parameter.
- `triggers`: the triggers that copy a member KPS's kind onto its memberships.
- `statistics`: the planner statistics refreshed right after a bulk write.
- `locks`: imports of one kind of list into overlapping areas run one at a time (advisory locks).
- `deferred_constraints`: the deferred foreign keys checked before a transaction's end.
- `region_names`: of a set of wilayah, those whose name a file may name, picked in SQL.

The schema devices made once are created by the registry's migrations: the collations (0002, 0009, described in
`collation`), the triggers (0009, 0011, from the statements in `triggers`), and the trigram search indexes and the
covering pengurus index (0008, 0010, each migration giving its reason: nothing but the planner refers to them).
"""
