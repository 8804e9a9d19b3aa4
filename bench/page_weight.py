"""Weighs every field page as a phone on a weak signal downloads it: the HTML plus its linked CSS and JS, gzipped.

Run: `.venv/bin/python bench/page_weight.py` (a throwaway SQLite database in a temporary folder) or
`.venv/bin/python bench/page_weight.py --postgres` (the benchmark PostgreSQL database, see bench/_setup.py; the
rows it adds are rolled back). It loads DI Yogyakarta's wilayah, gives a penyuluh of Kapanewon Semanu
a full registry (every desa with a WKSBM, a board, members and a year of reports, plus a kecamatan-level
forum) and two years of penyuluhan events there, logs in with Django's test client and requests every field
page, including the edit-conflict page, the pages that correct a pengurus, a KPS, a membership and a report, and a
report and an event sent back with errors. A kabupaten operator's
and a provincial admin's lists and wilayah choice are weighed too, as the largest lists, and so is the
participant form of a kabupaten-level event (its asal desa lists the kabupaten's desa). Each page's HTML is
gzipped (level 6, as a server compresses on the fly) and so are the stylesheets and scripts it links (read from
the static folders). Target: each page ≤ 25 KB.
"""

import argparse
import gzip
import io
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 25 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')
SEMANU, GUNUNGKIDUL, DIY = "34.03.08", "34.03", "34"
BENCH_USERS = ("bench_penyuluh", "bench_operator", "bench_provinsi")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="use the benchmark PostgreSQL database")
    args = parser.parse_args()
    if args.postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from _setup import setup_django

        setup_django()
        run()
    else:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["DATABASE_URL"] = f"sqlite:///{folder}/page_weight.sqlite3"
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wksbm.settings")
            sys.path.insert(0, str(ROOT))
            import django
            from django.core.management import call_command

            django.setup()
            call_command("migrate", verbosity=0)
            run()


def run() -> None:
    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # The edit-conflict page answers 409, which Django would log as a warning in the middle of the table.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    ensure_wilayah()
    # Everything the run adds is rolled back: the benchmark database is left as it was.
    with transaction.atomic():
        users, pages = seed()
        results = []
        for role, label, method, url, data in pages:
            client = Client()
            client.force_login(users[role])
            response = client.post(url, data) if method == "POST" else client.get(url)
            assert response.status_code in (200, 409), f"{label}: {url} answered {response.status_code}"
            html = response.content
            assets = ASSET.findall(html.decode())
            results.append((label, len(html), gz(html), sum(gz(static_file(path)) for path in assets)))
        transaction.set_rollback(True)
    report(results)


def ensure_wilayah() -> None:
    from django.core.management import call_command

    from registry.enums import WilayahLevel
    from registry.models import Wilayah

    if not Wilayah.objects.within([DIY]).filter(level=WilayahLevel.DESA).exists():
        call_command("load_wilayah", provinsi=[DIY], stdout=io.StringIO())


