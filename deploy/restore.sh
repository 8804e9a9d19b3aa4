#!/usr/bin/env bash
# Restores a backup written by deploy/backup.sh, replacing what is there: the dump into the database of
# DATABASE_URL and, when the files' archive of the same date lies beside it, the files into MEDIA_ROOT:
#   deploy/restore.sh /var/backups/wksbm/wksbm-20261201-011500.dump        (asks for confirmation)
#   deploy/restore.sh --yes FILE                                           (no question; for scripts)
# Stop the application first (systemctl stop wksbm, on every application server) so nobody writes meanwhile.
set -euo pipefail

confirmed=no
if [ "${1:-}" = "--yes" ]; then confirmed=yes; shift; fi
dump="${1:?Pemakaian: restore.sh [--yes] BERKAS.dump}"
: "${DATABASE_URL:?DATABASE_URL belum diisi (postgres://pengguna:sandi@host:5432/nama)}"
[ -r "$dump" ] || { echo "Berkas cadangan tidak dapat dibaca: $dump" >&2; exit 2; }
pg_restore --list "$dump" >/dev/null || { echo "Bukan berkas cadangan pg_dump yang utuh: $dump" >&2; exit 2; }
files="${dump%.dump}-berkas.tar.gz"
[ -e "$files" ] || files=""
media="${MEDIA_ROOT:-}"
if [ -n "$files" ]; then
    [ -n "$media" ] || { echo "MEDIA_ROOT belum diisi: berkas dari $files tidak dapat dipulihkan" >&2; exit 2; }
    tar --list --gzip --file="$files" >/dev/null || { echo "Bukan arsip berkas yang utuh: $files" >&2; exit 2; }
fi

if [ "$confirmed" != yes ]; then
    what="Semua data di basis data tujuan"
    [ -z "$files" ] || what="$what dan semua berkas di $media"
    read -r -p "$what diganti dengan isi cadangan $dump. Lanjutkan? Ketik 'ya': " answer
    [ "$answer" = ya ] || { echo "Dibatalkan; tidak ada yang diubah."; exit 1; }
fi

# The files are unpacked first, into a folder inside MEDIA_ROOT (the same filesystem, even when MEDIA_ROOT is a
# mount point of a shared one): an archive that cannot be unpacked changes nothing.
if [ -n "$files" ]; then
    mkdir -p "$media"
    unpacked="$(mktemp -d "$media/.pemulihan-XXXXXX")"
    trap 'rm -rf "$unpacked"' EXIT
    tar --extract --gzip --file="$files" --directory="$unpacked" --no-same-owner
fi

# One transaction: a restore that fails half-way leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$dump"

# Then the files take the place of those there (each a rename within the filesystem).
if [ -n "$files" ]; then
    find "$media" -mindepth 1 -maxdepth 1 ! -path "$unpacked" -exec rm -rf {} +
    find "$unpacked" -mindepth 1 -maxdepth 1 -exec mv -t "$media" {} +
    rmdir "$unpacked"
    trap - EXIT
    echo "Berkas dipulihkan dari $files"
fi
echo "Dipulihkan dari $dump"
