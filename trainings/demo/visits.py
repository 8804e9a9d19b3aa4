"""Visits (*kunjungan*) and their follow-ups for the demo and the benchmarks.

- `seed_demo_visits` (`seed_demo`): believable visits to the demo's WKSBM of Kapanewon Semanu and elsewhere in
  Gunungkidul over the last year: pendampingan and supervisi by the demo penyuluh or a named TKSK/PSM, the
  pengurus present, what was found, advised and agreed, and follow-ups, some closed at a later visit, some still
  open and one overdue; one WKSBM left unvisited for months. Written through `trainings.visit_services`
  (validated, with history naming `by`), dated back from today: the same for the same day.
- `seed_visits` (`seed_scale`): about one or two visits a year for two years to each WKSBM just seeded (some
  never visited), with follow-ups, some open past their due date. Straight to the tables, without history, within
  the model rules (no visit in the future, next visit and follow-ups due after the visit, one visitor, closed
  follow-ups dated between their visit and today).
"""

import datetime
import random

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.demo import names
from registry.enums import WksbmStatus
from registry.models import Pengurus, Wksbm
from trainings import visit_services as services
from trainings.enums import FollowUpStatus, VisitorRole
from trainings.models import Kunjungan, TindakLanjut, VisitKind

# What visits find, advise and agree, and the follow-ups they leave (what, who): the usual story of a WKSBM.
FINDINGS = (
    "Buku kas dan notulen rapat belum diisi sejak tiga bulan terakhir.",
    "Program kerja tahunan belum disusun; kegiatan bergantung pada ketua.",
    "Iuran anggota berjalan, tetapi belum ada laporan penggunaan dana.",
    "Sekretaris pindah domisili; jabatan sekretaris kosong.",
    "Pertemuan rutin berjalan setiap bulan; penyaluran bantuan tercatat rapi.",
)
ADVICE = (
    "Isi buku kas setiap ada penerimaan dan pengeluaran, ditandatangani bendahara dan ketua.",
    "Susun program kerja bersama KPS anggota dalam rapat pleno.",
    "Umumkan laporan dana dalam pertemuan rutin.",
    "Segera pilih pengganti sekretaris melalui musyawarah pengurus.",
)
AGREEMENTS = (
    "Rapat pleno pengurus dan KPS anggota bulan depan.",
    "Laporan kegiatan dikirim ke penyuluh setiap akhir bulan.",
    "Pengurus melengkapi administrasi sebelum kunjungan berikutnya.",
)
FOLLOW_UPS = (
    ("Menyusun program kerja tahunan", "Ketua WKSBM"),
    ("Melengkapi buku kas dan notulen", "Bendahara WKSBM"),
    ("Memilih pengganti sekretaris", "Ketua WKSBM"),
    ("Mengirim laporan kegiatan bulanan", "Sekretaris WKSBM"),
    ("Mendampingi rapat pleno", "TKSK Kecamatan"),
)
# The demo's visits: (days before today, kind, named visitor (name, role) or None for the demo penyuluh).
DEMO_VISITS = (
    (320, "bimbingan-teknis", None),
    (200, "supervisi", ("Suparno", VisitorRole.TKSK)),
    (90, "pemantapan-teknis", None),
    (20, "monitoring-evaluasi", ("Rina Widyastuti", VisitorRole.PSM)),
)
DEMO_AREA = "34.03"  # Gunungkidul
SEMANU = "34.03.08"  # where the demo penyuluh works