def seed():
    """The three users and the registry of Semanu; returns the users and the pages to weigh."""
    import datetime

    from django.contrib.auth.models import User

    from registry import dates
    from registry.enums import Role, WilayahLevel
    from registry.forms import WksbmEditForm
    from registry.models import (
        ActivityKind,
        AidPurpose,
        FundSource,
        KpsKind,
        PengurusRole,
        UserArea,
        Wilayah,
        Wksbm,
    )
    from registry.roles import role_group
    from registry.scoping import code_prefix_q
    from registry.services import wksbm as services

    users = {}
    for username, role, code in zip(
        BENCH_USERS, (Role.PENYULUH, Role.KABUPATEN, Role.PROVINSI), (SEMANU, GUNUNGKIDUL, DIY), strict=True
    ):
        user = User.objects.create_user(username)
        user.groups.add(role_group(role))
        UserArea.objects.create(user=user, wilayah_id=code)
        users[role] = user
    penyuluh = users[Role.PENYULUH]

    roles = list(PengurusRole.objects.all())
    kinds = list(KpsKind.objects.all())
    activity = list(ActivityKind.objects.all())
    sources, purposes = list(FundSource.objects.all())[:3], list(AidPurpose.objects.all())[:3]
    today = dates.today()
    places = list(Wilayah.objects.within([SEMANU]).order_by("code"))
    for number, wilayah in enumerate(places, start=1):
        unit = services.wksbm_create(
            by=penyuluh,
            name=f"Bench WKSBM {wilayah.name} Sejahtera",
            wilayah=wilayah,
            formed_on=datetime.date(2019, 8, 8),
            sk_number=f"{number}/KPTS/2019",
            address=f"Balai {wilayah.display_name}",
            phone="0274391234",
        )
        for index, role in enumerate(roles):
            services.pengurus_add(by=penyuluh, wksbm=unit, name=f"Pengurus {role.name} {wilayah.name}", role=role)
            if index < 2:
                services.pengurus_add(
                    by=penyuluh,
                    wksbm=unit,
                    name=f"Mantan {role.name} {wilayah.name}",
                    role=role,
                    period_from=datetime.date(2014, 1, 1),
                    period_to=datetime.date(2018, 12, 31),
                )
        for index, kind in enumerate(kinds[:8]):
            kps = services.kps_create(by=penyuluh, name=f"Bench {kind.name} {wilayah.name}", kind=kind, wilayah=wilayah)
            services.membership_add(by=penyuluh, kps=kps, wksbm=unit, joined_on=datetime.date(2019, 9, 1))
            if index == 0 and wilayah.level == WilayahLevel.DESA:
                services.kps_create(by=penyuluh, name=f"Bench KPS bebas {wilayah.name}", kind=kind, wilayah=wilayah)
        for month in range(12):
            services.report_create(
                by=penyuluh,
                wksbm=unit,
                date=today - datetime.timedelta(days=30 * month + 1),
                kind=activity[month % len(activity)],
                description="Rapat rutin pengurus dan penyaluran santunan kepada warga yang membutuhkan. " * 2,
                collected=[(source, 125_000 * (i + 1)) for i, source in enumerate(sources)],
                distributed=[(purpose, 100_000, 4) for purpose in purposes],
            )
    # The operator's list: a WKSBM in every desa of Gunungkidul (three pages of 50).
    for wilayah in (
        Wilayah.objects.within([GUNUNGKIDUL]).filter(level=WilayahLevel.DESA).exclude(code_prefix_q("code", [SEMANU]))
    ):
        services.wksbm_create(by=None, name=f"Bench WKSBM {wilayah.name}", wilayah=wilayah)

    events = seed_penyuluhan(penyuluh, users[Role.KABUPATEN])

    mine = Wksbm.objects.filter(code_prefix_q("wilayah__code", [SEMANU]), name__startswith="Bench WKSBM")
    desa = mine.filter(wilayah__level=WilayahLevel.DESA).first()
    kecamatan_level = mine.get(wilayah_id=SEMANU)
    pengurus = desa.pengurus.first()
    membership = desa.memberships.first()
    report = desa.reports.first()
    stale = {**WksbmEditForm.initial_for(desa), "version": "2019-01-01T00:00:00+07:00", "name": desa.name + " Baru"}
    stale = {key: "" if value is None else value for key, value in stale.items()}
    bad_report = {"date": "31/02/2025", "kind": "", "form_token": "", "dana-TOTAL_FORMS": "3"}
    bad_report |= {"dana-INITIAL_FORMS": "0", "bantuan-TOTAL_FORMS": "3", "bantuan-INITIAL_FORMS": "0"}
    bad_report |= {"dana-0-source": str(sources[0].pk), "dana-0-amount": "banyak", "bantuan-0-amount": "-5"}
    d, k = desa.pk, kecamatan_level.pk
    pen, op, adm = Role.PENYULUH, Role.KABUPATEN, Role.PROVINSI
    pages = [
        (pen, "Wilayah saya", "GET", "/", None),
        (pen, "Wilayah saya, cari", "GET", "/?q=candirejo", None),
        (pen, "WKSBM (desa)", "GET", f"/wksbm/{d}/", None),
        (pen, "WKSBM (kecamatan)", "GET", f"/wksbm/{k}/", None),
        (pen, "Tambah WKSBM", "GET", "/wksbm/baru/", None),
        (pen, "Ubah profil", "GET", f"/wksbm/{d}/ubah/", None),
        (pen, "Ubah profil: bentrok", "POST", f"/wksbm/{d}/ubah/", stale),
        (pen, "Tambah pengurus", "GET", f"/wksbm/{d}/pengurus/tambah/", None),
        (pen, "Akhiri masa bakti", "GET", f"/wksbm/{d}/pengurus/{pengurus.pk}/akhiri/", None),
        (pen, "KPS baru (desa)", "GET", f"/wksbm/{d}/kps/baru/", None),
        (pen, "KPS baru (kecamatan)", "GET", f"/wksbm/{k}/kps/baru/", None),
        (pen, "Tautkan KPS (kecamatan)", "GET", f"/wksbm/{k}/kps/tautkan/", None),
        (pen, "Keluarkan KPS", "GET", f"/wksbm/{d}/kps/{membership.pk}/keluar/", None),
        (pen, "Catat kegiatan", "GET", f"/wksbm/{d}/laporan/baru/", None),
        (pen, "Catat kegiatan: salah", "POST", f"/wksbm/{d}/laporan/baru/", bad_report),
        (pen, "Ubah pengurus", "GET", f"/wksbm/{d}/pengurus/{pengurus.pk}/ubah/", None),
        (pen, "Ubah KPS", "GET", f"/wksbm/{d}/kps/{membership.pk}/ubah/", None),
        (pen, "Ubah tanggal keanggotaan", "GET", f"/wksbm/{d}/kps/{membership.pk}/keanggotaan/", None),
        (pen, "Ubah laporan", "GET", f"/wksbm/{d}/laporan/{report.pk}/ubah/", None),
        (pen, "Hapus laporan", "GET", f"/wksbm/{d}/laporan/{report.pk}/hapus/", None),
        (op, "Wilayah saya (kabupaten)", "GET", "/", None),
        (op, "Tambah WKSBM (kabupaten)", "GET", "/wksbm/baru/", None),
        (adm, "Tambah WKSBM (provinsi)", "GET", "/wksbm/baru/", None),
        (adm, "Tambah WKSBM (provinsi, Semanu)", "GET", f"/wksbm/baru/?dalam={SEMANU}", None),
        *penyuluhan_pages(events, pen, op, adm),
        # Training history of pengurus.
        (
            op,
            "Cocokkan peserta dengan pengurus",
            "GET",
            f"/penyuluhan/kegiatan/{events['desa'].pk}/cocokkan-pengurus/",
            None,
        ),
        (pen, "Riwayat pelatihan pengurus", "GET", f"/penyuluhan/pengurus/{pengurus.pk}/", None),
        (pen, "Pengurus inti belum pelatihan", "GET", "/penyuluhan/pengurus-inti-belum-pelatihan/", None),
        *evaluation_pages(desa, users[Role.PENYULUH], pen, op),
        *worklist_pages(users, pen, op, adm),
        *visit_pages(desa, penyuluh, pen),
        *network_pages(desa, penyuluh, pen),
        *open_data_pages(pen),
    ]
    return users, pages


