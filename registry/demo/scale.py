"""National-scale synthetic registry data for benchmarks (`seed_scale`).

Rows go straight to the tables with `registry.services.bulk.bulk_insert` (COPY on PostgreSQL): no model is
saved one by one, no signal runs and **no history is written**. The rows still obey every model rule
(`full_clean` passes on them; tests check a sample): names are unique per wilayah, dates are in order and not in
the future, a member KPS lies in its WKSBM's wilayah and has at most one current membership.

WKSBM, KPS and reports get explicit ids above the tables' current maximum, so the rows that hang off them need
no read-back; the sequences are moved past the new ids afterwards. This assumes nothing else writes to these
tables while the seeder runs, which holds for a benchmark database.
"""

import datetime
import itertools
import random
import time
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from registry import dates, extensions, wilayah_codes
from registry.db.statistics import analyze
from registry.demo import names, scale_network
from registry.enums import WilayahLevel, WksbmStatus
from registry.models import (
    ActivityKind,
    ActivityReport,
    AidDistribution,
    AidPurpose,
    ForumAttendance,
    ForumKomunikasi,
    ForumMeeting,
    ForumMember,
    ForumPengurus,
    FundCollection,
    FundSource,
    Jejaring,
    Kps,
    KpsKind,
    KpsMembership,
    Mitra,
    MitraContact,
    Pengurus,
    PengurusRole,
    Wilayah,
    Wksbm,
)
from registry.scoping import code_prefix_q
from registry.services.bulk import bulk_insert
from registry.validators import clean_name, name_key

KECAMATAN_SHARE = 0.04  # of the WKSBM, at kecamatan level; the rest at desa/kelurahan level
MEMBER_SHARE = 0.85  # of the KPS, current or former members of a WKSBM in their desa
# KPS kinds in the desa (slug, weight); TKSK are added one per kecamatan-level forum.
KPS_KIND_WEIGHTS = {
    "posyandu": 20,
    "dasawisma": 18,
    "majelis-taklim": 12,
    "karang-taruna": 10,
    "kelompok-lansia": 10,
    "pkk": 8,
    "kube": 8,
    "psm": 6,
    "lks": 4,
    "lainnya": 4,
}
REPORT_KIND_WEIGHTS = {
    "rapat": 30,
    "penyaluran-bantuan": 30,
    "penghimpunan-dana": 20,
    "aksi-sosial": 15,
    "pelatihan": 5,
}
FUND_AMOUNTS = {
    "swadaya": (500_000, 5_000_000),
    "perantau": (1_000_000, 25_000_000),
    "dana-desa": (5_000_000, 20_000_000),
}
FUND_AMOUNTS |= {"csr": (2_500_000, 15_000_000), "lainnya": (250_000, 2_000_000)}
# Purpose: (beneficiaries range, Rupiah per beneficiary range).
AID = {
    "pendidikan": ((5, 30), (250_000, 500_000)),
    "lansia": ((10, 40), (100_000, 250_000)),
    "disabilitas": ((3, 12), (250_000, 500_000)),
    "kesehatan": ((5, 20), (100_000, 300_000)),
    "bencana": ((20, 120), (50_000, 150_000)),
    "lainnya": ((1, 10), (100_000, 300_000)),
}
DESCRIPTIONS = {
    "rapat": "Rapat pengurus dan KPS.",
    "penyaluran-bantuan": "Penyaluran santunan kepada warga yang membutuhkan.",
    "penghimpunan-dana": "Penghimpunan dana dari warga dan perantau.",
    "aksi-sosial": "Aksi sosial bersama warga.",
    "pelatihan": "Pelatihan administrasi pengurus.",
}

# The network's tables whose rows get explicit ids (`registry.demo.scale_network`).
NETWORK_EXPLICIT_IDS = (Mitra, ForumKomunikasi, ForumMeeting)

WKSBM_COLUMNS = ("id", "name", "wilayah_id", "dusun_rw", "address", "formed_on", "sk_number", "sk_date")
WKSBM_COLUMNS += ("sk_signed_by", "status", "status_changed_on", "phone", "notes", "created_at", "updated_at")
PENGURUS_COLUMNS = ("wksbm_id", "name", "role_id", "phone", "nik", "period_from", "period_to")
KPS_COLUMNS = ("id", "name", "kind_id", "wilayah_id", "leader", "member_count", "phone", "notes", "created_at")
KPS_COLUMNS += ("updated_at",)


