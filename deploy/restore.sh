#!/usr/bin/env bash
# Restores a dump written by deploy/backup.sh into the database of DATABASE_URL, replacing what is there:
#   deploy/restore.sh /var/backups/wksbm/wksbm-20261201-011500.dump        (asks for confirmation)
#   deploy/restore.sh --yes FILE                                           (no question; for scripts)
# Stop the application first (systemctl stop wksbm) so nobody writes while the tables are replaced.
set -euo pipefail

confirmed=no
if [ "${1:-}" = "--yes" ]; then confirmed=yes; shift; fi
dump="${1:?Pemakaian: restore.sh [--yes] BERKAS.dump}"
: "${DATABASE_URL:?DATABASE_URL belum diisi (postgres://pengguna:sandi@host:5432/nama)}"
[ -r "$dump" ] || { echo "Berkas cadangan tidak dapat dibaca: $dump" >&2; exit 2; }
pg_restore --list "$dump" >/dev/null || { echo "Bukan berkas cadangan pg_dump yang utuh: $dump" >&2; exit 2; }

if [ "$confirmed" != yes ]; then
    read -r -p "Semua data di basis data tujuan diganti dengan isi $dump. Lanjutkan? Ketik 'ya': " answer
    [ "$answer" = ya ] || { echo "Dibatalkan; tidak ada yang diubah."; exit 1; }
fi

# One transaction: a restore that fails half-way leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$dump"
echo "Dipulihkan dari $dump"
