"""The penyuluhan part of `seed_demo` (`seed_demo_events`): the 2019 Gunungkidul program as the province ran it,
and a few recent events, so that every penyuluhan page of `make run` shows something.

- The program "Penyuluhan Sosial Pembentukan WKSBM 2019" of Kabupaten Gunungkidul: 10 village sessions from 8 to
  15 August 2019, two a day, in the ten desa of `registry.demo.diy.PENYULUHAN_2019`; each with 40 participants
  (community and religious leaders, village officials, PKH assistants, cadres, the TKSK by name, PSM and
  community penyuluh) and 3 narasumber (the provincial office, a practitioner, a training centre); target 10
  new WKSBM, and the ten WKSBM the demo registry formed there in the following weeks recorded as its outcomes.
- The 2025 organisation-management training of Kapanewon Depok (Sleman) for its three kalurahan.
- Recent events, dated back from today (the last three months): in Kapanewon Semanu (the demo penyuluh's area)
  and elsewhere in Gunungkidul, Bantul and Kota Yogyakarta.

Everything is written through the trainings services (validated, with history naming the demo admin), with
fixed names and dates relative to today: the same for the same day.
"""

import datetime

from django.utils.translation import gettext as _

from registry.demo.diy import DEPOK_2025, GUNUNGKIDUL, PENYULUHAN_2019
from registry.enums import WilayahLevel
from registry.models import Pengurus, Wilayah, Wksbm
from trainings import services
from trainings.enums import OutcomeKind
from trainings.models import EventKind, Penyuluhan, Unsur

PROGRAM_2019 = "Penyuluhan Sosial Pembentukan WKSBM 2019"
ORGANISER = "Seksi Penyuluhan Sosial, Dinas Sosial DIY"
# Two sessions a day, in PENYULUHAN_2019's order (Kampung and Rejosari first, Grogol and Pampang last).
DAYS_2019 = (8, 9, 12, 13, 15)
# The 40 participants of a 2019 session: counted by unsur, and the kecamatan's TKSK by name.
HEADCOUNT_2019 = {
    "tokoh-masyarakat": 8,
    "tokoh-agama": 5,
    "perangkat-desa": 6,
    "pendamping-pkh": 3,
    "kader": 8,
    "psm": 4,
    "penyuluh-sosial-masyarakat": 5,
}
TKSK_2019 = (
    "Suparno",
    "Wahyu Hidayat",
    "Sri Lestari",
    "Sri Lestari",
    "Agus Prasetyo",
    "Bambang Susilo",
    "Rina Widyastuti",
    "Rina Widyastuti",
    "Joko Santoso",
    "Joko Santoso",
)
NARASUMBER_2019 = (
    ("Drs. Untung Sukaryadi, M.M.", "Dinas Sosial DIY", "Kebijakan penyuluhan sosial dan pembentukan WKSBM"),
    ("Sugeng Riyadi", "Praktisi pekerjaan sosial", "Pengalaman mengelola WKSBM di desa"),
    ("Dra. Endang Sulistyowati", "Balai Besar Pelatihan Kesejahteraan Sosial", "Kepengurusan dan administrasi WKSBM"),
)
DEPOK_TRAINING = datetime.date(2025, 9, 17)
# Recent events: (days before today, wilayah code, event kind, theme, venue, headcount per unsur).
RECENT = (
    (
        9,
        "34.03.08.2001",
        "sosialisasi",
        "Sosialisasi WKSBM bagi kader dan perangkat kalurahan",
        "Balai Kalurahan Ngeposari",
        {"kader": 12, "perangkat-desa": 5, "tokoh-masyarakat": 6},
    ),
    (
        23,
        "34.03.08.2004",
        "penyuluhan-sosial",
        "Penguatan kepengurusan WKSBM",
        "Balai Kalurahan Candirejo",
        {"tokoh-masyarakat": 7, "tokoh-agama": 3, "kader": 9, "psm": 3},
    ),
    (
        41,
        "34.03.01",
        "bimbingan-teknis",
        "Bimbingan teknis administrasi dan pelaporan WKSBM",
        "Aula Kapanewon Wonosari",
        {"perangkat-desa": 10, "psm": 6, "karang-taruna": 4},
    ),
    (
        58,
        "34.02.01",
        "penyuluhan-sosial",
        "Penyuluhan sosial pembentukan WKSBM",
        "Aula Kapanewon Srandakan",
        {"tokoh-masyarakat": 10, "tokoh-agama": 4, "pkk": 8, "kader": 6},
    ),
    (
        80,
        "34.71.01",
        "sosialisasi",
        "Jejaring WKSBM dengan sistem sumber kesejahteraan sosial",
        "Kantor Kemantren Tegalrejo",
        {"tokoh-masyarakat": 6, "pkk": 6, "karang-taruna": 5},
    ),
)
RECENT_NARASUMBER = (("Siti Rahmawati, S.Sos.", "Dinas Sosial DIY"), ("Hari Purnomo", "Penyuluh sosial fungsional"))


def seed_demo_events(*, by, today: datetime.date) -> str:
    """Writes the demo's penyuluhan (see the module's docstring) as `by`; returns what it wrote, in a sentence.
    Writes nothing when any event is already recorded (the demo, or real data to leave alone)."""
    if Penyuluhan.objects.exists():
        return _("Data demo penyuluhan sudah ada; tidak ada yang ditambahkan.")
    kinds = {kind.slug: kind for kind in EventKind.objects.all()}
    unsur = {entry.slug: entry for entry in Unsur.objects.all()}
    places = Wilayah.objects.in_bulk([GUNUNGKIDUL, *PENYULUHAN_2019, *DEPOK_2025, "34.04.07"] + [r[1] for r in RECENT])
    events = _program_2019(by=by, kinds=kinds, unsur=unsur, places=places)
    events += _depok_2025(by=by, kinds=kinds, unsur=unsur, places=places, today=today)
    events += _recent(by=by, kinds=kinds, unsur=unsur, places=places, today=today)
    events += _provinsi_bimtek(by=by, kinds=kinds, unsur=unsur, today=today)
    return _("Data demo penyuluhan dibuat: 1 program, %(events)s kegiatan.") % {"events": len(events)}