def open_data_pages(role) -> list:
    """The public open data of DI Yogyakarta published down to desa with its directory on (issue 22): its first
    page, the province's, Semanu's (its desa) and the directory, read as anyone reads them."""
    from registry.models import OpenDataSetting
    from registry.opendata.release import publish_open_data

    OpenDataSetting.objects.update_or_create(wilayah_id=DIY, defaults={"lowest_level": 4, "directory_enabled": True})
    publish_open_data()
    return [
        (role, "Data terbuka", "GET", "/data-terbuka/", None),
        (role, "Data terbuka (provinsi)", "GET", f"/data-terbuka/{DIY}/", None),
        (role, "Data terbuka (kecamatan)", "GET", f"/data-terbuka/{SEMANU}/", None),
        (role, "Direktori WKSBM aktif", "GET", f"/data-terbuka/{DIY}/direktori/", None),
    ]


def network_pages(wksbm, penyuluh, pen) -> list:
    """The network's field pages (registry/views/jejaring.py, mitra.py, forum.py): 60 mitra of Gunungkidul for the
    tie form's lists, a WKSBM with 12 ties (8 active) and a member of a kabupaten forum with 15 members, a board
    and 10 meetings; a new mitra sent with a close name, shown with its candidates."""
    import datetime

    from registry.models import (
        ActivityKind,
        ForumKomunikasi,
        ForumMember,
        JejaringKind,
        MitraKind,
        PengurusRole,
        Wilayah,
        Wksbm,
    )
    from registry.network import services
    from registry.scoping import code_prefix_q

    kinds, tie_kinds = list(MitraKind.objects.all()), list(JejaringKind.objects.all())
    mitra = [
        services.mitra_create(
            by=penyuluh,
            name=f"Bench {kinds[number % len(kinds)].name} Gunungkidul {number}",
            kind=kinds[number % len(kinds)],
            level="kabupaten",
            wilayah=wksbm.wilayah,
            address="Jl. Baron km 3, Wonosari",
            contacts=[
                {"name": f"Narahubung {number}-{c}", "position": "Koordinator", "phone": "081234567890"}
                for c in range(3)
            ],
        )
        for number in range(60)
    ]
    for number in range(12):
        services.tie_create(
            by=penyuluh,
            wksbm=wksbm,
            mitra=mitra[number],
            kind=tie_kinds[number % len(tie_kinds)],
            started_on=datetime.date(2022, 1, 1),
            ended_on=datetime.date(2023, 1, 1) if number >= 8 else None,
            basis_number=f"PKS/{number}/2022",
            description="Kemitraan penyaluran santunan pendidikan bagi anak yatim dan lansia terlantar.",
        )
    forum = ForumKomunikasi.objects.create(
        name="Bench Forum Komunikasi WKSBM Gunungkidul", wilayah=Wilayah.objects.get(code=GUNUNGKIDUL)
    )
    for role in PengurusRole.objects.all():
        forum.pengurus.create(name=f"Pengurus forum {role.name}", role=role, period_from=datetime.date(2020, 1, 1))
    members = Wksbm.objects.filter(code_prefix_q("wilayah__code", [GUNUNGKIDUL])).order_by("pk")[:15]
    for member in members:
        ForumMember.objects.create(forum=forum, wksbm=member, joined_on=datetime.date(2020, 2, 1))
    rapat = ActivityKind.objects.first()
    for number in range(10):
        meeting = forum.meetings.create(date=datetime.date(2024, 1 + number, 10), kind=rapat, place="Aula Dinsos")
        for member in members:
            meeting.attendance.create(wksbm=member, persons=2)
    w, m = wksbm.pk, mitra[0].pk
    tie = wksbm.ties.first()
    close = {"form_token": "6f1c1c1e-8d5f-4a39-9a3e-1f0c8c2c7a12", "mitra-name": mitra[0].name.upper()}
    close |= {"mitra-kind": str(kinds[0].pk), "mitra-level": "kabupaten", "mitra-wilayah": wksbm.wilayah_id}
    close |= {"kind": str(tie_kinds[0].pk), "started_on": "01/01/2024"}
    return [
        (pen, "WKSBM dengan jejaring", "GET", f"/wksbm/{w}/", None),
        (pen, "Tambah jejaring", "GET", f"/wksbm/{w}/jejaring/tambah/", None),
        (pen, "Jejaring dengan mitra baru", "GET", f"/wksbm/{w}/jejaring/mitra-baru/", None),
        (pen, "Mitra baru: nama mirip", "POST", f"/wksbm/{w}/jejaring/mitra-baru/", close),
        (pen, "Ubah jejaring", "GET", f"/wksbm/{w}/jejaring/{tie.pk}/ubah/", None),
        (pen, "Akhiri jejaring", "GET", f"/wksbm/{w}/jejaring/{tie.pk}/akhiri/", None),
        (pen, "Mitra", "GET", f"/mitra/{m}/", None),
        (pen, "Ubah mitra", "GET", f"/mitra/{m}/ubah/", None),
        (pen, "Forum komunikasi", "GET", "/forum/", None),
        (pen, "Forum komunikasi: satu forum", "GET", f"/forum/{forum.pk}/", None),
    ]


