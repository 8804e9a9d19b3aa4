"""Synthetic penyuluhan events for `seed_scale`: programs, events, narasumber, peserta and outcomes.

`registry.demo.scale` calls it through `registry.extensions.scale_seeders`. Like the registry's rows, these go
straight to the tables (COPY on PostgreSQL), without history, and obey the model rules: an event lies in its
program's kabupaten, ends on or after its start and is not in the future; a WKSBM recorded as formed after an
event lies in the event's desa and was formed after it.
About a third of the events belong to a program of one kabupaten in one year, as the 2019 Gunungkidul one.
"""

import datetime
import random
from collections import defaultdict

from django.db.models import Max
from django.utils import timezone

from registry.demo import names
from registry.enums import WilayahLevel
from registry.wilayah_codes import ancestor_code
from trainings.enums import OutcomeKind
from trainings.models import EventKind, Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount, Program, Unsur

PROGRAM_SHARE = 0.3  # of the events, in a program
PROGRAM_SIZE = (5, 12)  # events per program
# Event kinds (slug, weight) and the headcounts per unsur (slug, range) of an event.
EVENT_KIND_WEIGHTS = {"penyuluhan-sosial": 50, "sosialisasi": 20, "bimbingan-teknis": 15, "pelatihan": 15}
HEADCOUNTS = {
    "tokoh-masyarakat": (2, 10),
    "tokoh-agama": (1, 6),
    "perangkat-desa": (2, 8),
    "kader": (2, 10),
    "karang-taruna": (0, 4),
    "pkk": (0, 4),
}
# Named participants per event: those whose names the office keeps.
NAMED_UNSUR = ("tksk", "psm", "pendamping-pkh")
NARASUMBER = (
    ("Dinas Sosial", "Kebijakan penyuluhan sosial dan WKSBM"),
    ("Praktisi pekerjaan sosial", "Pengalaman mengelola WKSBM"),
    ("Balai pelatihan kesejahteraan sosial", "Kepengurusan dan administrasi WKSBM"),
)
EVENT_COLUMNS = ("id", "kind_id", "theme", "starts_on", "ends_on", "wilayah_id", "venue", "organiser", "program_id")
EVENT_COLUMNS += ("expected_participants", "preparation_notes", "implementation_notes", "follow_up_notes")
EVENT_COLUMNS += ("created_at", "updated_at")
PROGRAM_COLUMNS = ("id", "name", "year", "starts_on", "ends_on", "organiser", "wilayah_id", "target_new_wksbm")
PROGRAM_COLUMNS += ("notes", "created_at", "updated_at")


