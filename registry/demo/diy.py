"""The DI Yogyakarta demo registry behind `seed_demo`: about 190 WKSBM, as DIY counted 193 in 2019.

The data are planned first from a seeded `random.Random` and the loaded DIY wilayah, then bulk-written with
their history rows (django-simple-history's bulk helpers), authored by the demo admin. Dates are laid out
relative to today (formation 2014–2025, reports over the last three to four years), so "possibly dormant" means
the same thing whenever the demo is seeded; for a given day the data are identical.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from registry import dates, wilayah_codes
from registry.demo import names
from registry.enums import WilayahLevel, WksbmStatus
from registry.models import (
    ActivityKind,
    ActivityReport,
    AidDistribution,
    AidPurpose,
    FundCollection,
    FundSource,
    Kps,
    KpsKind,
    KpsMembership,
    Pengurus,
    PengurusRole,
    Wilayah,
    Wksbm,
)
from registry.scoping import code_prefix_q

DIY = "34"
GUNUNGKIDUL = "34.03"
SEED = 193
CHANGE_REASON = "Data demo (seed_demo)"

# (desa-level forums, kecamatan-level forums) per kabupaten/kota: 178 + 12 = 190.
FORUMS_PER_KABUPATEN = {
    "34.01": (34, 2),  # Kulon Progo
    "34.02": (34, 2),  # Bantul
    "34.03": (58, 4),  # Gunungkidul
    "34.04": (36, 3),  # Sleman
    "34.71": (16, 1),  # Kota Yogyakarta
}
# The ten Gunungkidul desa where the August 2019 penyuluhan sessions led to a WKSBM with a complete board.
PENYULUHAN_2019 = (
    "34.03.13.2004",  # Kampung, Ngawen
    "34.03.12.2007",  # Rejosari, Semin
    "34.03.04.2005",  # Salam, Patuk
    "34.03.04.2003",  # Pengkok, Patuk
    "34.03.01.2010",  # Wareng, Wonosari
    "34.03.08.2004",  # Candirejo, Semanu
    "34.03.16.2004",  # Nglindur, Girisubo
    "34.03.16.2005",  # Jerukwudel, Girisubo
    "34.03.05.2003",  # Grogol, Paliyan
    "34.03.05.2002",  # Pampang, Paliyan
)
# Kapanewon Depok (Sleman): its three kalurahan's forums had an organisation-management training in 2025.
DEPOK_2025 = ("34.04.07.2003", "34.04.07.2001", "34.04.07.2002")

FORMATION_YEAR_WEIGHTS = {
    2014: 14,
    2015: 12,
    2016: 10,
    2017: 9,
    2018: 9,
    2019: 14,
    2020: 3,
    2021: 4,
    2022: 6,
    2023: 7,
    2024: 6,
    2025: 6,
}
# Idulfitri: perantau come home (mudik) and forums collect from them and hand out santunan around it.
IDULFITRI = {
    2021: datetime.date(2021, 5, 13),
    2022: datetime.date(2022, 5, 2),
    2023: datetime.date(2023, 4, 22),
    2024: datetime.date(2024, 4, 10),
    2025: datetime.date(2025, 3, 31),
    2026: datetime.date(2026, 3, 20),
    2027: datetime.date(2027, 3, 10),
}
# KPS kinds a desa forum usually brings together, with the chance of each and how many members a group has.
DESA_KPS = (
    ("pkk", 1.0, (20, 45)),
    ("karang-taruna", 0.85, (25, 80)),
    ("posyandu", 0.9, (5, 12)),
    ("posyandu", 0.5, (5, 12)),
    ("dasawisma", 0.5, (10, 20)),
    ("majelis-taklim", 0.5, (25, 100)),
    ("kelompok-lansia", 0.45, (20, 60)),
    ("psm", 0.4, (3, 10)),
    ("kube", 0.2, (8, 12)),
    ("lks", 0.08, (10, 40)),
)
KECAMATAN_KPS = (("tksk", 1.0, (1, 1)), ("psm", 0.8, (10, 30)), ("karang-taruna", 0.6, (20, 40)))


@dataclass
class Plan:
    """One WKSBM to write: its fields, board, KPS (with membership dates or None) and reports."""

    wilayah: Wilayah
    fields: dict
    status: str = WksbmStatus.AKTIF
    status_changed_on: datetime.date | None = None
    notes: str = ""
    board: list[dict] = field(default_factory=list)
    kps: list[tuple[dict, tuple | None]] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)


@dataclass
class DemoSummary:
    """What `seed_diy` wrote."""

    wksbm: int = 0
    pengurus: int = 0
    kps: int = 0
    memberships: int = 0
    reports: int = 0


class MissingWilayah(Exception):
    """The DIY wilayah tree is not loaded."""


def demo_present() -> bool:
    """True when the registry already holds a WKSBM in DI Yogyakarta (the demo, or real data to leave alone)."""
    return Wksbm.objects.filter(code_prefix_q("wilayah__code", [DIY])).exists()


def seed_diy(*, by, today: datetime.date | None = None) -> DemoSummary:
    """Writes the DIY demo registry, all or nothing, with history rows authored by `by`.

    Raises MissingWilayah when DIY's desa are not loaded (`load_wilayah --provinsi 34`). The caller checks
    `demo_present()` first: this function does not guard against writing the demo twice.
    """
    plans = plan_demo(today=today)
    with transaction.atomic():
        return _write(plans, by=by)


def plan_demo(*, today: datetime.date | None = None) -> list[Plan]:
    """The demo's WKSBM with their boards, KPS and reports, not yet written; the same for the same day.

    Raises MissingWilayah when DIY's desa are not loaded.
    """
    regions = list(Wilayah.objects.within([DIY]).filter(level__gte=WilayahLevel.KECAMATAN).order_by("code"))
    if not any(r.level == WilayahLevel.DESA for r in regions):
        raise MissingWilayah
    return _Planner(random.Random(SEED), regions, today or dates.today()).plan()


def _write(plans: list[Plan], *, by) -> DemoSummary:
    """Bulk-creates the planned rows with their history ("+" rows by `by`), then records the status changes.

    The services would save ~6,400 rows one by one (about 30 s on SQLite); bulk writes keep `make run` quick.
    The rows are the ones the services would write: tests run `full_clean` on them.
    """
    roles = {r.slug: r for r in PengurusRole.objects.all()}
    kps_kinds = {k.slug: k for k in KpsKind.objects.all()}
    activity_kinds = {k.slug: k for k in ActivityKind.objects.all()}
    sources = {s.slug: s for s in FundSource.objects.all()}
    purposes = {p.slug: p for p in AidPurpose.objects.all()}

    def create(model, objects):
        return bulk_create_with_history(
            objects, model, batch_size=500, default_user=by, default_change_reason=CHANGE_REASON
        )

    forums = create(Wksbm, [Wksbm(wilayah=plan.wilayah, **plan.fields) for plan in plans])
    pengurus = create(
        Pengurus,
        [
            Pengurus(wksbm=wksbm, **{**person, "role": roles[person["role"]]})
            for plan, wksbm in zip(plans, forums, strict=True)
            for person in plan.board
        ],
    )
    kps_rows = [
        (wksbm, fields, membership)
        for plan, wksbm in zip(plans, forums, strict=True)
        for fields, membership in plan.kps
    ]
    kps = create(Kps, [Kps(**{**fields, "kind": kps_kinds[fields["kind"]]}) for _, fields, _ in kps_rows])
    memberships = create(
        KpsMembership,
        [
            KpsMembership(kps=group, wksbm=wksbm, joined_on=membership[0], left_on=membership[1])
            for group, (wksbm, _, membership) in zip(kps, kps_rows, strict=True)
            if membership
        ],
    )
    report_rows = [(wksbm, report) for plan, wksbm in zip(plans, forums, strict=True) for report in plan.reports]
    reports = create(
        ActivityReport,
        [
            ActivityReport(wksbm=wksbm, date=r["date"], kind=activity_kinds[r["kind"]], description=r["description"])
            for wksbm, r in report_rows
        ],
    )
    create(
        FundCollection,
        [
            FundCollection(report=report, source=sources[slug], amount=amount)
            for report, (_, r) in zip(reports, report_rows, strict=True)
            for slug, amount in r["collected"]
        ],
    )
    create(
        AidDistribution,
        [
            AidDistribution(report=report, purpose=purposes[slug], amount=amount, beneficiaries=beneficiaries)
            for report, (_, r) in zip(reports, report_rows, strict=True)
            for slug, amount, beneficiaries in r["distributed"]
        ],
    )
    # Written as a later change so each forum's history shows it falling dormant or being dissolved.
    changed = []
    for plan, wksbm in zip(plans, forums, strict=True):
        if plan.status != WksbmStatus.AKTIF:
            wksbm.status, wksbm.status_changed_on = plan.status, plan.status_changed_on
            wksbm.notes = plan.notes
            changed.append(wksbm)
    bulk_update_with_history(
        changed,
        Wksbm,
        ["status", "status_changed_on", "notes"],
        batch_size=500,
        default_user=by,
        default_change_reason=CHANGE_REASON,
    )
    return DemoSummary(
        wksbm=len(forums), pengurus=len(pengurus), kps=len(kps), memberships=len(memberships), reports=len(reports)
    )


def _between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max((end - start).days, 0) + 1))


def _round(amount: float, step: int = 50_000) -> int:
    return max(step, int(round(amount / step)) * step)


class _Planner:
    """Lays out the whole demo from one random generator; consumes it in a fixed order, so runs are identical."""

    def __init__(self, rng: random.Random, regions: list[Wilayah], today: datetime.date):
        self.rng, self.today = rng, today
        self.by_code = {r.code: r for r in regions}
        self.taken: set = set()

    def plan(self) -> list[Plan]:
        plans = []
        for kabupaten, (desa_count, kecamatan_count) in FORUMS_PER_KABUPATEN.items():
            under = [r for r in self.by_code.values() if wilayah_codes.lies_within(r.code, kabupaten)]
            desa = [r for r in under if r.level == WilayahLevel.DESA]
            kecamatan = [r for r in under if r.level == WilayahLevel.KECAMATAN]
            featured = [r for r in desa if r.code in PENYULUHAN_2019 or r.code in DEPOK_2025]
            others = [r for r in desa if r not in featured]
            chosen = featured + self.rng.sample(others, min(len(others), desa_count - len(featured)))
            for region in sorted(chosen, key=lambda r: r.code):
                plans.append(self._forum(region))
            for region in sorted(
                self.rng.sample(kecamatan, min(len(kecamatan), kecamatan_count)), key=lambda r: r.code
            ):
                plans.append(self._forum(region))
        self._add_perantau_drive(plans)
        return plans

    # A forum ---------------------------------------------------------------------------------------------------

    def _forum(self, region: Wilayah) -> Plan:
        rng, today = self.rng, self.today
        at_kecamatan = region.level == WilayahLevel.KECAMATAN
        term = wilayah_codes.local_term(region.code, region.kind)
        featured = region.code in PENYULUHAN_2019 or region.code in DEPOK_2025
        if region.code in PENYULUHAN_2019:
            formed_on = _between(rng, datetime.date(2019, 8, 19), datetime.date(2019, 10, 31))
        elif region.code in DEPOK_2025:
            formed_on = _between(rng, datetime.date(2016, 1, 1), datetime.date(2018, 12, 31))
        else:
            year = rng.choices(list(FORMATION_YEAR_WEIGHTS), weights=list(FORMATION_YEAR_WEIGHTS.values()))[0]
            formed_on = min(_between(rng, datetime.date(year, 1, 1), datetime.date(year, 12, 31)), today)

        if at_kecamatan:
            name = f"Forum WKSBM {term} {region.name}"
        else:
            name = names.forum_name(rng, place=region.name, term=term)
        signer = names.sk_signer(place=region.name, term=term)
        name = names.unique_in(self.taken, wilayah=region.code, name=name)

        fields = {"name": name, "formed_on": formed_on}
        if featured or rng.random() < 0.9:
            sk_date = min(_between(rng, formed_on, formed_on + datetime.timedelta(days=45)), today)
            fields |= {"sk_number": names.sk_number(rng, year=sk_date.year), "sk_date": sk_date, "sk_signed_by": signer}
        if rng.random() < 0.6:
            fields["phone"] = names.landline_phone(rng) if rng.random() < 0.25 else names.mobile_phone(rng)
        if not at_kecamatan and rng.random() < 0.3:
            dusun = rng.choice(names.DUSUN_NAMES)
            fields["dusun_rw"] = f"Padukuhan {dusun}" if term == "Kalurahan" else f"RW {rng.randrange(1, 15):02d}"
            fields["address"] = f"Rumah ketua, {fields['dusun_rw']}, {term} {region.name}"
        else:
            office = "Balai" if term == "Kalurahan" else "Kantor"
            fields["address"] = f"{office} {term} {region.name}"

        plan = Plan(wilayah=region, fields=fields)
        age_days = (today - formed_on).days
        roll = rng.random()
        if not featured and age_days > 365 and roll < 0.2:
            plan.status = WksbmStatus.VAKUM if roll < 0.14 else WksbmStatus.BUBAR
            plan.status_changed_on = _between(rng, formed_on + datetime.timedelta(days=365), today)
            plan.notes = rng.choice(
                (
                    "Tidak ada kegiatan sejak pengurus lama mundur.",
                    "Pengurus sulit dihubungi; perlu pendampingan penyuluh.",
                    "Kegiatan berhenti setelah pergantian lurah.",
                    "",
                )
            )
        quiet = plan.status == WksbmStatus.AKTIF and not featured and rng.random() < 0.15
        plan.board = self._board(region, formed_on, plan.status, plan.status_changed_on, complete=featured)
        plan.kps = self._kps(region, term, formed_on, at_kecamatan)
        if plan.status == WksbmStatus.BUBAR:
            # A dissolved forum has no current members: every membership ended with it.
            plan.kps = [(kps, (m[0], m[1] or max(m[0], plan.status_changed_on)) if m else None) for kps, m in plan.kps]
        plan.reports = self._reports(formed_on, plan.status, plan.status_changed_on, quiet, region.code)
        return plan

    # Its board -------------------------------------------------------------------------------------------------

    def _board(self, region, formed_on, status, status_changed_on, *, complete: bool) -> list[dict]:
        rng, today = self.rng, self.today
        kecamatan_code = wilayah_codes.ancestor_code(region.code, WilayahLevel.KECAMATAN)
        gap = None if complete else rng.choices(("none", "sekretaris", "ketua_left"), weights=(84, 9, 7))[0]
        roles = ["ketua", "sekretaris"]
        if rng.random() < 0.85:
            roles.append("bendahara")
        if rng.random() < 0.3:
            roles.insert(1, "wakil-ketua")
        roles += ["seksi"] * rng.choice((0, 0, 1, 2, 3))
        if gap == "sekretaris":
            roles.remove("sekretaris")

        terms = [(formed_on, None)]
        # Forums older than a five-year term usually elected a new board; the first board's term then ended.
        re_elected = formed_on + datetime.timedelta(days=5 * 365)
        if status == WksbmStatus.AKTIF and re_elected < today and rng.random() < 0.5:
            terms = [(formed_on, re_elected - datetime.timedelta(days=1)), (re_elected, None)]
        if status == WksbmStatus.BUBAR:
            terms = [(formed_on, status_changed_on)]

        board = []
        for index, (start, end) in enumerate(terms):
            latest = index == len(terms) - 1
            for role in roles if latest else ["ketua", "sekretaris", "bendahara"]:
                female = rng.random() < (0.7 if role in ("sekretaris", "bendahara") else 0.35)
                person = {
                    "name": names.person_name(rng, female=female),
                    "role": role,
                    "period_from": start,
                    "period_to": end,
                }
                if rng.random() < (0.8 if role == "ketua" else 0.35):
                    person["phone"] = names.mobile_phone(rng)
                if rng.random() < 0.08:
                    person["nik"] = names.nik(rng, kecamatan_code=kecamatan_code, female=female)
                if latest and role == "ketua" and gap == "ketua_left":
                    # The chair stepped down and nobody took over: the board is incomplete.
                    stepped_down = _between(rng, start + datetime.timedelta(days=200), today)
                    person["period_to"] = max(start, min(stepped_down, today - datetime.timedelta(days=1)))
                board.append(person)
        return board

    # Its KPS ---------------------------------------------------------------------------------------------------

    def _kps(self, region, term, formed_on, at_kecamatan) -> list[tuple[dict, tuple | None]]:
        rng, today = self.rng, self.today
        result = []
        for kind, chance, (low, high) in KECAMATAN_KPS if at_kecamatan else DESA_KPS:
            if rng.random() >= chance:
                continue
            name = names.kps_name(rng, kind=kind, place=region.name, term=term)
            fields = {
                "name": names.unique_in(self.taken, wilayah=region.code, name=name),
                "kind": kind,
                "wilayah": region,
                "leader": names.person_name(rng),
                "member_count": rng.randint(low, high),
            }
            if rng.random() < 0.5:
                fields["phone"] = names.mobile_phone(rng)
            membership = None
            if rng.random() < 0.9:
                joined_on = min(_between(rng, formed_on, formed_on + datetime.timedelta(days=200)), today)
                left_on = None
                if rng.random() < 0.05 and joined_on < today - datetime.timedelta(days=60):
                    left_on = _between(rng, joined_on + datetime.timedelta(days=30), today)
                membership = (joined_on, left_on)
            result.append((fields, membership))
        return result

    # Its reports -----------------------------------------------------------------------------------------------

    def _reports(self, formed_on, status, status_changed_on, quiet: bool, code: str) -> list[dict]:
        rng, today = self.rng, self.today
        start = max(formed_on, datetime.date(today.year - 3, 1, 1))
        end = today
        if status != WksbmStatus.AKTIF:
            end = status_changed_on
        if quiet:
            if rng.random() < 0.4:
                return []
            # Last heard of 13 to 30 months ago: flagged as possibly dormant.
            end = dates.months_before(today, rng.randint(13, 30))
        if end <= start:
            return []
        reports = []
        for year in range(start.year, end.year + 1):
            for month, kind, chance in self._calendar(year, code):
                if rng.random() >= chance:
                    continue
                day = _between(rng, month[0], month[1])
                if start <= day <= end:
                    reports.append(self._report(day, kind, code))
        return sorted(reports, key=lambda r: r["date"])

    def _calendar(self, year: int, code: str):
        """A forum's year: a meeting, a Lebaran fund drive and santunan, school aid in July, social action later."""
        lebaran = IDULFITRI.get(year, datetime.date(year, 4, 1))
        # Gunungkidul's karst villages run short of water every dry season.
        dry_season = wilayah_codes.lies_within(code, GUNUNGKIDUL)
        return (
            ((datetime.date(year, 1, 5), datetime.date(year, 2, 28)), "rapat", 0.6),
            ((lebaran - datetime.timedelta(days=25), lebaran - datetime.timedelta(days=3)), "penghimpunan-dana", 0.55),
            ((lebaran - datetime.timedelta(days=10), lebaran - datetime.timedelta(days=1)), "penyaluran-bantuan", 0.6),
            ((datetime.date(year, 7, 1), datetime.date(year, 7, 25)), "penyaluran-bantuan", 0.4),
            ((datetime.date(year, 9, 1), datetime.date(year, 10, 31)), "aksi-sosial", 0.45 if dry_season else 0.2),
            ((datetime.date(year, 11, 1), datetime.date(year, 12, 20)), "pelatihan", 0.08),
        )

    def _report(self, day: datetime.date, kind: str, code: str) -> dict:
        rng = self.rng
        report = {"date": day, "kind": kind, "collected": [], "distributed": []}
        if kind == "rapat":
            report["description"] = rng.choice(
                (
                    "Rapat tahunan pengurus dan KPS: evaluasi program dan rencana kegiatan.",
                    "Rapat koordinasi dengan pemerintah kalurahan dan TKSK.",
                    "Musyawarah pengurus membahas data warga rentan.",
                )
            )
        elif kind == "penghimpunan-dana":
            report["description"] = "Penggalangan dana menjelang Idulfitri dari warga dan perantau yang mudik."
            sources = ["swadaya"] + rng.sample(["perantau", "dana-desa", "csr"], rng.randint(0, 2))
            ranges = {"swadaya": (0.5, 5), "perantau": (1, 20), "dana-desa": (5, 20), "csr": (2.5, 15)}
            report["collected"] = [(s, _round(rng.uniform(*ranges[s]) * 1_000_000)) for s in sources]
        elif kind == "penyaluran-bantuan":
            if day.month == 7:
                report["description"] = "Bantuan perlengkapan sekolah bagi anak dari keluarga kurang mampu."
                purposes = ["pendidikan"]
            else:
                report["description"] = "Santunan menjelang Idulfitri bagi lansia, penyandang disabilitas dan yatim."
                purposes = ["lansia"] + rng.sample(["disabilitas", "pendidikan", "kesehatan"], rng.randint(0, 2))
            report["distributed"] = [self._aid(purpose) for purpose in purposes]
        elif kind == "aksi-sosial":
            if wilayah_codes.lies_within(code, GUNUNGKIDUL) and rng.random() < 0.6:
                report["description"] = "Droping air bersih bagi warga terdampak kekeringan."
                report["distributed"] = [self._aid("bencana")]
            else:
                report["description"] = rng.choice(
                    (
                        "Kerja bakti bedah rumah warga tidak mampu.",
                        "Pemeriksaan kesehatan gratis bersama posyandu lansia.",
                        "Bantuan bagi keluarga korban tanah longsor.",
                    )
                )
                if rng.random() < 0.6:
                    report["distributed"] = [self._aid(rng.choice(("kesehatan", "bencana")))]
        else:
            report["description"] = "Pelatihan administrasi dan pelaporan bagi pengurus."
        return report

    def _aid(self, purpose: str) -> tuple[str, int, int]:
        rng = self.rng
        people, each = {
            "pendidikan": ((5, 30), (250_000, 500_000)),
            "lansia": ((10, 40), (100_000, 250_000)),
            "disabilitas": ((3, 12), (250_000, 500_000)),
            "kesehatan": ((5, 20), (100_000, 300_000)),
            "bencana": ((20, 120), (50_000, 150_000)),
        }[purpose]
        beneficiaries = rng.randint(*people)
        return purpose, _round(beneficiaries * rng.uniform(*each), 25_000), beneficiaries

    def _add_perantau_drive(self, plans: list[Plan]) -> None:
        """One Gunungkidul kecamatan forum raised Rp125 juta from its perantau: the figure a forum reported."""
        lebaran = IDULFITRI.get(self.today.year - 1, datetime.date(self.today.year - 1, 4, 1))
        day = lebaran - datetime.timedelta(days=2)
        for plan in plans:
            region = plan.wilayah
            if (
                region.level == WilayahLevel.KECAMATAN
                and wilayah_codes.lies_within(region.code, GUNUNGKIDUL)
                and plan.status == WksbmStatus.AKTIF
                and plan.fields["formed_on"] < day
            ):
                plan.reports.append(
                    {
                        "date": day,
                        "kind": "penghimpunan-dana",
                        "description": "Penggalangan dana dari paguyuban perantau di Jakarta dan Batam saat mudik.",
                        "collected": [("perantau", 125_000_000), ("swadaya", 7_500_000)],
                        "distributed": [],
                    }
                )
                plan.reports.sort(key=lambda r: r["date"])
                return