def worklist_pages(users, pen, op, adm):
    """'Perlu tindakan' (the operator's Gunungkidul WKSBM have no board: a full page of one kind) and uji petik (a
    sample of 50 in Gunungkidul as a visit list)."""
    from registry.models import Wilayah
    from trainings.sampling import uji_petik_draw

    sample = uji_petik_draw(by=users[op], wilayah=Wilayah.objects.get(code=GUNUNGKIDUL), size=50, seed=1)
    return [
        (pen, "Perlu tindakan", "GET", "/perlu-tindakan/", None),
        (op, "Perlu tindakan (kabupaten)", "GET", "/perlu-tindakan/", None),
        (op, "Perlu tindakan: satu jenis (kabupaten)", "GET", "/perlu-tindakan/?jenis=belum-lengkap", None),
        (adm, "Perlu tindakan (provinsi)", "GET", "/perlu-tindakan/", None),
        (pen, "Uji petik", "GET", "/penyuluhan/uji-petik/", None),
        (op, "Tarik sampel uji petik", "GET", "/penyuluhan/uji-petik/baru/", None),
        (op, "Uji petik: 50 WKSBM", "GET", f"/penyuluhan/uji-petik/{sample.pk}/", None),
        (pen, "Uji petik: bagian kecamatan", "GET", f"/penyuluhan/uji-petik/{sample.pk}/", None),
    ]


