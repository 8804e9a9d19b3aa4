"""Upload → preview → confirm of a list file (WKSBM, KPS, an event's attendance…), the same for every list.

- `pending`: the uploaded bytes kept for the confirm step, with the counts their latest preview showed; one
  expiry, and their removal (by each new upload and by `manage.py housekeeping`).
- `tickets`: the signed confirmation a preview hands out (user, list, stored upload, checksum).
- `flow`: preview (plan, store) and confirm (plan again, commit once) of an upload, in the list's importer.
- `pages`: the admin page that shows them, one template for every list; a list states only what is its own.
"""
