"""Measures the list import pipeline against PostgreSQL COPY of the same rows, and against a plain
django-import-export ModelResource import.

Run: `.venv/bin/python bench/import_speed.py` (PostgreSQL on 127.0.0.1:5432; see bench/_setup.py). It generates
a 5,000-row WKSBM file and a 20,000-row KPS file (CSV, the way offices send them: names, not codes) over real
desa of all Indonesia, then, in this one process:
- imports each with the full pipeline (read, map, normalise, resolve wilayah, validate, preview, commit with
  history and an import batch) into an empty registry, median of three runs;
- COPYs the same rows, as text, into a plain table, median of seven runs (each takes a few milliseconds, so
  more runs steady it);
- imports the same WKSBM rows with a plain `ModelResource` (for reference, once);
- uploads the WKSBM file (as CSV, then as .xlsx) to the admin's import page and confirms the preview, through
  Django's test Client against the real views on this database, as a superuser, into an empty registry
  (median of three runs each);
- measures the floor under any import of these files into this schema: the rows the import stored (records,
  pengurus, memberships and their history), taken as they stand and inserted again into the same tables, with
  their indexes, keys, checks and triggers, and every foreign key checked (median of three runs, each rolled
  back). No reading, parsing, resolving or validating is in it: it is what PostgreSQL alone needs to store
  what the issue asks to be stored; and, lower still, the records alone (no history) into bare copies of their
  tables with only their primary and foreign keys.
Prints `ratio import_wksbm/copy = X` and `ratio import_kps/copy = Y` (target ≤ 10), `ratio writes_wksbm/copy`
and `ratio writes_kps/copy` (that floor), `ratio keyed_records/copy` (the lower one), the speed-up over the
plain resource, and `admin preview+confirm …` in seconds (target < 10 s).
"""

import csv
import io
import random
import re
import statistics
import time
from collections import Counter

from _setup import setup_django

WKSBM_ROWS, KPS_ROWS = 5_000, 20_000
# The tables each import writes to, parents first.
WKSBM_TABLES = ["registry_wksbm", "registry_historicalwksbm", "registry_pengurus", "registry_historicalpengurus"]
KPS_TABLES = ["registry_kps", "registry_historicalkps", "registry_kpsmembership", "registry_historicalkpsmembership"]
KINDS = ["Karang Taruna", "PKK", "Posyandu", "Majelis Taklim", "Kelompok Lansia", "Dasawisma", "LKS"]


