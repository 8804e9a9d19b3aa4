"""The registry under load: 50 simulated petugas against gunicorn and PostgreSQL, as in production.

Run: `.venv/bin/python bench/load_test.py` (options: --users 50 --minutes 2 --think 3-10 --spawn-rate 1
--scale 5000 --workers N --servers 1 --compare).

1. Prepares a PostgreSQL database of its own on 127.0.0.1 (bench/_setup.py; BENCH_DATABASE_URL overrides it,
   default `wksbm_bench_load`): DI Yogyakarta's wilayah, the demo data (seed_demo, its accounts included) and,
   once, `--scale` more synthetic WKSBM (ten KPS each) in DIY by seed_scale.
2. Collects the static files and starts gunicorn with production's own configuration, deploy/gunicorn.conf.py
   (workers, threads, timeout, access log), and the production settings (DEBUG=false, whitenoise, axes, CSP,
   the security log), less HTTPS, which the reverse proxy would add: plain HTTP on 127.0.0.1, cookies not marked
   Secure. `--workers` overrides the configuration's number of workers, to try another. `--servers N` starts N
   such servers (each its own gunicorn with its workers, on a free port of 127.0.0.1) over the one database, one
   MEDIA_ROOT and one private Redis, as a province with several application servers runs them
   (tests/multiserver/servers.py; README, "Beberapa server aplikasi"); the people are spread over them round
   robin. `--compare` runs the whole test with one server, then with `--servers`, and prints the ratio of their
   throughputs. On one two-core machine more servers add no cores: compare servers of a fixed size
   (`--workers 1`) under the stress think time to see what each server adds while cores are free.
3. Runs locust headless with the people of bench/_load_users.py: 30 operators browsing and searching the admin
   lists, 19 penyuluh opening WKSBM pages and saving the pengurus form, one operator importing a 200-row WKSBM
   list (upload, preview, confirm). Each logs in once (PBKDF2, as in production: half a second of CPU here).
   They arrive `--spawn-rate` a second, and once all are in, all of them work for `--minutes`: the run lasts
   the arrival plus `--minutes`, and every request of it counts, logins included.
4. Prints requests/s, the median, p95 and p99 response times and the error count, overall and per page, against
   the target: 0 errors, p95 under 500 ms.

How fast the simulated people are (the defaults):
- Think time 3–10 s between two requests of a person (6.5 s on average): the time a person needs to take in a
  page before the next click. An operator scans a list of 50 WKSBM, reads a search's result or a record, types
  a search term; a penyuluh reads a WKSBM's page on a phone and types a name into the pengurus form. Each of
  these takes a person several seconds, often far more (a form is filled in for half a minute), so 3–10 s is
  the brisk end of real work: each person still sends about nine requests a minute, the whole staff of a
  kabupaten working flat out at once. `--think 1-3` is a stress test beyond that (every person clicking every
  two seconds, 24 requests a second), which this two-core machine, shared with locust itself, does not serve
  within the target (README, Development).
- One arrival a second: 50 petugas logging in within 50 s, a morning rush. All 50 arriving in the same 10 s
  would put 25 s of PBKDF2 CPU into those 10 s on two cores, which no office produces.
"""

import argparse
import collections
import csv
import datetime
import math
import os
import resource
import runpy
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _setup import DEFAULT_URL, ROOT, setup_django  # noqa: E402

from tests.multiserver.servers import start_servers  # noqa: E402

DATABASE = "wksbm_bench_load"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
TARGET_P95_MS = 500
WINDOW = 30  # seconds: the figures are also printed for each such part of the run
IMPORT_ROWS = 200


