"""The update cycle (pemutakhiran): periods opened by the admin provinsi, the confirmation that a WKSBM's data was
checked during one, the compliance table and the WKSBM missed by the last cycle.

- `querysets`: who sees which period and check, the period open for a WKSBM, the WKSBM expected in a period;
- `services`: every write (opening, changing and closing a period; confirming a WKSBM checked);
- `compliance`: the compliance table of a period, by kabupaten and kecamatan, and its download;
- `worklist`: the worklist kind of the WKSBM still to be checked in an open period.
"""