def _counts(*, by, event, unsur, headcount: dict) -> None:
    for slug, count in headcount.items():
        services.peserta_count_set(by=by, event=event, unsur=unsur[slug], count=count)


def _program_2019(*, by, kinds, unsur, places) -> list:
    program = services.program_create(
        by=by,
        name=PROGRAM_2019,
        year=2019,
        wilayah=places[GUNUNGKIDUL],
        starts_on=datetime.date(2019, 8, 8),
        ends_on=datetime.date(2019, 8, 15),
        organiser=ORGANISER,
        target_new_wksbm=len(PENYULUHAN_2019),
        notes="Penyuluhan sosial tingkat desa di 10 lokasi, dua lokasi per hari.",
    )
    events = []
    for index, code in enumerate(PENYULUHAN_2019):
        desa = places[code]
        day = datetime.date(2019, 8, DAYS_2019[index // 2])
        event = services.penyuluhan_create(
            by=by,
            kind=kinds["penyuluhan-sosial"],
            theme="Penyuluhan sosial pembentukan WKSBM",
            starts_on=day,
            wilayah=desa,
            venue=f"Balai {desa.local_term} {desa.name}",
            organiser=ORGANISER,
            program=program,
            expected_participants=40,
            implementation_notes="Peserta menyepakati pembentukan WKSBM dan susunan pengurusnya.",
            follow_up_notes="SK pengesahan WKSBM oleh lurah; pendampingan oleh TKSK dan PSM.",
        )
        for name, institution, topic in NARASUMBER_2019:
            services.narasumber_add(by=by, event=event, name=name, institution=institution, topic=topic)
        _counts(by=by, event=event, unsur=unsur, headcount=HEADCOUNT_2019)
        services.peserta_add(by=by, event=event, name=TKSK_2019[index], unsur=unsur["tksk"], origin=desa.parent)
        formed = Wksbm.objects.filter(wilayah=desa, formed_on__gt=day).order_by("pk").first()
        if formed is not None:
            services.outcome_record(by=by, wksbm=formed, kind=OutcomeKind.FORMED, event=event)
        events.append(event)
    return events


def _depok_2025(*, by, kinds, unsur, places, today) -> list:
    if today < DEPOK_TRAINING:
        return []
    event = services.penyuluhan_create(
        by=by,
        kind=kinds["pelatihan"],
        theme="Pelatihan manajemen organisasi WKSBM",
        starts_on=DEPOK_TRAINING,
        ends_on=DEPOK_TRAINING + datetime.timedelta(days=1),
        wilayah=places["34.04.07"],
        venue="Aula Kapanewon Depok",
        organiser=ORGANISER,
        expected_participants=30,
        implementation_notes="Pengurus WKSBM Kalurahan Condongcatur, Caturtunggal dan Maguwoharjo.",
    )
    for name, institution, topic in NARASUMBER_2019[::2]:
        services.narasumber_add(by=by, event=event, name=name, institution=institution, topic=topic)
    _counts(by=by, event=event, unsur=unsur, headcount={"tokoh-masyarakat": 12, "kader": 9, "psm": 6})
    return [event]


def _recent(*, by, kinds, unsur, places, today) -> list:
    events = []
    for days_ago, code, kind, theme, venue, headcount in RECENT:
        event = services.penyuluhan_create(
            by=by,
            kind=kinds[kind],
            theme=theme,
            starts_on=today - datetime.timedelta(days=days_ago),
            wilayah=places[code],
            venue=venue,
            organiser=ORGANISER,
            expected_participants=sum(headcount.values()),
        )
        for name, institution in RECENT_NARASUMBER:
            services.narasumber_add(by=by, event=event, name=name, institution=institution)
        _counts(by=by, event=event, unsur=unsur, headcount=headcount)
        events.append(event)
    return events


def _provinsi_bimtek(*, by, kinds, unsur, today) -> list:
    """A provincial bimtek held last month at provinsi level, attended by up to sixteen core pengurus (ketua,
    sekretaris) of demo WKSBM across the province, named as they are and linked to their pengurus by the matching
    rule (`trainings.pengurus_match`): each kabupaten's operator sees it, with only their own people named."""
    event = services.penyuluhan_create(
        by=by,
        kind=kinds["bimbingan-teknis"],
        theme="Bimbingan teknis pengurus WKSBM se-DIY",
        starts_on=today - datetime.timedelta(days=30),
        wilayah=Wilayah.objects.get(code="34"),
        venue="Aula Dinas Sosial DIY",
        organiser=ORGANISER,
    )
    for name, institution, topic in NARASUMBER_2019[:2]:
        services.narasumber_add(by=by, event=event, name=name, institution=institution, topic=topic)
    board = (
        Pengurus.objects.current()
        .filter(role__required=True, wksbm__wilayah__level=WilayahLevel.DESA)
        .select_related("wksbm")
        .order_by("wksbm__wilayah_id", "pk")
    )
    people = [
        services.peserta_add(by=by, event=event, name=p.name, unsur=unsur["tokoh-masyarakat"], origin=p.wksbm.wilayah)
        for p in list(board[::7])[:16]
    ]
    services.peserta_link_sure(by=by, event=event, people=people)
    return [event]