def seed_demo_visits(*, by, today: datetime.date) -> str:
    """Writes the demo's visits (see the module's docstring) as `by`; returns what it wrote, in a sentence. Writes
    nothing when any visit is already recorded (the demo, or real data to leave alone)."""
    if Kunjungan.objects.exists():
        return _("Data demo kunjungan sudah ada; tidak ada yang ditambahkan.")
    kinds = {kind.slug: kind for kind in VisitKind.objects.all()}
    candidates = Wksbm.objects.exclude(status=WksbmStatus.BUBAR).order_by("wilayah_id", "pk")
    elsewhere = candidates.filter(wilayah__code__startswith=DEMO_AREA).exclude(wilayah__code__startswith=SEMANU)
    # Semanu's last: the demo penyuluh sees the unvisited one on the worklist.
    forums = list(elsewhere[:2]) + list(candidates.filter(wilayah__code__startswith=SEMANU)[:4])
    visits = follow_ups = 0
    # The last WKSBM is left unvisited ("Belum dikunjungi 6 bulan" on the worklist).
    for number, wksbm in enumerate(forums[:-1]):
        board = list(Pengurus.objects.filter(wksbm=wksbm).current())
        open_ones: list[TindakLanjut] = []
        chain = DEMO_VISITS[number % 2 :]
        if number % 3 == 2:
            chain = chain[:-1]  # no visit since: its last follow-up is overdue
        for step, (days_ago, kind, named) in enumerate(chain):
            day = today - datetime.timedelta(days=days_ago + number)
            visitor = {"visitor": by} if named is None else {"visitor_name": named[0], "visitor_role": named[1]}
            what, who = FOLLOW_UPS[(number + step) % len(FOLLOW_UPS)]
            new = [{"what": what, "responsible": who, "due_on": day + datetime.timedelta(days=45)}]
            # Each visit closes what the one before left: done, or (now and then) dropped.
            status = FollowUpStatus.BATAL if (number + step) % 4 == 3 else FollowUpStatus.SELESAI
            visit = services.visit_create(
                by=by,
                wksbm=wksbm,
                kind=kinds[kind],
                date=day,
                pengurus_present=board[: 2 + step % 2],
                topics=_("Administrasi dan program kerja WKSBM"),
                findings=FINDINGS[(number + step) % len(FINDINGS)],
                advice=ADVICE[(number + step) % len(ADVICE)],
                agreements=AGREEMENTS[(number + step) % len(AGREEMENTS)],
                next_visit_due=day + datetime.timedelta(days=120),
                follow_ups=new,
                closings=[(follow_up, status) for follow_up in open_ones],
                **visitor,
            )
            open_ones = list(visit.follow_ups.all())
            visits, follow_ups = visits + 1, follow_ups + len(new)
    return _("Data demo kunjungan dibuat: %(visits)s kunjungan, %(follow_ups)s tindak lanjut.") % {
        "visits": visits,
        "follow_ups": follow_ups,
    }


VISIT_COLUMNS = ("id", "wksbm_id", "date", "kind_id", "visitor_id", "visitor_name", "visitor_role", "topics")
VISIT_COLUMNS += ("findings", "advice", "agreements", "next_visit_due", "created_at", "updated_at")
FOLLOW_UP_COLUMNS = ("visit_id", "what", "responsible", "due_on", "status", "closed_on", "closed_at_visit_id")
FOLLOW_UP_COLUMNS += ("closing_note",)
# Visits to one WKSBM over the two years (0: never visited), and the kinds' weights.
VISITS_PER_WKSBM = (0, 1, 2, 2, 3, 3, 4)
KIND_WEIGHTS = {
    "bantuan-teknis": 10,
    "konsultasi-teknis": 10,
    "bimbingan-teknis": 25,
    "pemantapan-teknis": 10,
    "supervisi": 20,
    "monitoring-evaluasi": 25,
}
SCALE_YEARS = 2


def seed_visits(*, rng: random.Random, count: int, desa: list, forums: list, start, today, insert) -> dict:
    """Inserts visits to the `forums` (the WKSBM just seeded: `id`, `formed_on`, `status`) over the last two years
    (from their forming day), with their follow-ups; `count` (the events asked for) is not used: every run of
    `seed_scale` has visits. Returns the counts by table."""
    if not forums:
        return {}
    now = timezone.now()
    kinds = dict(VisitKind.objects.values_list("slug", "id"))
    slugs = [slug for slug in KIND_WEIGHTS if slug in kinds]
    weights = [KIND_WEIGHTS[slug] for slug in slugs]
    roles = list(VisitorRole.values)
    first_day = today - datetime.timedelta(days=365 * SCALE_YEARS)
    next_visit = (Kunjungan.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    visits, follow_ups = [], []
    for forum in forums:
        begin = max(first_day, forum.formed_on)
        span = (today - begin).days
        if span <= 0 or forum.status == WksbmStatus.BUBAR:
            continue
        days = (begin + datetime.timedelta(days=rng.randrange(span + 1)) for _ in range(rng.choice(VISITS_PER_WKSBM)))
        for day in sorted(days):
            visit_id = next_visit + len(visits)
            finding, advice = rng.choice(FINDINGS), rng.choice(ADVICE)
            next_due = day + datetime.timedelta(days=rng.randint(90, 180)) if rng.random() < 0.6 else None
            visits.append(
                (visit_id, forum.id, day, kinds[rng.choices(slugs, weights)[0]], None, names.person_name(rng))
                + (rng.choice(roles), "", finding, advice, rng.choice(AGREEMENTS), next_due, now, now)
            )
            for what, who in rng.sample(FOLLOW_UPS, rng.randint(0, 2)):
                due = day + datetime.timedelta(days=rng.randint(30, 120))
                status, closed_on = FollowUpStatus.TERBUKA, None
                if due < today and rng.random() < 0.7:
                    status = FollowUpStatus.SELESAI if rng.random() < 0.85 else FollowUpStatus.BATAL
                    closed_on = day + datetime.timedelta(days=rng.randrange(min((today - day).days, 150) + 1))
                follow_ups.append((visit_id, what, who, due, status, closed_on, None, ""))
    return {
        "kunjungan": insert(Kunjungan, VISIT_COLUMNS, visits),
        "tindak_lanjut": insert(TindakLanjut, FOLLOW_UP_COLUMNS, follow_ups),
    }
