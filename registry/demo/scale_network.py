"""National-scale synthetic network for `seed_scale`: mitra with contacts, ties, and Forum Komunikasi WKSBM.

`registry.demo.scale` drives it: `ScaleNetwork` reads what it needs when created (before any COPY starts),
`plan(forums)` lays out the mitra around the WKSBM just generated, then each `*_rows` generator yields one
table's rows for `bulk_insert`. As the rest of `seed_scale`, no history is written and every row obeys the model
rules (tests `full_clean` a sample):

- mitra sit where WKSBM are: a university per province, Baznas or a zakat body, one to three companies' CSR, a
  religious organisation, an LKS and now and then an LSM, ormas or office per kabupaten, a Puskesmas per
  kecamatan, a BUMDes or the desa government in some desa, and one national foundation; names are unique per
  seat (case and spaces ignored) and `reach` is what `Mitra.save` would derive;
- about 40% of the WKSBM have one to three ties with the mitra around them, of a kind that fits the mitra, one
  in five ended (an ended tie ends after it starts, and a dissolved WKSBM's ties end with it); about 3% have a
  tie with another WKSBM of their kecamatan (stored lower id first, as `Jejaring.normalize_ends` does);
- a fund line from a company's CSR names one of the kabupaten's companies, some "lainnya" lines its zakat body,
  and some health and disability aid is a referral to the kecamatan's Puskesmas or the kabupaten's LKS;
- each kabupaten with WKSBM has its Forum Komunikasi WKSBM, and about one kecamatan in ten with several WKSBM
  has one too, each with a board, member WKSBM of its wilayah (joined after both were formed, none in the
  future) and a few meetings attended only by the members of the day.

Its random generator is its own, so that the registry's rows are the same for the same seed with or without it.
"""

import datetime
import random
from collections import defaultdict

from django.db.models import Max

from registry import wilayah_codes
from registry.demo import mitra_names, names
from registry.enums import MitraLevel, WilayahKind, WilayahLevel, WksbmStatus
from registry.models import (
    ActivityKind,
    ForumKomunikasi,
    ForumMeeting,
    JejaringKind,
    Mitra,
    MitraKind,
    PengurusRole,
    Wilayah,
)
from registry.validators import clean_name, name_key

TIE_SHARE = 0.4  # of the WKSBM, with ties to mitra
TIES_PER_WKSBM = {1: 5, 2: 3, 3: 2}  # how many, weighted
ENDED_SHARE = 0.2  # of the ties, ended
WKSBM_TIE_SHARE = 0.03  # of the WKSBM, with a tie to another WKSBM of their kecamatan
KECAMATAN_FORUM_SHARE = 0.1  # of the kecamatan with at least KECAMATAN_FORUM_MIN WKSBM
KECAMATAN_FORUM_MIN = 3
# Kabupaten-level mitra: (kind slug, chance of one, most of them).
KABUPATEN_MITRA = (
    ("baznas-zakat", 1.0, 2),
    ("dunia-usaha", 1.0, 3),
    ("organisasi-keagamaan", 0.8, 1),
    ("lks", 0.7, 2),
    ("lsm", 0.3, 1),
    ("ormas", 0.3, 1),
    ("instansi-pemerintah", 0.4, 1),
)
DESA_MITRA = (("bumdes", 0.35), ("pemerintah-desa", 0.15))
# The kinds of tie that fit a mitra kind.
TIE_KINDS = {
    "dunia-usaha": ("kemitraan-dana", "program-bersama"),
    "baznas-zakat": ("kemitraan-dana",),
    "puskesmas": ("layanan-rujukan", "program-bersama"),
    "lks": ("layanan-rujukan",),
    "bumdes": ("kemitraan-dana", "program-bersama"),
    "pemerintah-desa": ("kemitraan-dana", "program-bersama"),
    "perguruan-tinggi": ("pendampingan-teknis", "program-bersama"),
    "organisasi-keagamaan": ("kemitraan-dana", "program-bersama"),
    "lsm": ("pendampingan-teknis", "layanan-rujukan"),
    "ormas": ("program-bersama",),
    "instansi-pemerintah": ("pendampingan-teknis", "program-bersama"),
    "lainnya": ("lainnya",),
}
# The short code of each mitra kind in an MoU number.
MOU_CODES = {"dunia-usaha": "CSR", "baznas-zakat": "ZIS", "puskesmas": "PKM", "perguruan-tinggi": "PT"}
TIE_DESCRIPTIONS = {
    "kemitraan-dana": "Dukungan dana santunan dan kegiatan sosial WKSBM.",
    "layanan-rujukan": "Rujukan warga rentan untuk layanan kesehatan dan sosial.",
    "pendampingan-teknis": "Pendampingan penyusunan program dan administrasi WKSBM.",
    "program-bersama": "Program bersama pemberdayaan warga kurang mampu.",
    "lainnya": "Kerja sama kegiatan sosial.",
}
STREETS = ("Jl. Pemuda", "Jl. Sudirman", "Jl. Ahmad Yani", "Jl. Diponegoro", "Jl. Pahlawan", "Jl. Merdeka")
NATIONAL_FOUNDATION = "Yayasan Peduli Sesama Nusantara"

