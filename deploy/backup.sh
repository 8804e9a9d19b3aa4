#!/usr/bin/env bash
# Backs up the registry's PostgreSQL database: one dated dump (pg_dump custom format) in BACKUP_DIR, the newest
# BACKUP_KEEP dumps kept and older ones removed. Run daily (README: "Cadangan dan pemulihan"), e.g. from cron:
#   15 1 * * *  wksbm  set -a; . /etc/wksbm/wksbm.env; /srv/wksbm/app/deploy/backup.sh
# Reads DATABASE_URL (postgres://user:password@host:port/name), BACKUP_DIR and BACKUP_KEEP from the environment.
# Prints the dump's path; exits non-zero, leaving no partial file, when the dump fails.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL belum diisi (postgres://pengguna:sandi@host:5432/nama)}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/wksbm}"
BACKUP_KEEP="${BACKUP_KEEP:-30}"
case "$BACKUP_KEEP" in '' | *[!0-9]* | 0) echo "BACKUP_KEEP harus bilangan bulat positif" >&2; exit 2 ;; esac

mkdir -p "$BACKUP_DIR"
chmod 700 "$BACKUP_DIR"  # the dumps hold NIK and phone numbers
stamp="$(date -u +%Y%m%d-%H%M%S)"
target="$BACKUP_DIR/wksbm-$stamp.dump"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

# Custom format: compressed, restorable table by table, and checked by pg_restore --list before it counts.
pg_dump --format=custom --no-owner --no-privileges --file="$partial" "$DATABASE_URL"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$target"
chmod 600 "$target"

# Rotation: names sort by date, so everything before the newest BACKUP_KEEP goes.
find "$BACKUP_DIR" -maxdepth 1 -name 'wksbm-*.dump' -printf '%f\n' | sort | head -n "-$BACKUP_KEEP" \
    | while read -r old; do rm -f -- "$BACKUP_DIR/$old"; done

echo "$target"