def prepare(scale: int) -> dict[str, str]:
    """Fills the benchmark database (once) and returns what the simulated people need (bench/_load_users.py)."""
    setup_django(DATABASE)
    from django.core.management import call_command

    from registry.enums import WilayahLevel
    from registry.management.commands.seed_demo import DEMO_PETUGAS, DEMO_PETUGAS_PASSWORD
    from registry.models import Wilayah, Wksbm
    from registry.scoping import code_prefix_q

    call_command("load_wilayah", provinsi=["34"], verbosity=0)
    if not Wksbm.objects.exists():
        call_command("seed_demo", verbosity=0)
        if scale:
            call_command("seed_scale", wksbm=scale, kps=scale * 10, provinsi=["34"], append=True, verbosity=0)
    operator = next(name for name, _role, area in DEMO_PETUGAS if area == "34.03")
    penyuluh = next(name for name, _role, area in DEMO_PETUGAS if area == "34.03.08")
    in_semanu = (
        Wksbm.objects.filter(code_prefix_q("wilayah__code", ["34.03.08"])).order_by("pk").values_list("pk", flat=True)
    )
    desa = list(
        Wilayah.objects.within(["34.03"])
        .filter(level=WilayahLevel.DESA)
        .order_by("code")
        .values_list("code", flat=True)
    )
    return {
        "LOAD_PASSWORD": DEMO_PETUGAS_PASSWORD,
        "LOAD_OPERATOR": operator,
        "LOAD_PENYULUH": penyuluh,
        "LOAD_WKSBM_IDS": ",".join(str(pk) for pk in list(in_semanu)[:200]),
        "LOAD_SEARCH_TERMS": "Sejahtera,Makmur,Candirejo,Semanu,Wonosari,Karang,Rahayu,Mulya",
        "LOAD_DESA": ",".join(desa),
    }


def write_import_file(folder: Path, desa_codes: list[str]) -> Path:
    """A WKSBM list of IMPORT_ROWS new WKSBM in Gunungkidul's desa, named for this run."""
    run = datetime.datetime.now().strftime("%Y%m%d%H%M%S")
    path = folder / f"daftar-wksbm-beban-{run}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as output:
        writer = csv.writer(output, delimiter=";")
        writer.writerow(["kode_wilayah", "nama_wksbm", "tanggal_pembentukan", "status", "ketua"])
        for number in range(IMPORT_ROWS):
            code = desa_codes[number % len(desa_codes)]
            writer.writerow([code, f"WKSBM Beban {run} {number}", "08/08/2019", "aktif", f"Ketua Beban {number}"])
    return path