def seed_penyuluhan(penyuluh, operator):
    """Two years of events in Semanu, one a month, each with 3 narasumber, 40 participants (25 by name, the rest
    as headcounts) and a WKSBM formed; and a kabupaten-level bimtek. Returns the events the pages show."""
    import datetime

    from registry.enums import WilayahLevel
    from registry.models import Wilayah, Wksbm
    from trainings import services as trainings
    from trainings.models import EventKind, Unsur

    kinds = list(EventKind.objects.all())
    unsur = list(Unsur.objects.all())
    desa = list(Wilayah.objects.within([SEMANU]).filter(level=WilayahLevel.DESA).order_by("code"))
    events = []
    for month in range(24):
        place = desa[month % len(desa)]
        event = trainings.penyuluhan_create(
            by=penyuluh,
            kind=kinds[month % len(kinds)],
            theme=f"Penyuluhan sosial pembentukan dan penguatan WKSBM {place.name} {month + 1}",
            starts_on=datetime.date(2023, 1, 10) + datetime.timedelta(days=30 * month),
            wilayah=place,
            venue=f"Balai {place.display_name}",
            organiser="Seksi Penyuluhan Dinas Sosial DIY",
        )
        for number in range(3):
            trainings.narasumber_add(
                by=penyuluh,
                event=event,
                name=f"Narasumber Bench {number + 1}",
                institution="Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial",
                topic="Pembentukan, kepengurusan dan penghimpunan dana WKSBM",
            )
        for number in range(25):
            trainings.peserta_add(
                by=penyuluh,
                event=event,
                name=f"Peserta Bench Nama Lengkap {number + 1}",
                unsur=unsur[number % len(unsur)],
                origin=desa[number % len(desa)],
                phone="081234567890",
            )
        for item in unsur[:5]:
            trainings.peserta_count_set(by=penyuluh, event=event, unsur=item, count=3)
        wksbm = Wksbm.objects.filter(wilayah=place, name__startswith="Bench WKSBM").first()
        if wksbm and not month // len(desa):
            trainings.outcome_record(by=penyuluh, event=event, wksbm=wksbm)
        events.append(event)
    bimtek = trainings.penyuluhan_create(
        by=operator,
        kind=kinds[1],
        theme="Bimbingan teknis pengurus WKSBM se-kabupaten",
        starts_on=datetime.date(2024, 5, 2),
        wilayah=Wilayah.objects.get(code=GUNUNGKIDUL),
    )
    return {"desa": events[0], "kabupaten": bimtek}


