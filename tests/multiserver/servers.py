"""Several application servers over one database, one files' folder and one Redis, as a province runs them
(README, "Beberapa server aplikasi"): for the tests of tests/multiserver/ and for bench/load_test.py.

`start_redis` starts a private redis-server on a free port of 127.0.0.1 (no data written to disk); `start_servers`
starts gunicorn (`wksbm.wsgi`) on free ports, each a process of its own with its own workers, all given the same
DATABASE_URL, MEDIA_ROOT, REDIS_URL and SECRET_KEY, and waits until each answers. `Servers.stop()` ends what was
started, and only that.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
# What the servers must not inherit from the environment of the process that starts them.
UNSET = ("DATABASE_URL", "MEDIA_ROOT", "REDIS_URL", "S3_BUCKET", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")


def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict: dict) -> str:
    """A Django connection's database (`connection.settings_dict`) as a libpq URL, as DATABASE_URL holds it."""
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if settings_dict["PASSWORD"] else ""
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{quote(settings_dict['USER'], safe='')}{password}@{host}:{port}/{settings_dict['NAME']}"


@dataclass
class Servers:
    """Running servers: `urls` (http://127.0.0.1:PORT, one a server), the shared `media_root` and `redis_url`, and
    their logs."""

    urls: list[str]
    media_root: Path
    redis_url: str
    log_folder: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def stop(self) -> None:
        """Ends every process started for these servers (gunicorn ends its workers itself), waiting for each."""
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def logs(self) -> str:
        """What the servers wrote, for a failure's message."""
        files = sorted(self.log_folder.iterdir())
        return "\n".join(f"== {path.name}\n{path.read_text(errors='replace')}" for path in files)


def start_redis(folder: Path) -> tuple[str, subprocess.Popen | None]:
    """The REDIS_URL of the environment when it is set (nothing started); otherwise a private redis-server on a
    free port, keeping nothing on disk. Returns the URL and the process started (None when none was)."""
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"], None
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server tidak terpasang (apt-get install redis-server) dan REDIS_URL tidak diisi")
    port = free_port()
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
    with (folder / "redis.log").open("w") as log:
        process = subprocess.Popen([*command, "--dir", str(folder)], stdout=log, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    _wait(lambda: _redis_answers(port), f"redis-server on port {port}", process)
    return url, process


def start_servers(
    count: int,
    *,
    database: str,
    media_root: Path,
    log_folder: Path,
    environment: dict[str, str] | None = None,
    gunicorn_args: tuple[str, ...] = ("--workers", "1"),
) -> Servers:
    """`count` gunicorn servers on free ports over `database` (a DATABASE_URL), `media_root` and one Redis (see
    `start_redis`), with the settings' environment `environment` on top (DEBUG, limits…) and `gunicorn_args`."""
    log_folder.mkdir(parents=True, exist_ok=True)
    redis_url, redis = start_redis(log_folder)
    servers = Servers(
        urls=[], media_root=media_root, redis_url=redis_url, log_folder=log_folder, processes=[redis] if redis else []
    )
    shared = {key: value for key, value in os.environ.items() if key not in UNSET}
    shared.update(
        DJANGO_SETTINGS_MODULE="wksbm.settings",
        DATABASE_URL=database,
        MEDIA_ROOT=str(media_root),
        REDIS_URL=redis_url,
        # One key for all: a session, a CSRF token or a confirm ticket signed by one server is read by another.
        SECRET_KEY=os.urandom(32).hex(),
        LOG_LEVEL="WARNING",
    )
    shared.update(environment or {})
    try:
        for number in range(count):
            port = free_port()
            with (log_folder / f"gunicorn-{number + 1}.log").open("w") as log:
                process = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "wksbm.wsgi", "--bind", f"127.0.0.1:{port}", *gunicorn_args],
                    cwd=ROOT, env=shared, stdout=log, stderr=subprocess.STDOUT,
                )  # fmt: skip
            servers.processes.append(process)
            servers.urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(servers.urls, servers.processes[-count:], strict=True):
            what = f"gunicorn at {url} (its log: {log_folder})"
            _wait(lambda url=url: _http_answers(f"{url}/accounts/login/"), what, process)
    except BaseException:
        servers.stop()
        raise
    return servers


def _wait(ready, what: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} ended at start-up (exit {process.returncode})")
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer within {seconds:.0f} s")


def _http_answers(url: str) -> bool:
    with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
        return response.status == 200
    return False


def _redis_answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
        connection.sendall(b"PING\r\n")
        return connection.recv(16).startswith(b"+PONG")
    return False