def production_settings(static_root: Path) -> dict[str, str]:
    """The production variables the servers run with, less HTTPS, which the reverse proxy would add."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        # Plain HTTP on the loopback: what nginx adds in production (TLS, HSTS) is not measured here.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
    }


def production_environment(database_url: str, static_root: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, **production_settings(static_root)}


def gunicorn_setting(name: str):
    """A setting of deploy/gunicorn.conf.py, as gunicorn reads it on this machine."""
    return runpy.run_path(str(GUNICORN_CONFIG))[name]


def busy_cpu_seconds() -> float:
    """The CPU seconds the whole machine has been busy since it started (/proc/stat: all but idle and iowait)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """The CPU seconds of this process's finished children (locust, once it has ended)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree_cpu_seconds(pid: int) -> float:
    """The CPU seconds the running process `pid` and its running children have used (gunicorn and its workers)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # ended meanwhile
        return 0.0
    own = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")  # utime and stime
    return own + sum(tree_cpu_seconds(int(child)) for child in children)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted `values`."""
    return values[min(len(values) - 1, max(0, math.ceil(share * len(values)) - 1))]


def figures(times: list[tuple[str, float, str]], seconds: float) -> str:
    durations = sorted(ms for _name, ms, _error in times)
    errors = sum(bool(error) for _name, _ms, error in times)
    return (
        f"{len(times):>8} {errors:>6} {len(times) / seconds:6.1f} {percentile(durations, 0.50):6.0f} "
        f"{percentile(durations, 0.95):6.0f} {percentile(durations, 0.99):6.0f}"
    )


def print_figures(times_file: Path, users: int, seconds: float) -> None:
    """Per page, overall, and overall without the logins (each person logs in once, all in the first seconds:
    PBKDF2's deliberate cost, not what browsing and saving cost)."""
    times, ended = [], []
    for line in times_file.read_text().splitlines():
        name, ms, error, at = line.split("\t")
        times.append((name, float(ms), error))
        ended.append(float(at))
    print(f"\n{users} users for {seconds:.0f} s, ended {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"{'page':44} {'requests':>8} {'errors':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
    for name in sorted({name for name, _ms, _error in times}):
        print(f"{name[:44]:44} {figures([t for t in times if t[0] == name], seconds)}")
    browsing = [t for t in times if "login" not in t[0]]
    print(f"{'ALL':44} {figures(times, seconds)}")
    print(f"{'ALL but the logins':44} {figures(browsing, seconds)}")
    durations = sorted(ms for _name, ms, _error in times)
    errors = sum(bool(error) for _name, _ms, error in times)
    p95 = percentile(durations, 0.95)
    verdict = "met" if errors == 0 and p95 < TARGET_P95_MS else "NOT met"
    print(
        f"\nrequests/s {len(times) / seconds:.1f}  p50 {percentile(durations, 0.5):.0f} ms  p95 {p95:.0f} ms  "
        f"p99 {percentile(durations, 0.99):.0f} ms  errors {errors}  — target (0 errors, p95 < {TARGET_P95_MS} ms): "
        f"{verdict}"
    )
    print(f"\nby {WINDOW} s of the run (when the requests ended):")
    for start in range(0, math.ceil(max(ended, default=0)), WINDOW):
        window = [t for t, at in zip(times, ended, strict=True) if start <= at < start + WINDOW]
        if window:
            print(f"{f'{start:>4}-{start + WINDOW} s':44} {figures(window, WINDOW)}")
    for error, count in collections.Counter(error for _name, _ms, error in times if error).most_common(5):
        print(f"  {count} x {error}")


@dataclass(frozen=True)
class Outcome:
    """One run's throughput (requests/s, every request counted), its p95 (ms) and its errors."""

    servers: int
    throughput: float
    p95: float
    errors: int


def run(args, count: int, shared: dict[str, str], database_url: str, folder: Path) -> Outcome:
    """Starts `count` gunicorn servers (deploy/gunicorn.conf.py each) over the benchmark database, one MEDIA_ROOT
    and one Redis (tests/multiserver/servers.py), runs locust against them with the people spread round robin,
    prints the figures and returns the outcome."""
    folder.mkdir()
    settings = production_settings(folder.parent / "static")
    import_file = write_import_file(folder, shared["LOAD_DESA"].split(","))
    python = sys.executable
    # --keep-alive beyond the longest think time: the simulated browsers reuse their connection between two
    # requests, and gunicorn's default (2 s) closes it under them ("connection reset"). In production nginx
    # opens a new connection to gunicorn for each request, so the race does not arise there.
    served = ["--config", str(GUNICORN_CONFIG), "--keep-alive", "30"]  # serving wksbm.wsgi
    if args.workers:
        served += ["--workers", str(args.workers)]
    servers = start_servers(
        count,
        database=database_url,
        media_root=folder / "media",
        log_folder=folder / "logs",
        environment=settings,
        gunicorn_args=tuple(served),
    )
    gunicorns = servers.processes[-count:]
    try:
        arrival = math.ceil(args.users / args.spawn_rate)
        run_seconds = arrival + int(args.minutes * 60)
        locust = [
            python, "-m", "locust", "-f", str(Path(__file__).with_name("_load_users.py")), "--headless",
            "--host", servers.urls[0], "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
            "--run-time", f"{run_seconds}s", "--only-summary",
            "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ]  # fmt: skip
        people = {
            **{key: value for key, value in shared.items() if key != "LOAD_DESA"},
            "LOAD_IMPORT_FILE": str(import_file),
            "LOAD_TIMES_FILE": str(folder / "times.tsv"),
            "LOAD_THINK": args.think,
            "LOAD_HOSTS": ",".join(servers.urls),
        }
        machine_before, started = busy_cpu_seconds(), time.monotonic()
        locust_before = children_cpu_seconds()
        gunicorn_before = sum(tree_cpu_seconds(process.pid) for process in gunicorns)
        with (folder / "locust.log").open("w") as locust_log:  # its own tables: ours are printed below
            subprocess.run(locust, cwd=ROOT, env={**os.environ, **people}, stdout=locust_log, stderr=locust_log)
        machine_busy, elapsed = busy_cpu_seconds() - machine_before, time.monotonic() - started
        served_cpu = sum(tree_cpu_seconds(process.pid) for process in gunicorns) - gunicorn_before
        locust_cpu = children_cpu_seconds() - locust_before
    finally:
        servers.stop()
    workers = args.workers or gunicorn_setting("workers")
    print(
        f"\n{count} server(s) x gunicorn {workers} workers x {gunicorn_setting('threads')} threads "
        f"(deploy/gunicorn.conf.py), one PostgreSQL, MEDIA_ROOT and Redis; think time {args.think} s between a "
        f"person's requests; {args.spawn_rate:g} arriving a second ({arrival} s), then {args.minutes:g} min with all"
    )
    print_figures(folder / "times.tsv", args.users, run_seconds)
    errors = [line for path in (folder / "logs").glob("gunicorn-*.log") for line in path.read_text().splitlines()]
    errors = [line for line in errors if "ERROR" in line]
    if errors:
        print(f"\ngunicorn logged {len(errors)} errors; the first: {errors[0]}")
    print(f"machine load (1, 5, 15 min) at the end: {', '.join(f'{load:.1f}' for load in os.getloadavg())}")
    cores, rest = os.cpu_count(), machine_busy - served_cpu - locust_cpu
    print(
        f"CPU during the run, in shares of {cores} cores: the machine busy {machine_busy / elapsed / cores:.0%}, "
        f"of which gunicorn {served_cpu / elapsed / cores:.0%}, locust {locust_cpu / elapsed / cores:.0%}, "
        f"PostgreSQL and everything else on the machine {rest / elapsed / cores:.0%}"
    )
    times = [line.split("\t") for line in (folder / "times.tsv").read_text().splitlines()]
    durations = sorted(float(ms) for _name, ms, _error, _at in times)
    errors_count = sum(bool(error) for _name, _ms, error, _at in times)
    return Outcome(count, len(times) / run_seconds, percentile(durations, 0.95), errors_count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--scale", type=int, default=5000, help="synthetic WKSBM added once (0: demo data only)")
    parser.add_argument("--workers", type=int, default=None, help="per server; default: deploy/gunicorn.conf.py's")
    parser.add_argument("--servers", type=int, default=1, help="gunicorn servers, the people spread round robin")
    parser.add_argument("--compare", action="store_true", help="run with 1 server, then --servers, print the ratio")
    parser.add_argument("--think", default="3-10", help="seconds between a person's requests, as MIN-MAX")
    parser.add_argument("--spawn-rate", type=float, default=1, help="people arriving (logging in) a second")
    args = parser.parse_args()
    if args.compare and args.servers < 2:
        parser.error("--compare needs --servers 2 or more")

    shared = prepare(args.scale)
    database_url = os.environ["DATABASE_URL"]  # set by setup_django
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT, env=production_environment(database_url, folder / "static"), check=True,
        )  # fmt: skip
        counts = [1, args.servers] if args.compare else [args.servers]
        outcomes = [run(args, count, shared, database_url, folder / f"run-{count}") for count in counts]
    if args.compare:
        one, many = outcomes
        print(
            f"\nthroughput: 1 server {one.throughput:.1f} requests/s (p95 {one.p95:.0f} ms, {one.errors} errors), "
            f"{many.servers} servers {many.throughput:.1f} requests/s (p95 {many.p95:.0f} ms, {many.errors} errors): "
            f"ratio {many.throughput / one.throughput:.2f}"
        )


if __name__ == "__main__":
    print(f"database: {os.environ.get('BENCH_DATABASE_URL', DEFAULT_URL.rsplit('/', 1)[0] + '/' + DATABASE)}")
    main()