def seed_events(*, rng: random.Random, count: int, desa: list, forums: list, start: datetime.date, today, insert):
    """Inserts `count` events held in the `desa` (code, name, term) between `start` and `today`, with their
    programs, narasumber, peserta (named and counted) and the outcomes linking the `forums` (the WKSBM just
    seeded, with `id`, `wilayah` and `formed_on`) formed in an event's desa within 120 days after it.

    `insert(model, columns, rows)` writes and counts the rows; returns the counts by model name.
    """
    if not count or not desa:
        return {}
    now = timezone.now()
    kinds = dict(EventKind.objects.values_list("slug", "id"))
    unsur = dict(Unsur.objects.values_list("slug", "id"))
    next_event = (Penyuluhan.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    next_program = (Program.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    formed_in = defaultdict(list)
    recent = defaultdict(list)  # desa-level WKSBM formed since `start`, by (kabupaten, year)
    for forum in forums:
        formed_in[forum.wilayah].append(forum)
        if not forum.at_kecamatan and forum.formed_on >= start + datetime.timedelta(days=60):
            recent[ancestor_code(forum.wilayah, WilayahLevel.KABUPATEN), forum.formed_on.year].append(forum)
    by_kabupaten = defaultdict(list)
    for region in desa:
        by_kabupaten[ancestor_code(region[0], WilayahLevel.KABUPATEN)].append(region)
    places = {region[0]: region for region in desa}
    kind_slugs = [slug for slug in EVENT_KIND_WEIGHTS if slug in kinds]
    weights = [EVENT_KIND_WEIGHTS[slug] for slug in kind_slugs]

    # A program: one kabupaten and year, most of its sessions held in a desa shortly before a WKSBM was formed
    # there (the session's outcome), the rest elsewhere in the kabupaten; its target is its number of sessions.
    programs, events = [], []
    in_programs = round(count * PROGRAM_SHARE)
    groups = sorted(recent)
    while groups and len(events) < in_programs:
        program_id = next_program + len(programs)
        kabupaten, year = groups[rng.randrange(len(groups))]
        size = min(rng.randint(*PROGRAM_SIZE), in_programs - len(events))
        formed = rng.sample(recent[kabupaten, year], min(len(recent[kabupaten, year]), round(size * 0.7)))
        sessions = [(f.formed_on - datetime.timedelta(days=rng.randint(1, 59)), places[f.wilayah]) for f in formed]
        year_start, year_end = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
        for _ in range(size - len(sessions)):
            sessions.append((_day(rng, max(year_start, start), year_end), rng.choice(by_kabupaten[kabupaten])))
        days = [day for day, _place in sessions]
        events += [(day, place, program_id, kinds["penyuluhan-sosial"]) for day, place in sessions]
        name = f"Penyuluhan Sosial Pembentukan WKSBM {year} #{program_id}"
        programs.append(
            (program_id, name, year, min(days), max(days), "Seksi Penyuluhan Dinas Sosial provinsi", kabupaten)
            + (size, "", now, now)
        )
    while len(events) < count:
        kind = rng.choices(kind_slugs, weights)[0]
        events.append((_day(rng, start, today), desa[rng.randrange(len(desa))], None, kinds[kind]))

    counts = {"programs": insert(Program, PROGRAM_COLUMNS, programs)}
    rows, narasumber, named, counted, outcomes = [], [], [], [], []
    for offset, (day, (code, place, term), program_id, kind_id) in enumerate(events):
        event_id = next_event + offset
        ends_on = min(day + datetime.timedelta(days=rng.choice((0, 0, 0, 1))), today)
        rows.append(
            (event_id, kind_id, "Penyuluhan sosial pembentukan dan penguatan WKSBM", day, ends_on, code)
            + (f"Balai {term or 'Desa'} {place}".replace("  ", " "), "Dinas Sosial", program_id, 40, "", "", "")
            + (now, now)
        )
        for institution, topic in rng.sample(NARASUMBER, rng.randint(1, 3)):
            narasumber.append((event_id, names.person_name(rng), institution, topic))
        for slug in rng.sample(NAMED_UNSUR, rng.randint(1, 2)):
            named.append((event_id, names.person_name(rng), unsur[slug], code, "", None, None))
        for slug, (low, high) in HEADCOUNTS.items():
            people = rng.randint(low, high)
            if people:
                counted.append((event_id, unsur[slug], people))
        for forum in formed_in.get(code, ()):
            if day <= forum.formed_on <= day + datetime.timedelta(days=120):
                outcomes.append((event_id, program_id, forum.id, OutcomeKind.FORMED, ""))
    counts["events"] = insert(Penyuluhan, EVENT_COLUMNS, rows)
    counts["narasumber"] = insert(Narasumber, ("event_id", "name", "institution", "topic"), narasumber)
    columns = ("event_id", "name", "unsur_id", "origin_id", "phone", "pengurus_id", "kps_id")
    counts["peserta"] = insert(Peserta, columns, named)
    counts["counts"] = insert(PesertaCount, ("event_id", "unsur_id", "count"), counted)
    columns = ("event_id", "program_id", "wksbm_id", "kind", "notes")
    counts["outcomes"] = insert(Outcome, columns, _first_per_forum(outcomes))
    return counts


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange(max((last - first).days, 0) + 1))


def _first_per_forum(outcomes: list[tuple]) -> list[tuple]:
    """One outcome per WKSBM (the first found), so that no WKSBM is counted as formed by two events."""
    seen, kept = set(), []
    for row in outcomes:
        if row[2] not in seen:
            seen.add(row[2])
            kept.append(row)
    return kept
