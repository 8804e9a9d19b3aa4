"""Verification of field entries: what a penyuluh enters waits for an operator of its kabupaten.

`kinds` says which records are verified and how to describe their changes; `services` sends, confirms and returns
items (the writes of every service pass through `registry.services.base.save_validated`, which calls
`services.prepare`); `querysets` reads the queue; `signals` tells the notifications.
"""
