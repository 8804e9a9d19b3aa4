#!/usr/bin/env bash
# Backs up the registry: the PostgreSQL database as one dated dump (pg_dump custom format) and the stored files
# (MEDIA_ROOT: attachments, the office's logo) as one archive of the same date beside it, in BACKUP_DIR; the newest
# BACKUP_KEEP of each kept and older ones removed. Run daily (README: "Cadangan dan pemulihan"), e.g. from cron:
#   15 1 * * *  wksbm  set -a; . /etc/wksbm/wksbm.env; /srv/wksbm/app/deploy/backup.sh
# Reads DATABASE_URL (postgres://user:password@host:port/name), MEDIA_ROOT, BACKUP_DIR and BACKUP_KEEP from the
# environment. Without MEDIA_ROOT, or with the files in an S3 bucket (S3_BUCKET; the bucket's own versioning or
# replication keeps them), only the database is backed up.
# Prints the dump's path, then the files' archive's; exits non-zero, leaving no partial file, when either fails.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL belum diisi (postgres://pengguna:sandi@host:5432/nama)}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/wksbm}"
BACKUP_KEEP="${BACKUP_KEEP:-30}"
case "$BACKUP_KEEP" in '' | *[!0-9]* | 0) echo "BACKUP_KEEP harus bilangan bulat positif" >&2; exit 2 ;; esac
media="${MEDIA_ROOT:-}"
if [ -n "${S3_BUCKET:-}" ]; then media=""; fi
if [ -n "$media" ] && [ ! -d "$media" ]; then echo "MEDIA_ROOT bukan folder: $media" >&2; exit 2; fi

mkdir -p "$BACKUP_DIR"
chmod 700 "$BACKUP_DIR"  # the dumps and the files hold NIK, phone numbers and documents
umask 077
stamp="$(date -u +%Y%m%d-%H%M%S)"
target="$BACKUP_DIR/wksbm-$stamp.dump"
files="$BACKUP_DIR/wksbm-$stamp-berkas.tar.gz"
trap 'rm -f "$target.partial" "$files.partial"' EXIT

# Custom format: compressed, restorable table by table, and checked by pg_restore --list before it counts.
pg_dump --format=custom --no-owner --no-privileges --file="$target.partial" "$DATABASE_URL"
pg_restore --list "$target.partial" >/dev/null
# The files after the database: a file is stored before its record is committed, so every record the dump holds
# finds its file in the archive. Uploads waiting for a confirmation are not records: left out.
if [ -n "$media" ]; then
    tar --create --gzip --file="$files.partial" --directory="$media" --exclude=./impor-menunggu .
    tar --list --gzip --file="$files.partial" >/dev/null
fi
mv "$target.partial" "$target"
chmod 600 "$target"
echo "$target"
if [ -n "$media" ]; then
    mv "$files.partial" "$files"
    chmod 600 "$files"
    echo "$files"
fi

# Rotation: names sort by date, so everything before the newest BACKUP_KEEP goes.
for pattern in 'wksbm-*.dump' 'wksbm-*-berkas.tar.gz'; do
    find "$BACKUP_DIR" -maxdepth 1 -name "$pattern" -printf '%f\n' | sort | head -n "-$BACKUP_KEEP" \
        | while read -r old; do rm -f -- "$BACKUP_DIR/$old"; done
done