def penyuluhan_pages(events, pen, op, adm) -> list:
    """The Penyuluhan field pages (trainings/views/penyuluhan.py), a form sent back with errors among them."""
    e, b = events["desa"].pk, events["kabupaten"].pk
    base = "/penyuluhan/kegiatan"
    bad = {"kind": "", "theme": "", "starts_on": "31/02/2025", "wilayah": "34.04", "form_token": ""}
    bad |= {"narasumber-TOTAL_FORMS": "3", "narasumber-INITIAL_FORMS": "0", "narasumber-1-topic": "Tanpa nama"}
    bad |= {"jumlah-unsur_1": "-4", "jumlah-unsur_2": "banyak"}
    return [
        (pen, "Kegiatan penyuluhan", "GET", f"{base}/", None),
        (pen, "Catat penyuluhan", "GET", f"{base}/baru/", None),
        (pen, "Catat penyuluhan: salah", "POST", f"{base}/baru/", bad),
        (pen, "Kegiatan (25 bernama)", "GET", f"{base}/{e}/", None),
        (pen, "Tambah peserta", "GET", f"{base}/{e}/peserta/tambah/", None),
        (pen, "Jumlah peserta per unsur", "GET", f"{base}/{e}/jumlah-peserta/", None),
        (pen, "Tambah narasumber", "GET", f"{base}/{e}/narasumber/tambah/", None),
        (pen, "WKSBM hasil kegiatan", "GET", f"{base}/{e}/hasil/tambah/", None),
        (op, "Catat penyuluhan (kabupaten)", "GET", f"{base}/baru/", None),
        (op, "Tambah peserta (bimtek kabupaten)", "GET", f"{base}/{b}/peserta/tambah/", None),
        (op, "WKSBM hasil (bimtek kabupaten)", "GET", f"{base}/{b}/hasil/tambah/", None),
        (adm, "Catat penyuluhan (provinsi)", "GET", f"{base}/baru/", None),
    ]


def evaluation_pages(desa, penyuluh, pen, op) -> list:
    """The evaluation field pages (trainings/views/evaluations.py): "Nilai WKSBM" of the example instrument, sent
    back with errors, and an evaluation's page and edit form; the operator's page with the confirm button."""
    from registry import dates
    from trainings import evaluation_services
    from trainings.models.evaluation import default_instrument

    instrument = default_instrument()
    other = desa.__class__.objects.filter(wilayah_id=desa.wilayah_id).exclude(pk=desa.pk).first() or desa
    indicators = evaluation_services.instrument_indicators(instrument)
    answers = [evaluation_services.Answer(i, list(i.options.all())[-1]) for i in indicators]
    evaluasi = evaluation_services.evaluation_create(
        by=penyuluh, wksbm=other, instrument=instrument, evaluated_on=dates.today(), answers=answers
    )
    bad = {"evaluated_on": "31/02/2025", "form_token": "", "notes": ""}
    return [
        (pen, "Nilai WKSBM", "GET", f"/penyuluhan/penilaian/wksbm/{desa.pk}/nilai/", None),
        (pen, "Nilai WKSBM: salah", "POST", f"/penyuluhan/penilaian/wksbm/{desa.pk}/nilai/", bad),
        (pen, "Penilaian", "GET", f"/penyuluhan/penilaian/{evaluasi.pk}/", None),
        (pen, "Ubah penilaian", "GET", f"/penyuluhan/penilaian/{evaluasi.pk}/ubah/", None),
        (op, "Penilaian (operator)", "GET", f"/penyuluhan/penilaian/{evaluasi.pk}/", None),
    ]