class ScaleRefused(Exception):
    """The database already holds WKSBM and appending was not asked for, or the scope has no desa."""


@dataclass
class ScaleCounts:
    """How many rows `seed_scale` inserted, per table, and the seconds each table took (`seconds`)."""

    wksbm: int = 0
    pengurus: int = 0
    kps: int = 0
    memberships: int = 0
    reports: int = 0
    collections: int = 0
    distributions: int = 0
    events: dict[str, int] = field(default_factory=dict)
    network: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


class ScaleWksbm(NamedTuple):
    id: int
    wilayah: str
    at_kecamatan: bool
    formed_on: datetime.date
    status: str
    status_changed_on: datetime.date | None


def seed_scale(
    *, wksbm: int, kps: int, provinces: list[str], append: bool = False, seed: int = 1, today=None, events: int = 0
) -> ScaleCounts:
    """Inserts `wksbm` WKSBM (with boards and reports), `kps` KPS (most of them members) and `events` penyuluhan
    events (with programs, participants and outcomes, by the seeders other apps register in
    `registry.extensions.scale_seeders`: trainings') in `provinces`.

    `provinces` empty means all Indonesia; its wilayah must be loaded. Raises ScaleRefused when the database
    already holds WKSBM and `append` is false, or when the scope has no desa. All or nothing.
    """
    existing = Wksbm.objects.count()
    if existing and not append:
        raise ScaleRefused(
            _(
                "Basis data sudah berisi %(count)s WKSBM; seed_scale hanya mengisi basis data yang belum berisi WKSBM. "
                "Tambahkan --append untuk menambah data sintetis ke data yang ada."
            )
            % {"count": existing}
        )
    regions = Wilayah.objects.filter(level__gte=WilayahLevel.KECAMATAN)
    if provinces:
        regions = regions.within(provinces)
    desa, kecamatan = [], []
    for code, name, kind, level in regions.order_by("code").values_list("code", "name", "kind", "level"):
        region = (code, clean_name(name), wilayah_codes.local_term(code, kind))
        (desa if level == WilayahLevel.DESA else kecamatan).append(region)
    if not desa:
        raise ScaleRefused(_("Wilayah desa/kelurahan untuk cakupan ini belum dimuat (jalankan load_wilayah)."))
    with transaction.atomic():
        counts = _Seeder(random.Random(seed), desa, kecamatan, today or dates.today(), provinces).run(
            wksbm, kps, events
        )
        committing = time.perf_counter()
    # PostgreSQL checks the (deferred) foreign keys of every inserted row here.
    counts.seconds["commit"] = time.perf_counter() - committing
    return counts


def _slugs(model, needed) -> dict[str, int]:
    """Ids of the seeded reference entries by slug; refuses when an administrator removed one the seeder uses."""
    found = dict(model.objects.values_list("slug", "id"))
    missing = sorted(set(needed) - found.keys())
    if missing:
        raise ScaleRefused(
            _("Daftar %(list)s tidak memuat: %(missing)s.")
            % {"list": model._meta.verbose_name, "missing": ", ".join(missing)}
        )
    return found


