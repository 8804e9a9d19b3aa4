"""The simulated people of bench/load_test.py (a locustfile; locust imports it, nothing else should).

- Operators (kabupaten Gunungkidul) browse and search the WKSBM and KPS lists in the admin and open records.
- Penyuluh (Kapanewon Semanu) open the WKSBM of their area and add a pengurus through the field form, as on
  a phone: the form page first (CSRF and one-time tokens), then the POST, which must redirect to the WKSBM.
- One operator imports a WKSBM list once (upload, preview, confirm), then browses like the others.

The orchestrator passes what it prepared through the environment: LOAD_PASSWORD, LOAD_OPERATOR,
LOAD_PENYULUH, LOAD_WKSBM_IDS (WKSBM in the penyuluh's area), LOAD_SEARCH_TERMS, LOAD_IMPORT_FILE, LOAD_THINK,
LOAD_TIMES_FILE and, with several servers, LOAD_HOSTS (their addresses, comma-separated: each person works on
one of them, given round robin, as a load balancer would send them).
Every unexpected answer (status, a redirect to the wrong place, a refused form) counts as a failure.
"""

import itertools
import os
import random
import re
import time
from pathlib import Path

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "")
WKSBM_IDS = [int(pk) for pk in os.environ.get("LOAD_WKSBM_IDS", "").split(",") if pk]
SEARCH_TERMS = [term for term in os.environ.get("LOAD_SEARCH_TERMS", "").split(",") if term]
IMPORT_FILE = Path(os.environ.get("LOAD_IMPORT_FILE", "/nonexistent"))
HIDDEN = re.compile(r'<input type="hidden" name="(csrfmiddlewaretoken|form_token|ticket)" value="([^"]*)"')
ROLE_OPTION = re.compile(r'<option value="(\d+)"[^>]*>Anggota</option>')
NAMES = itertools.count(1)
HOSTS = [host for host in os.environ.get("LOAD_HOSTS", "").split(",") if host]
NEXT_HOST = itertools.count()
# Every request's (name, milliseconds, error or "", seconds since the start when it ended), written at the end
# for the orchestrator's own figures.
TIMES_FILE = os.environ.get("LOAD_TIMES_FILE")
TIMES: list[tuple[str, float, str, float]] = []
START = time.monotonic()


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    error = " ".join(str(exception).split())[:160] if exception is not None else ""
    at = time.monotonic() - START
    TIMES.append((f"{request_type} {name}", response_time, error and f"{error} (at {at:.0f} s)", at))


@events.quitting.add_listener
def _write_times(environment, **kwargs):
    if TIMES_FILE:
        with open(TIMES_FILE, "w") as output:
            output.writelines(f"{name}\t{ms:.1f}\t{error}\t{at:.1f}\n" for name, ms, error, at in TIMES)


def hidden_fields(html: str) -> dict[str, str]:
    return dict(HIDDEN.findall(html))


class Petugas(HttpUser):
    """A logged-in petugas; `username` says which account."""

    abstract = True
    # Between two requests a person reads the page or types: LOAD_THINK seconds (bench/load_test.py says why).
    wait_time = between(*(float(bound) for bound in os.environ.get("LOAD_THINK", "3-10").split("-")))
    username = ""

    def __init__(self, environment):
        if HOSTS:  # before HttpUser makes the person's client for its host
            self.host = HOSTS[next(NEXT_HOST) % len(HOSTS)]
        super().__init__(environment)

    def on_start(self):
        page = self.client.get("/accounts/login/", name="login (form)")
        fields = hidden_fields(page.text)
        with self.client.post(
            "/accounts/login/",
            {**fields, "username": self.username, "password": PASSWORD},
            name="login",
            catch_response=True,
        ) as answer:
            if answer.status_code != 200 or "/accounts/login/" in answer.url:
                answer.failure(f"login refused for {self.username}: {answer.status_code}")

    def get(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                # Status 0: no answer at all; the connection's error says why.
                answer.failure(f"{answer.status_code} on {name}: {answer.error or answer.reason}")
            return answer


class Operator(Petugas):
    fixed_count = 30
    username = os.environ.get("LOAD_OPERATOR", "")

    @task(4)
    def wksbm_list(self):
        self.get("/admin/registry/wksbm/", "admin: WKSBM list")

    @task(3)
    def wksbm_search(self):
        self.get(f"/admin/registry/wksbm/?q={random.choice(SEARCH_TERMS)}", "admin: WKSBM search")

    @task(2)
    def wksbm_list_page(self):
        self.get(f"/admin/registry/wksbm/?p={random.randint(2, 5)}", "admin: WKSBM list, later page")

    @task(2)
    def kps_list(self):
        self.get("/admin/registry/kps/", "admin: KPS list")

    @task(2)
    def kps_search(self):
        self.get(f"/admin/registry/kps/?q={random.choice(SEARCH_TERMS)}", "admin: KPS search")

    @task(2)
    def wksbm_record(self):
        self.get(f"/admin/registry/wksbm/{random.choice(WKSBM_IDS)}/change/", "admin: WKSBM record")

    @task(1)
    def home(self):
        self.get("/", "field: home")


class Penyuluh(Petugas):
    fixed_count = 19
    username = os.environ.get("LOAD_PENYULUH", "")

    @task(3)
    def wksbm_page(self):
        self.get(f"/wksbm/{random.choice(WKSBM_IDS)}/", "field: WKSBM page")

    @task(2)
    def add_pengurus(self):
        pk = random.choice(WKSBM_IDS)
        form = self.get(f"/wksbm/{pk}/pengurus/tambah/", "field: pengurus form")
        role = ROLE_OPTION.search(form.text)
        data = {
            **hidden_fields(form.text),
            "role": role.group(1) if role else "",
            "name": f"Pengurus Beban {next(NAMES)}",
        }
        with self.client.post(
            f"/wksbm/{pk}/pengurus/tambah/", data, name="field: save pengurus", catch_response=True
        ) as answer:
            if answer.status_code != 200 or f"/wksbm/{pk}/" not in answer.url:
                answer.failure(f"pengurus not saved: {answer.status_code} {answer.url}")

    @task(1)
    def home(self):
        self.get("/", "field: home")


class Importer(Operator):
    """The operator who imports one list file during the run, then browses as the others."""

    fixed_count = 1
    imported = False

    def on_start(self):
        super().on_start()
        page = self.get("/admin/registry/wksbm/import/", "admin: import page")
        data = IMPORT_FILE.read_bytes()
        with self.client.post(
            "/admin/registry/wksbm/import/",
            {**hidden_fields(page.text), "format": ""},
            files={"import_file": (IMPORT_FILE.name, data, "text/csv")},
            name="admin: import upload and preview",
            catch_response=True,
        ) as preview:
            ticket = hidden_fields(preview.text).get("ticket")
            if not ticket:
                preview.failure("the preview offers no confirm")
                return
        fields = hidden_fields(preview.text)
        with self.client.post(
            "/admin/registry/wksbm/process_import/",
            {"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"], "ticket": ticket},
            name="admin: import confirm",
            catch_response=True,
        ) as confirmed:
            if "berhasil" not in confirmed.text:
                confirmed.failure("the import was not committed")
