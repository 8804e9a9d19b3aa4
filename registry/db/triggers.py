"""The triggers that copy a member KPS's kind onto its memberships (`KpsMembership.kind`), on PostgreSQL and SQLite.

Why: the WKSBM list's "jenis KPS anggota" filter reads the kind from the membership, through the partial index of
current memberships by kind, instead of joining every current membership to its KPS (bench/admin_lists.py, 50,000
WKSBM and 500,000 KPS). The database keeps the copy itself so that every writer is covered, COPY included, and
application code never writes it:
- a membership inserted, or updated naming `kps_id` or `kind_id`, takes its KPS's kind; a KPS whose kind changes
  passes it on to its memberships (migration 0009);
- on PostgreSQL, new memberships are corrected by one statement-level trigger after each INSERT (migration 0011):
  one join of the inserted rows with their KPS corrects every kind that is missing or wrong and touches nothing
  when the writer gave the right one, as the list import does (20,000 memberships: a tenth of the per-row
  trigger's time). A change of `kps_id` or `kind_id` is still corrected per row (PostgreSQL allows no
  transition table on a trigger for named columns).
- SQLite has no BEFORE-trigger assignment to NEW: its triggers correct the row right after it is written; they
  do not fire themselves again (recursive_triggers is off), so the correction does not loop.

The statements are those the two migrations ran, by these names; a change to the triggers is a new migration
with statements of its own. A migration that recreates either table drops its triggers: it must create them
again (tests/registry/db/test_triggers.py checks they stand).
"""

MEMBERSHIP, KPS = "registry_kpsmembership", "registry_kps"

# Migration 0009: the row triggers on PostgreSQL, and their removal.
POSTGRESQL_TRIGGERS = [
    f"""
    CREATE FUNCTION registry_membership_kind() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.kind_id := (SELECT kind_id FROM {KPS} WHERE id = NEW.kps_id);
        RETURN NEW;
    END $$
    """,
    f"""
    CREATE TRIGGER registry_membership_kind BEFORE INSERT OR UPDATE OF kps_id, kind_id ON {MEMBERSHIP}
    FOR EACH ROW EXECUTE FUNCTION registry_membership_kind()
    """,
    f"""
    CREATE FUNCTION registry_kps_kind_to_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {MEMBERSHIP} SET kind_id = NEW.kind_id WHERE kps_id = NEW.id;
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE TRIGGER registry_kps_kind_to_memberships AFTER UPDATE OF kind_id ON {KPS}
    FOR EACH ROW WHEN (OLD.kind_id IS DISTINCT FROM NEW.kind_id) EXECUTE FUNCTION registry_kps_kind_to_memberships()
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS registry_kps_kind_to_memberships ON {KPS}",
    "DROP FUNCTION IF EXISTS registry_kps_kind_to_memberships()",
    f"DROP TRIGGER IF EXISTS registry_membership_kind ON {MEMBERSHIP}",
    "DROP FUNCTION IF EXISTS registry_membership_kind()",
]

# Migration 0009: the triggers on SQLite, and their removal.
SQLITE_KIND_OF_NEW_ROW = (
    f"UPDATE {MEMBERSHIP} SET kind_id = (SELECT kind_id FROM {KPS} WHERE id = NEW.kps_id) WHERE id = NEW.id"
)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER registry_membership_kind_insert AFTER INSERT ON {MEMBERSHIP} BEGIN {SQLITE_KIND_OF_NEW_ROW}; END",
    f"""
    CREATE TRIGGER registry_membership_kind_update AFTER UPDATE OF kps_id, kind_id ON {MEMBERSHIP}
    BEGIN {SQLITE_KIND_OF_NEW_ROW}; END
    """,
    f"""
    CREATE TRIGGER registry_kps_kind_to_memberships AFTER UPDATE OF kind_id ON {KPS}
    WHEN OLD.kind_id IS NOT NEW.kind_id
    BEGIN UPDATE {MEMBERSHIP} SET kind_id = NEW.kind_id WHERE kps_id = NEW.id; END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registry_kps_kind_to_memberships",
    "DROP TRIGGER IF EXISTS registry_membership_kind_update",
    "DROP TRIGGER IF EXISTS registry_membership_kind_insert",
]
# Migration 0011: the statement-level trigger for new memberships on PostgreSQL, and back to the row trigger.
POSTGRESQL_STATEMENT_TRIGGER = [
    f"""
    CREATE FUNCTION registry_membership_kind_of_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {MEMBERSHIP} AS membership SET kind_id = kps.kind_id
        FROM inserted JOIN {KPS} AS kps ON kps.id = inserted.kps_id
        WHERE membership.id = inserted.id AND membership.kind_id IS DISTINCT FROM kps.kind_id;
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE TRIGGER registry_membership_kind_of_new_rows AFTER INSERT ON {MEMBERSHIP}
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION registry_membership_kind_of_new_rows()
    """,
    f"DROP TRIGGER registry_membership_kind ON {MEMBERSHIP}",
    f"""
    CREATE TRIGGER registry_membership_kind BEFORE UPDATE OF kps_id, kind_id ON {MEMBERSHIP}
    FOR EACH ROW EXECUTE FUNCTION registry_membership_kind()
    """,
]
POSTGRESQL_ROW_TRIGGER_AGAIN = [
    f"DROP TRIGGER registry_membership_kind ON {MEMBERSHIP}",
    f"""
    CREATE TRIGGER registry_membership_kind BEFORE INSERT OR UPDATE OF kps_id, kind_id ON {MEMBERSHIP}
    FOR EACH ROW EXECUTE FUNCTION registry_membership_kind()
    """,
    f"DROP TRIGGER registry_membership_kind_of_new_rows ON {MEMBERSHIP}",
    "DROP FUNCTION registry_membership_kind_of_new_rows()",
]