class _Seeder:
    """Generates and inserts the rows of one `seed_scale` run from one random generator."""

    def __init__(self, rng, desa, kecamatan, today, provinces):
        self.rng, self.desa, self.kecamatan, self.today = rng, desa, kecamatan, today
        self.now = timezone.now()
        self.roles = _slugs(PengurusRole, ("ketua", "sekretaris", "bendahara", "seksi"))
        self.kinds = _slugs(KpsKind, [*KPS_KIND_WEIGHTS, "tksk"])
        self.activities = _slugs(ActivityKind, REPORT_KIND_WEIGHTS)
        self.sources, self.purposes = _slugs(FundSource, FUND_AMOUNTS), _slugs(AidPurpose, AID)
        self.latest_formation = min(datetime.date(2025, 12, 31), today - datetime.timedelta(days=30))
        self.report_start = datetime.date(today.year - 3, 1, 1)
        scope = code_prefix_q("wilayah__code", provinces) if provinces else None
        self.wksbm_names = self._taken(Wksbm, scope)
        self.kps_names = self._taken(Kps, scope)
        self.counts = ScaleCounts()
        # Read before any COPY starts: the row generators run inside COPY, when the connection takes no query.
        self.next_ids = {
            model: (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1 for model in (Wksbm, Kps, ActivityReport)
        }
        # Its own generator, seeded from this one's state without advancing it: the registry's rows stay the same.
        self.network = scale_network.ScaleNetwork(
            rng=random.Random(repr(rng.getstate())),
            slugs=_slugs,
            scope=scope,
            today=today,
            now=self.now,
            report_start=self.report_start,
        )

    @staticmethod
    def _taken(model, scope) -> set:
        rows = model.objects.filter(scope) if scope is not None else model.objects.all()
        return {(wilayah, name_key(name)) for wilayah, name in rows.values_list("wilayah_id", "name").iterator()}

    def run(self, wksbm: int, kps: int, events: int = 0) -> ScaleCounts:
        counts = self.counts
        forums, rows = self._forums(wksbm)
        counts.wksbm = self._insert(Wksbm, WKSBM_COLUMNS, rows)
        board = (row for forum in forums for row in self._board(forum))
        counts.pengurus = self._insert(Pengurus, PENGURUS_COLUMNS, board)
        memberships: list[tuple] = []
        counts.kps = self._insert(Kps, KPS_COLUMNS, self._kps(kps, forums, memberships))
        counts.memberships = self._insert(KpsMembership, ("kps_id", "wksbm_id", "joined_on", "left_on"), memberships)
        places = {code: (place, term) for code, place, term in self.kecamatan + self.desa}
        self.network.plan(forums, places)
        network = counts.network
        network["mitra"] = self._insert(Mitra, scale_network.MITRA_COLUMNS, self.network.mitra_rows())
        network["contacts"] = self._insert(MitraContact, scale_network.CONTACT_COLUMNS, self.network.contact_rows())
        collections: list[tuple] = []
        distributions: list[tuple] = []
        reports = self._reports(forums, collections, distributions)
        counts.reports = self._insert(ActivityReport, ("id", "wksbm_id", "date", "kind_id", "description"), reports)
        counts.collections = self._insert(FundCollection, ("report_id", "source_id", "amount", "mitra_id"), collections)
        columns = ("report_id", "purpose_id", "amount", "beneficiaries", "referred_to_id", "referred_count")
        counts.distributions = self._insert(AidDistribution, columns, distributions)
        network["ties"] = self._insert(Jejaring, scale_network.TIE_COLUMNS, self.network.tie_rows())
        self.network.plan_forums(places)
        network["forums"] = self._insert(ForumKomunikasi, scale_network.FORUM_COLUMNS, self.network.forum_rows())
        network["forum_pengurus"] = self._insert(
            ForumPengurus, scale_network.FORUM_PENGURUS_COLUMNS, self.network.pengurus
        )
        network["forum_members"] = self._insert(ForumMember, scale_network.FORUM_MEMBER_COLUMNS, self.network.members)
        network["meetings"] = self._insert(ForumMeeting, scale_network.MEETING_COLUMNS, self.network.meetings)
        network["attendance"] = self._insert(ForumAttendance, scale_network.ATTENDANCE_COLUMNS, self.network.attendance)
        seeders = list(extensions.scale_seeders.values())
        for seeder in seeders:
            counts.events |= seeder.seed(
                rng=self.rng,
                count=events,
                desa=self.desa,
                forums=forums,
                start=self.report_start,
                today=self.today,
                insert=self._insert,
            )
        started = time.perf_counter()
        _after_explicit_ids(
            [Wksbm, Kps, ActivityReport, *NETWORK_EXPLICIT_IDS],
            [model for seeder in seeders for model in seeder.models],
        )
        counts.seconds["sequences, ANALYZE"] = time.perf_counter() - started
        return counts

    def _insert(self, model, columns, rows) -> int:
        """`bulk_insert`, timed per table (generating the rows included) in `counts.seconds`."""
        started = time.perf_counter()
        inserted = bulk_insert(model, columns, rows)
        self.counts.seconds[model._meta.model_name] = time.perf_counter() - started
        return inserted

    # WKSBM -----------------------------------------------------------------------------------------------------

    def _spread(self, regions: list, count: int) -> list:
        """`count` regions: each at most once while there are enough, then every region once more, and so on."""
        rng = self.rng
        rounds, rest = divmod(count, len(regions)) if regions else (0, 0)
        picked = regions * rounds + [regions[i] for i in sorted(rng.sample(range(len(regions)), rest))]
        return sorted(picked)

    def _forums(self, count: int) -> tuple[list[ScaleWksbm], list[tuple]]:
        """Where the WKSBM go and what they are: their facts for the rows hanging off them, and their table rows."""
        rng, today = self.rng, self.today
        at_kecamatan = round(count * KECAMATAN_SHARE) if self.kecamatan else 0
        placed = [(r, True) for r in self._spread(self.kecamatan, at_kecamatan)]
        placed += [(r, False) for r in self._spread(self.desa, count - at_kecamatan)]
        next_id = self.next_ids[Wksbm]
        forums, rows = [], []
        for offset, ((code, place, term), kecamatan_level) in enumerate(placed):
            formed_on = _day(rng, datetime.date(2014, 1, 1), self.latest_formation)
            status, changed_on = WksbmStatus.AKTIF, None
            roll = rng.random()
            if roll < 0.18 and (today - formed_on).days > 400:
                status = WksbmStatus.VAKUM if roll < 0.13 else WksbmStatus.BUBAR
                changed_on = _day(rng, formed_on + datetime.timedelta(days=365), today)
            name = f"Forum WKSBM {term} {place}" if kecamatan_level else names.forum_name(rng, place=place, term=term)
            name = names.unique_in(self.wksbm_names, wilayah=code, name=name)
            sk_number, sk_date, signer = "", None, ""
            if rng.random() < 0.85:
                sk_date = min(formed_on + datetime.timedelta(days=rng.randrange(45)), today)
                sk_number = names.sk_number(rng, year=sk_date.year)
                signer = names.sk_signer(place=place, term=term)
            phone = names.mobile_phone(rng) if rng.random() < 0.5 else ""
            forum = ScaleWksbm(next_id + offset, code, kecamatan_level, formed_on, status, changed_on)
            forums.append(forum)
            rows.append(
                (forum.id, name, code, "", "", formed_on, sk_number, sk_date, signer, status, changed_on, phone, "")
                + (self.now, self.now)
            )
        return forums, rows

    def _board(self, forum: ScaleWksbm):
        """Ketua, sekretaris, usually a bendahara and some seksi; about one board in eight is incomplete."""
        rng, roles = self.rng, self.roles
        gap = rng.random()
        ended = forum.status_changed_on if forum.status == WksbmStatus.BUBAR else None
        held = ["ketua"] + ([] if gap < 0.07 else ["sekretaris"])
        held += ["bendahara"] * (rng.random() < 0.8) + ["seksi"] * rng.choice((0, 0, 1, 2))
        for role in held:
            female = rng.random() < (0.7 if role != "ketua" else 0.35)
            period_to = ended
            if role == "ketua" and 0.07 <= gap < 0.12 and forum.formed_on < self.today - datetime.timedelta(days=400):
                period_to = _day(rng, forum.formed_on + datetime.timedelta(days=200), self.today)
                period_to = min(period_to, self.today - datetime.timedelta(days=1))
            phone = names.mobile_phone(rng) if rng.random() < (0.7 if role == "ketua" else 0.2) else ""
            yield forum.id, names.person_name(rng, female=female), roles[role], phone, "", forum.formed_on, period_to

    # KPS and memberships ---------------------------------------------------------------------------------------

    def _kps(self, count: int, forums: list[ScaleWksbm], memberships: list):
        """Yields the KPS rows and fills `memberships`: a TKSK for each kecamatan forum, then desa KPS."""
        rng, today = self.rng, self.today
        next_id = self.next_ids[Kps]
        terms = {code: (place, term) for code, place, term in self.kecamatan + self.desa}
        kecamatan_forums = [f for f in forums if f.at_kecamatan][: count // 10]
        desa_forums = [f for f in forums if not f.at_kecamatan]
        members = round((count - len(kecamatan_forums)) * MEMBER_SHARE) if desa_forums else 0
        kinds, weights = list(KPS_KIND_WEIGHTS), list(itertools.accumulate(KPS_KIND_WEIGHTS.values()))
        for number in range(count):
            if number < len(kecamatan_forums):
                forum, kind = kecamatan_forums[number], "tksk"
            elif number < len(kecamatan_forums) + members:
                forum, kind = desa_forums[rng.randrange(len(desa_forums))], rng.choices(kinds, cum_weights=weights)[0]
            else:
                forum, kind = None, rng.choices(kinds, cum_weights=weights)[0]
            code = forum.wilayah if forum else self.desa[rng.randrange(len(self.desa))][0]
            place, term = terms[code]
            name = names.unique_in(
                self.kps_names, wilayah=code, name=names.kps_name(rng, kind=kind, place=place, term=term)
            )
            kps_id = next_id + number
            leader = names.person_name(rng) if rng.random() < 0.6 else ""
            phone = names.mobile_phone(rng) if rng.random() < 0.4 else ""
            yield kps_id, name, self.kinds[kind], code, leader, rng.randint(3, 60), phone, "", self.now, self.now
            if forum:
                joined_on = min(forum.formed_on + datetime.timedelta(days=rng.randrange(200)), today)
                left_on = forum.status_changed_on if forum.status == WksbmStatus.BUBAR else None
                if left_on is None and rng.random() < 0.04 and joined_on < today - datetime.timedelta(days=60):
                    left_on = _day(rng, joined_on + datetime.timedelta(days=30), today)
                memberships.append((kps_id, forum.id, joined_on, max(left_on, joined_on) if left_on else None))

    # Reports ---------------------------------------------------------------------------------------------------

    def _reports(self, forums: list[ScaleWksbm], collections: list, distributions: list):
        """Yields report rows and fills their fund and aid lines; about one active forum in eight has gone quiet
        for more than 12 months (possibly dormant)."""
        rng, today = self.rng, self.today
        next_id = self.next_ids[ActivityReport]
        kinds, weights = list(REPORT_KIND_WEIGHTS), list(itertools.accumulate(REPORT_KIND_WEIGHTS.values()))
        sources, purposes = list(FUND_AMOUNTS), list(AID)
        for forum in forums:
            start, end, count = max(forum.formed_on, self.report_start), today, rng.randint(1, 8)
            if forum.status != WksbmStatus.AKTIF:
                end, count = forum.status_changed_on, rng.randint(0, 3)
            elif rng.random() < 0.12:
                end, count = dates.months_before(today, rng.randint(13, 30)), rng.randint(0, 3)
            if end < start:
                continue
            recent = max(start, today - datetime.timedelta(days=330)) if end == today else start
            for number in range(count):
                kind = rng.choices(kinds, cum_weights=weights)[0]
                # An active forum's latest report is from the last eleven months: it is not flagged as dormant.
                day = _day(rng, recent if number == 0 else start, end)
                yield next_id, forum.id, day, self.activities[kind], DESCRIPTIONS[kind]
                if kind == "penghimpunan-dana":
                    for source in rng.sample(sources, rng.randint(1, 2)):
                        amount = _rupiah(rng.randint(*FUND_AMOUNTS[source]))
                        mitra = self.network.funder(forum.wilayah, source)
                        collections.append((next_id, self.sources[source], amount, mitra))
                elif kind == "penyaluran-bantuan" or (kind == "aksi-sosial" and rng.random() < 0.5):
                    for purpose in rng.sample(purposes, rng.randint(1, 2)):
                        (low, high), each = AID[purpose]
                        people = rng.randint(low, high)
                        amount = _rupiah(people * rng.randint(*each))
                        referral = self.network.referral(forum.wilayah, purpose, people)
                        distributions.append((next_id, self.purposes[purpose], amount, people, *referral))
                next_id += 1


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max((end - start).days, 0) + 1))


def _rupiah(amount: int) -> int:
    """Rounded to Rp25.000, as amounts are reported."""
    return max(25_000, amount // 25_000 * 25_000)


def _after_explicit_ids(models, contributed=()) -> None:
    """Moves the id sequences past explicitly inserted ids, and refreshes PostgreSQL's planner statistics
    (`registry.db.statistics.analyze`); the `contributed` models (the scale seeders') get both."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [*models, *contributed]):
            cursor.execute(statement)
    analyze(
        (Wksbm, Pengurus, Kps, KpsMembership, ActivityReport, FundCollection, AidDistribution)
        + NETWORK_EXPLICIT_IDS
        + (MitraContact, Jejaring, ForumPengurus, ForumMember, ForumAttendance, *contributed)
    )