MITRA_COLUMNS = ("id", "name", "kind_id", "level", "wilayah_id", "reach", "address", "registration_number")
MITRA_COLUMNS += ("notes", "created_at", "updated_at")
CONTACT_COLUMNS = ("mitra_id", "name", "position", "phone")
TIE_COLUMNS = ("wksbm_id", "mitra_id", "partner_wksbm_id", "kind_id", "started_on", "ended_on", "basis_number")
TIE_COLUMNS += ("basis_date", "description", "created_at", "updated_at")
FORUM_COLUMNS = ("id", "name", "wilayah_id", "formed_on", "sk_number", "sk_date", "sk_signed_by", "address")
FORUM_COLUMNS += ("notes", "created_at", "updated_at")
FORUM_PENGURUS_COLUMNS = ("forum_id", "name", "role_id", "phone", "nik", "period_from", "period_to")
FORUM_MEMBER_COLUMNS = ("forum_id", "wksbm_id", "joined_on", "left_on")
MEETING_COLUMNS = ("id", "forum_id", "date", "kind_id", "place", "description")
ATTENDANCE_COLUMNS = ("meeting_id", "wksbm_id", "persons")


class ScaleNetwork:
    """The network rows of one `seed_scale` run (see the module docstring)."""

    def __init__(self, *, rng: random.Random, slugs, scope, today, now, report_start):
        """Reads the reference lists (`slugs(model, needed)`: ids by slug), the mitra names taken in `scope` (a Q
        over `wilayah__code`, or None for all), the kabupaten and provinsi names and the next explicit ids."""
        self.rng, self.today, self.now, self.report_start = rng, today, now, report_start
        self.mitra_kinds = slugs(MitraKind, [*TIE_KINDS, *MOU_CODES])
        self.tie_kinds = slugs(JejaringKind, {kind for kinds in TIE_KINDS.values() for kind in kinds})
        self.roles = slugs(PengurusRole, ("ketua", "sekretaris", "bendahara", "seksi"))
        self.rapat = slugs(ActivityKind, ("rapat",))["rapat"]
        mitra = Mitra.objects.filter(scope) if scope is not None else Mitra.objects.all()
        self.taken = {(wilayah, name_key(name)) for wilayah, name in mitra.values_list("wilayah_id", "name").iterator()}
        upper = Wilayah.objects.filter(level__lte=WilayahLevel.KABUPATEN)
        self.upper_names = {code: clean_name(name) for code, name in upper.values_list("code", "name")}
        self.next_ids = {
            model: (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1
            for model in (Mitra, ForumKomunikasi, ForumMeeting)
        }
        self.forums: list = []
        self.mitra: list[tuple] = []  # rows
        self.contacts: list[tuple] = []
        self.around: dict[str, list[tuple[int, str]]] = defaultdict(list)  # wilayah code → [(mitra id, kind)]
        self.by_kabupaten: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.puskesmas: dict[str, int] = {}
        # The forums' rows, laid out by `plan_forums`.
        self.komunikasi: list[tuple] = []
        self.pengurus: list[tuple] = []
        self.members: list[tuple] = []
        self.meetings: list[tuple] = []
        self.attendance: list[tuple] = []

    # Mitra -----------------------------------------------------------------------------------------------------

    def plan(self, forums: list, places: dict[str, tuple[str, str]]) -> None:
        """Lays out the mitra around `forums` (the WKSBM generated, with `id`, `wilayah`, `at_kecamatan`,
        `formed_on`, `status`, `status_changed_on`); `places` gives each kecamatan's and desa's (name, term)."""
        rng = self.rng
        self.forums = forums
        codes = sorted({forum.wilayah for forum in forums})
        kecamatan = sorted({wilayah_codes.ancestor_code(code, WilayahLevel.KECAMATAN) for code in codes})
        kabupaten = sorted({wilayah_codes.ancestor_code(code, WilayahLevel.KABUPATEN) for code in codes})
        provinces = sorted({wilayah_codes.ancestor_code(code, WilayahLevel.PROVINSI) for code in codes})
        for provinsi in provinces:
            seat = _city_first([code for code in kabupaten if wilayah_codes.lies_within(code, provinsi)])
            self._mitra("perguruan-tinggi", MitraLevel.PROVINSI, seat, mitra_names.university(rng), area=provinsi)
        if kabupaten:
            self._mitra("lsm", MitraLevel.NASIONAL, _city_first(kabupaten), NATIONAL_FOUNDATION, area="")
        for code in kabupaten:
            name = self.upper_names.get(code, code)
            for kind, chance, most in KABUPATEN_MITRA:
                for nth in range(rng.randint(1, most) if rng.random() < chance else 0):
                    named = mitra_names.kabupaten_mitra(rng, kind=kind, kabupaten=name, nth=nth)
                    self._mitra(kind, MitraLevel.KABUPATEN, code, named)
        for code in kecamatan:
            place, _term = places[code]
            self._mitra("puskesmas", MitraLevel.KECAMATAN, code, mitra_names.puskesmas(place=place))
        for code in codes:
            if wilayah_codes.level_of(code) != WilayahLevel.DESA:
                continue
            place, term = places[code]
            for kind, chance in DESA_MITRA:
                # A kelurahan is a town's office, not a village: it has no BUMDes.
                if rng.random() < chance and not (
                    kind == "bumdes" and wilayah_codes.kind_for(code) == WilayahKind.KELURAHAN
                ):
                    named = mitra_names.desa_mitra(rng, kind=kind, place=place, term=term)
                    self._mitra(kind, MitraLevel.DESA, code, named, place=f"{term} {place}".strip())

    def _mitra(self, kind: str, level: str, seat: str, name: str, *, area: str | None = None, place: str = "") -> None:
        """Plans a mitra of `kind` at `level` seated in `seat`, with its contacts; the WKSBM of `area` (its seat by
        default) find it around them. `place` is its desa ("Kalurahan Candirejo"), where its office is."""
        rng = self.rng
        mitra_id = self.next_ids[Mitra] + len(self.mitra)
        name = names.unique_in(self.taken, wilayah=seat, name=name)
        town = self.upper_names.get(wilayah_codes.ancestor_code(seat, WilayahLevel.KABUPATEN), "")
        if place:
            address = f"Balai {place}, {town}"
        else:
            address = f"{rng.choice(STREETS)} No. {rng.randrange(1, 200)}, {town}".rstrip(", ")
        registration = (
            mitra_names.lks_registration(rng, year=rng.randint(2015, self.today.year)) if kind == "lks" else ""
        )
        reach = Mitra(level=level, wilayah_id=seat).working_area()  # what `Mitra.save` derives
        self.mitra.append(
            (mitra_id, name, self.mitra_kinds[kind], level, seat, reach, address, registration, "", self.now, self.now)
        )
        for _ in range(rng.choice((1, 1, 2))):
            phone = names.mobile_phone(rng) if rng.random() < 0.85 else ""
            self.contacts.append((mitra_id, names.person_name(rng), mitra_names.position(rng, kind=kind), phone))
        self.around[area if area is not None else seat].append((mitra_id, kind))
        if level == MitraLevel.KABUPATEN:
            self.by_kabupaten[seat][kind].append(mitra_id)
        elif kind == "puskesmas":
            self.puskesmas[seat] = mitra_id

    def mitra_rows(self) -> list[tuple]:
        return self.mitra

    def contact_rows(self) -> list[tuple]:
        return self.contacts

    # What flows through the ties -------------------------------------------------------------------------------

    def funder(self, wilayah: str, source: str) -> int | None:
        """The mitra a fund line of `source` (a FundSource slug) of a WKSBM in `wilayah` names, or None."""
        kinds = self.by_kabupaten.get(wilayah_codes.ancestor_code(wilayah, WilayahLevel.KABUPATEN), {})
        if source == "csr" and kinds.get("dunia-usaha") and self.rng.random() < 0.8:
            return self.rng.choice(kinds["dunia-usaha"])
        if source == "lainnya" and kinds.get("baznas-zakat") and self.rng.random() < 0.5:
            return self.rng.choice(kinds["baznas-zakat"])
        return None

    def referral(self, wilayah: str, purpose: str, people: int) -> tuple[int | None, int | None]:
        """(mitra, people referred) of an aid line of `purpose` for `people` people, or (None, None)."""
        rng = self.rng
        if purpose not in ("kesehatan", "disabilitas") or rng.random() >= 0.3:
            return None, None
        if purpose == "kesehatan":
            mitra = self.puskesmas.get(wilayah_codes.ancestor_code(wilayah, WilayahLevel.KECAMATAN))
        else:
            lks = self.by_kabupaten.get(wilayah_codes.ancestor_code(wilayah, WilayahLevel.KABUPATEN), {}).get("lks")
            mitra = rng.choice(lks) if lks else None
        return (mitra, rng.randint(1, max(1, people // 3))) if mitra else (None, None)

    # Ties ------------------------------------------------------------------------------------------------------

    def tie_rows(self):
        """Yields the ties of the WKSBM with the mitra around them, then the ties between WKSBM."""
        rng = self.rng
        counts, weights = list(TIES_PER_WKSBM), list(TIES_PER_WKSBM.values())
        for forum in self.forums:
            if rng.random() >= TIE_SHARE:
                continue
            candidates = [
                *self.around.get(forum.wilayah, ()),
                *self.around.get(wilayah_codes.ancestor_code(forum.wilayah, WilayahLevel.KECAMATAN), ()),
                *self.around.get(wilayah_codes.ancestor_code(forum.wilayah, WilayahLevel.KABUPATEN), ()),
                *self.around.get(wilayah_codes.ancestor_code(forum.wilayah, WilayahLevel.PROVINSI), ()),
                *self.around.get("", ()),
            ]
            candidates = list(dict.fromkeys(candidates))
            wanted = min(rng.choices(counts, weights)[0], len(candidates))
            for mitra_id, kind in rng.sample(candidates, wanted):
                tie = self._tie(forum, rng.choice(TIE_KINDS[kind]), MOU_CODES.get(kind, "MTR"))
                if tie:
                    yield (forum.id, mitra_id, None, *tie)
        yield from self._wksbm_ties()

    def _wksbm_ties(self):
        rng = self.rng
        by_kecamatan = defaultdict(list)
        for forum in self.forums:
            by_kecamatan[wilayah_codes.ancestor_code(forum.wilayah, WilayahLevel.KECAMATAN)].append(forum)
        pairs = set()
        for forum in self.forums:
            if rng.random() >= WKSBM_TIE_SHARE:
                continue
            neighbours = [
                other
                for other in by_kecamatan[wilayah_codes.ancestor_code(forum.wilayah, WilayahLevel.KECAMATAN)]
                if other.id != forum.id
            ]
            if not neighbours:
                continue
            other = rng.choice(neighbours)
            low, high = sorted((forum, other), key=lambda f: f.id)
            if (low.id, high.id) in pairs:
                continue
            pairs.add((low.id, high.id))
            # The tie starts once both exist and ends, at the latest, when either is dissolved.
            later = low if low.formed_on >= high.formed_on else high
            ended = [f.status_changed_on for f in (low, high) if f.status == WksbmStatus.BUBAR]
            tie = self._tie(later, "program-bersama", "WKSBM", dissolved=min(ended) if ended else None)
            if tie:
                yield (low.id, None, high.id, *tie)

    def _tie(self, forum, kind: str, code: str, *, dissolved: datetime.date | None = None) -> tuple | None:
        """(kind, start, end, basis number, basis date, description, created, updated) of a tie of `forum`, or
        None when the WKSBM had no day for it."""
        rng, today = self.rng, self.today
        if dissolved is None and forum.status == WksbmStatus.BUBAR:
            dissolved = forum.status_changed_on
        last = min(dissolved - datetime.timedelta(days=1), today) if dissolved else today
        if last < forum.formed_on:
            return None
        started_on = _day(rng, forum.formed_on, last)
        ended_on = None
        if dissolved:
            ended_on = dissolved
        elif rng.random() < ENDED_SHARE and started_on < today - datetime.timedelta(days=60):
            ended_on = _day(rng, started_on + datetime.timedelta(days=30), today)
        if ended_on is not None and ended_on <= started_on:
            return None
        number, basis_date = "", None
        if rng.random() < 0.6:
            basis_date = max(forum.formed_on, started_on - datetime.timedelta(days=rng.randrange(30)))
            number = mitra_names.mou_number(rng, day=basis_date, code=code)
        description = TIE_DESCRIPTIONS[kind]
        return self.tie_kinds[kind], started_on, ended_on, number, basis_date, description, self.now, self.now

    # Forums ----------------------------------------------------------------------------------------------------

    def plan_forums(self, places: dict[str, tuple[str, str]], *, only: tuple[str, ...] = ()) -> None:
        """Lays out the forums: one per kabupaten with WKSBM, and some kecamatan's (or those of the wilayah codes
        `only`), with their boards, members and meetings."""
        rng, today = self.rng, self.today
        by_kabupaten, by_kecamatan = defaultdict(list), defaultdict(list)
        for forum in self.forums:
            by_kabupaten[wilayah_codes.ancestor_code(forum.wilayah, WilayahLevel.KABUPATEN)].append(forum)
            by_kecamatan[wilayah_codes.ancestor_code(forum.wilayah, WilayahLevel.KECAMATAN)].append(forum)
        if only:
            chosen = [(code, {**by_kabupaten, **by_kecamatan}.get(code, []), 0.85) for code in only]
        else:
            chosen = [(code, wksbm, 0.6) for code, wksbm in sorted(by_kabupaten.items())]
            chosen += [
                (code, wksbm, 0.85)
                for code, wksbm in sorted(by_kecamatan.items())
                if len(wksbm) >= KECAMATAN_FORUM_MIN and rng.random() < KECAMATAN_FORUM_SHARE
            ]
        latest = min(datetime.date(2025, 12, 31), today - datetime.timedelta(days=30))
        for code, wksbm, share in chosen:
            forum_id = self.next_ids[ForumKomunikasi] + len(self.komunikasi)
            if wilayah_codes.level_of(code) == WilayahLevel.KABUPATEN:
                where = self.upper_names.get(code, code)
                signer, office = f"Kepala Dinas Sosial {where}", f"Kantor Dinas Sosial {where}"
            else:
                place, term = places[code]
                where = f"{term} {place}".strip()
                signer, office = names.sk_signer(place=place, term=term), f"Kantor {where}"
            formed_on = _day(rng, datetime.date(2014, 1, 1), latest)
            sk_date = min(formed_on + datetime.timedelta(days=rng.randrange(30)), today)
            self.komunikasi.append(
                (forum_id, f"Forum Komunikasi WKSBM {where}", code, formed_on)
                + (names.sk_number(rng, year=sk_date.year), sk_date, signer, office, "", self.now, self.now)
            )
            for role in ("ketua", "sekretaris", "bendahara") + ("seksi",) * rng.choice((0, 1, 2)):
                female = rng.random() < (0.35 if role == "ketua" else 0.6)
                phone = names.mobile_phone(rng) if rng.random() < 0.6 else ""
                self.pengurus.append(
                    (forum_id, names.person_name(rng, female=female), self.roles[role], phone, "", formed_on, None)
                )
            members = self._members(forum_id, formed_on, [w for w in wksbm if rng.random() < share])
            self._meetings(forum_id, formed_on, office, members)

    def _members(self, forum_id: int, formed_on: datetime.date, wksbm: list) -> list[tuple]:
        rng, today = self.rng, self.today
        rows = []
        for member in wksbm:
            joined_on = max(formed_on, member.formed_on) + datetime.timedelta(days=rng.randrange(120))
            if joined_on > today:
                continue
            left_on = None
            if member.status == WksbmStatus.BUBAR:
                left_on = max(member.status_changed_on, joined_on)
            elif rng.random() < 0.05 and joined_on < today - datetime.timedelta(days=60):
                left_on = _day(rng, joined_on + datetime.timedelta(days=30), today)
            rows.append((forum_id, member.id, joined_on, left_on))
        self.members += rows
        return rows

    def _meetings(self, forum_id: int, formed_on: datetime.date, place: str, members: list[tuple]) -> None:
        rng, today = self.rng, self.today
        start = max(formed_on, self.report_start)
        if start > today:
            return
        for day in sorted(_day(rng, start, today) for _ in range(rng.randint(1, 4))):
            meeting_id = self.next_ids[ForumMeeting] + len(self.meetings)
            description = rng.choice(
                (
                    "Rapat koordinasi forum: laporan kegiatan WKSBM anggota.",
                    "Pertemuan rutin forum dan berbagi pengalaman antar-WKSBM.",
                    "Rapat persiapan lomba WKSBM tingkat kabupaten.",
                )
            )
            self.meetings.append((meeting_id, forum_id, day, self.rapat, place, description))
            present = [m for m in members if m[2] <= day and (m[3] is None or m[3] > day)]
            for member in rng.sample(present, round(len(present) * rng.uniform(0.3, 0.8))):
                self.attendance.append((meeting_id, member[1], rng.randint(1, 3)))

    def forum_rows(self) -> list[tuple]:
        return self.komunikasi


def _city_first(kabupaten: list[str]) -> str:
    """The first kota of `kabupaten` (codes), where universities and foundations sit, or the first kabupaten."""
    return next((code for code in kabupaten if wilayah_codes.kind_for(code) == WilayahKind.KOTA), kabupaten[0])


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(max((end - start).days, 0) + 1))