def visit_pages(wksbm, penyuluh, pen) -> list:
    """The visit pages (trainings/views/visits.py) of a WKSBM visited every two months for a year, each visit
    leaving two follow-ups, four still open (offered for closing on the visit form); a visit form sent back with
    errors among them."""
    import datetime

    from registry import dates
    from trainings import visit_services
    from trainings.models import VisitKind

    kinds = list(VisitKind.objects.all())
    board = list(wksbm.pengurus.all())
    today = dates.today()
    visit = None
    for number in range(6):
        day = today - datetime.timedelta(days=360 - 60 * number)
        visit = visit_services.visit_create(
            by=penyuluh,
            wksbm=wksbm,
            kind=kinds[number % len(kinds)],
            date=day,
            visitor=penyuluh,
            pengurus_present=board,
            topics="Administrasi, program kerja dan penghimpunan dana WKSBM. " * 2,
            findings="Buku kas belum diisi sejak tiga bulan terakhir; program kerja belum disusun. " * 2,
            advice="Isi buku kas setiap ada penerimaan dan pengeluaran. " * 2,
            agreements="Rapat pleno pengurus dan KPS anggota bulan depan. " * 2,
            next_visit_due=day + datetime.timedelta(days=90),
            follow_ups=[
                {"what": f"Menyusun program kerja tahunan {number}-{line}", "responsible": "Ketua WKSBM", "due_on": day}
                for line in range(2)
            ],
        )
    follow_up = visit.follow_ups.first()
    v, w = visit.pk, wksbm.pk
    bad = {"date": "31/02/2025", "kind": "", "visitor_choice": "lain", "visitor_name": "", "form_token": ""}
    bad |= {"tindak-TOTAL_FORMS": "3", "tindak-INITIAL_FORMS": "0", "tindak-0-what": "Tanpa batas waktu"}
    return [
        (pen, "Catat kunjungan", "GET", f"/penyuluhan/kunjungan/wksbm/{w}/baru/", None),
        (pen, "Catat kunjungan: salah", "POST", f"/penyuluhan/kunjungan/wksbm/{w}/baru/", bad),
        (pen, "Kunjungan", "GET", f"/penyuluhan/kunjungan/{v}/", None),
        (pen, "Ubah kunjungan", "GET", f"/penyuluhan/kunjungan/{v}/ubah/", None),
        (pen, "Semua kunjungan", "GET", f"/penyuluhan/kunjungan/wksbm/{w}/", None),
        (pen, "Tutup tindak lanjut", "GET", f"/penyuluhan/tindak-lanjut/{follow_up.pk}/tutup/", None),
    ]


def gz(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def static_file(url: str) -> bytes:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    found = finders.find(url.removeprefix(settings.STATIC_URL.rstrip("/") + "/").removeprefix(settings.STATIC_URL))
    assert found, f"linked file {url} not found in the static folders"
    return Path(found).read_bytes()


def report(results) -> None:
    print(f"\nField pages, gzip-compressed (target {LIMIT // 1024} KB each):")
    print(f"{'page':<34} {'HTML':>8} {'HTML gz':>8} {'CSS+JS gz':>10} {'total gz':>9}  result")
    for label, raw, html_gz, assets_gz in results:
        total = html_gz + assets_gz
        verdict = "ok" if total <= LIMIT else f"OVER by {total - LIMIT} B"
        print(f"{label:<34} {raw:>8} {html_gz:>8} {assets_gz:>10} {total:>9}  {verdict}")
    heaviest = max(results, key=lambda row: row[2] + row[3])
    total = heaviest[2] + heaviest[3]
    print(f"Heaviest: {heaviest[0]}, {total} B = {total / 1024:.1f} KB of {LIMIT // 1024} KB ({total / LIMIT:.0%}).")
    print(f"{sum(r[2] + r[3] <= LIMIT for r in results)} of {len(results)} pages within {LIMIT // 1024} KB.")


if __name__ == "__main__":
    main()