def main() -> None:
    setup_django("wksbm_bench_import")
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    # DEBUG off as in production (with it on, Django also keeps every query's text); the test client's host.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]

    from registry.imports.command import SystemImporter
    from registry.imports.kps_list import KpsListImport
    from registry.imports.wksbm_list import WksbmListImport
    from registry.models import Wilayah

    if Wilayah.objects.count() < 91_000:
        call_command("load_wilayah", stdout=io.StringIO())
    wksbm_table, kps_table, desa = generate_files()
    wksbm_bytes, kps_bytes = to_csv(wksbm_table), to_csv(kps_table)

    def empty_registry():
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE registry_wksbm, registry_historicalwksbm, registry_pengurus, registry_historicalpengurus,"
                " registry_kps, registry_historicalkps, registry_kpsmembership, registry_historicalkpsmembership,"
                " registry_importbatch CASCADE"
            )

    def import_wksbm():
        plan, batch = WksbmListImport(user=SystemImporter()).run(wksbm_bytes, "wksbm.csv", dry_run=False)
        assert batch is not None, plan.errors[:5]

    def import_kps():
        plan, batch = KpsListImport(user=SystemImporter()).run(kps_bytes, "kps.csv", dry_run=False)
        assert batch is not None, plan.errors[:5]

    wksbm_times, kps_times = [], []
    for _ in range(3):
        empty_registry()
        wksbm_times.append(timed(import_wksbm))
        kps_times.append(timed(import_kps))
    wksbm_s, kps_s = statistics.median(wksbm_times), statistics.median(kps_times)

    copy_wksbm_s = statistics.median(timed(lambda: copy_plain(connection, wksbm_table)) for _ in range(7))
    copy_kps_s = statistics.median(timed(lambda: copy_plain(connection, kps_table)) for _ in range(7))
    # The registry now holds the last run's WKSBM and KPS imports.
    floor_wksbm_s, floor_wksbm_steps = median_run([writes_alone(connection, WKSBM_TABLES) for _ in range(3)])
    floor_kps_s, floor_kps_steps = median_run([writes_alone(connection, KPS_TABLES) for _ in range(3)])
    keyed_wksbm_s = statistics.median(keyed_records_alone(connection, WKSBM_TABLES[::2]) for _ in range(3))
    keyed_kps_s = statistics.median(keyed_records_alone(connection, KPS_TABLES[::2]) for _ in range(3))

    empty_registry()
    plain_s = timed(lambda: plain_resource_import(wksbm_table, desa))

    admin = {}
    for extension, data in (("csv", wksbm_bytes), ("xlsx", to_xlsx(wksbm_table))):
        runs = []
        for _ in range(3):
            empty_registry()
            runs.append(admin_preview_confirm(data, f"wksbm.{extension}"))
        admin[extension] = min(runs, key=lambda run: abs(sum(run) - statistics.median(map(sum, runs))))

    print(
        f"files: {WKSBM_ROWS} WKSBM rows ({len(wksbm_bytes) / 1024:.0f} KB), {KPS_ROWS} KPS rows "
        f"({len(kps_bytes) / 1024:.0f} KB)"
    )
    print(f"import_wksbm: {wksbm_s:.3f} s   COPY of the same rows: {copy_wksbm_s:.3f} s")
    print(f"import_kps:   {kps_s:.3f} s   COPY of the same rows: {copy_kps_s:.3f} s")
    print(f"plain ModelResource import of the WKSBM rows: {plain_s:.2f} s ({WKSBM_ROWS / plain_s:.0f} rows/s)")
    print(f"ratio import_wksbm/copy = {wksbm_s / copy_wksbm_s:.1f}")
    print(f"ratio import_kps/copy = {kps_s / copy_kps_s:.1f}")
    print(
        f"writes alone (the stored rows inserted again, keys checked): WKSBM {floor_wksbm_s:.3f} s, "
        f"KPS {floor_kps_s:.3f} s"
    )
    for steps in (floor_wksbm_steps, floor_kps_steps):
        print("  of which " + ", ".join(f"{step} {seconds:.3f} s" for step, seconds in steps.items()))
    print(f"ratio writes_wksbm/copy = {floor_wksbm_s / copy_wksbm_s:.1f}")
    print(f"ratio writes_kps/copy = {floor_kps_s / copy_kps_s:.1f}")
    print(
        f"ratio foreign_key_checks/copy = {floor_wksbm_steps['foreign keys'] / copy_wksbm_s:.1f} (WKSBM), "
        f"{floor_kps_steps['foreign keys'] / copy_kps_s:.1f} (KPS)"
    )
    print(
        f"ratio keyed_records/copy = {keyed_wksbm_s / copy_wksbm_s:.1f} (WKSBM), {keyed_kps_s / copy_kps_s:.1f} (KPS):"
        " the records alone, no history, into tables with only their primary and foreign keys"
    )
    print(f"import over its writes alone: WKSBM {wksbm_s / floor_wksbm_s:.1f}×, KPS {kps_s / floor_kps_s:.1f}×")
    print(f"pipeline vs plain ModelResource: {plain_s / wksbm_s:.1f}× faster")
    for extension, (preview_s, confirm_s) in admin.items():
        print(
            f"admin preview+confirm of the {WKSBM_ROWS}-row WKSBM file (.{extension}) = {preview_s + confirm_s:.2f} s "
            f"(preview {preview_s:.2f} s, confirm {confirm_s:.2f} s)"
        )


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def generate_files():
    """(WKSBM rows, KPS rows, desa used) with a header row each, deterministic."""
    from registry.models import Wilayah

    rng = random.Random(5)
    every = list(Wilayah.objects.filter(level=4).select_related("parent__parent").order_by("code"))
    # A few desa share their name with another desa of the same kecamatan; offices give those by code.
    names = Counter((place.parent_id, place.name.casefold()) for place in every)
    unique = [place for place in every if names[(place.parent_id, place.name.casefold())] == 1]
    desa = unique[:: len(unique) // WKSBM_ROWS][:WKSBM_ROWS]
    wksbm = [
        [
            "No",
            "Kabupaten",
            "Kecamatan",
            "Desa",
            "Nama WKSBM",
            "Tanggal Pembentukan",
            "Nomor SK",
            "Status",
            "Ketua",
            "Sekretaris",
            "Bendahara",
            "Telepon",
        ]
    ]
    for number, place in enumerate(desa, start=1):
        wksbm.append(
            [
                str(number),
                place.parent.parent.name,
                place.parent.name,
                place.name,
                f"WKSBM {place.name} Sejahtera",
                f"{rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.randint(2014, 2024)}",
                f"140/{number}/2019",
                rng.choice(["aktif", "aktif", "vakum", "mati suri"]),
                f"Ketua {number}",
                f"Sekretaris {number}",
                f"Bendahara {number}",
                f"0812{rng.randint(10_000_000, 99_999_999)}",
            ]
        )
    kps = [["kode_wilayah", "nama_kps", "jenis_kps", "nama_wksbm", "ketua_kps", "jumlah_anggota", "telepon"]]
    for number in range(KPS_ROWS):
        place = desa[number % len(desa)]
        kps.append(
            [
                place.code,
                f"{rng.choice(KINDS)} {number}",
                rng.choice(KINDS),
                f"WKSBM {place.name} Sejahtera",
                f"Ketua KPS {number}",
                str(rng.randint(5, 80)),
                "",
            ]
        )
    return wksbm, kps, desa


def to_csv(table) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(table)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Daftar WKSBM")
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def admin_preview_confirm(data: bytes, filename: str) -> tuple[float, float]:
    """(preview s, confirm s) of uploading `data` to the WKSBM admin import page and confirming it, as a
    superuser, with Django's test Client against the real admin views (every middleware, template and query)."""
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from registry.models import ImportBatch

    user = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser("bench-admin")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    start = time.perf_counter()
    preview = client.post(reverse("admin:registry_wksbm_import"), {"import_file": SimpleUploadedFile(filename, data)})
    previewed = time.perf_counter()
    assert preview.status_code == 200, preview.status_code
    ticket = re.search(rb'name="ticket" value="([^"]+)"', preview.content)
    assert ticket, "the preview offers no confirm button"
    confirm = client.post(reverse("admin:registry_wksbm_process_import"), {"ticket": ticket.group(1).decode()})
    confirmed = time.perf_counter()
    assert confirm.status_code == 302, confirm.status_code
    assert ImportBatch.objects.filter(created=WKSBM_ROWS).exists()
    return previewed - start, confirmed - previewed


def copy_plain(connection, table) -> None:
    """The baseline: the file's rows, as text, COPYed into a plain table of text columns."""
    from django.db import transaction

    header, rows = table[0], table[1:]
    columns = ", ".join(f"c{i} text" for i in range(len(header)))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_import_plain")
        cursor.execute(f"CREATE TABLE bench_import_plain ({columns})")
        with cursor.cursor.copy("COPY bench_import_plain FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute("DROP TABLE bench_import_plain")


def writes_alone(connection, tables: list[str]) -> tuple[float, dict[str, float]]:
    """(seconds, seconds by step) PostgreSQL takes to store again the rows `tables` hold, as they stand, into
    those same tables: each table's INSERT with its indexes, checks and triggers, then every deferred foreign
    key check ("foreign keys"). The rows are set aside and the tables emptied untimed; all is rolled back."""
    from django.db import transaction

    steps = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"CREATE TEMPORARY TABLE stored_{table} AS SELECT * FROM {table}")
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        statements = {table: f"INSERT INTO {table} SELECT * FROM stored_{table}" for table in tables}
        for step, statement in (statements | {"foreign keys": "SET CONSTRAINTS ALL IMMEDIATE"}).items():
            steps[step] = timed(lambda statement=statement: cursor.execute(statement))
        transaction.set_rollback(True)
    return sum(steps.values()), steps


def keyed_records_alone(connection, tables: list[str]) -> float:
    """Seconds to insert again the rows `tables` (record tables, parents first) hold into bare copies of them
    that keep only their primary key and their foreign keys (a key to a table of `tables` pointing at its copy),
    with every foreign key checked: what storing the records would cost with no history, no other index, no
    check and no trigger. Rolled back."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"CREATE TABLE bare_{table} (LIKE {table} INCLUDING DEFAULTS)")
            cursor.execute(f"ALTER TABLE bare_{table} ADD PRIMARY KEY (id)")
            cursor.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'",
                [table],
            )
            for (definition,) in cursor.fetchall():
                for parent in tables:
                    definition = definition.replace(f"REFERENCES {parent}(", f"REFERENCES bare_{parent}(")
                cursor.execute(f"ALTER TABLE bare_{table} ADD {definition}")
        start = time.perf_counter()
        for table in tables:
            cursor.execute(f"INSERT INTO bare_{table} SELECT * FROM {table}")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed


def median_run(runs: list[tuple[float, dict]]) -> tuple[float, dict]:
    """The run (seconds, details) of median seconds among an odd number of `runs`."""
    return sorted(runs, key=lambda run: run[0])[len(runs) // 2]


def plain_resource_import(table, desa) -> None:
    """A plain ModelResource import of the WKSBM rows, with the wilayah given by code (it cannot read names)."""
    import tablib
    from import_export import fields, resources, widgets

    from registry.models import Wilayah, Wksbm

    class PlainWksbmResource(resources.ModelResource):
        wilayah = fields.Field(
            attribute="wilayah", column_name="kode_wilayah", widget=widgets.ForeignKeyWidget(Wilayah, "code")
        )

        class Meta:
            model = Wksbm
            fields = ("wilayah", "name", "sk_number", "status")
            import_id_fields = ("wilayah", "name")

    dataset = tablib.Dataset(headers=["kode_wilayah", "name", "sk_number", "status"])
    for place, row in zip(desa, table[1:], strict=True):
        dataset.append([place.code, row[4], row[6], "aktif"])
    result = PlainWksbmResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()


if __name__ == "__main__":
    main()
