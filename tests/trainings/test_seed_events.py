"""`seed_scale --events`: synthetic penyuluhan events for the report benchmark (bench/report_speed.py); `seed_demo`:
the 2019 Gunungkidul program and recent events of the demo."""

import datetime

from django.contrib.auth.models import User
from django.urls import reverse

from registry import dates
from registry.demo import diy as diy_demo
from tests.registry.test_seed import full_clean_sample, run
from trainings.models import Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount, Program

EVENT_MODELS = (Program, Penyuluhan, Narasumber, Peserta, PesertaCount, Outcome)


def test_seed_scale_creates_the_asked_events_with_programs_participants_and_outcomes(db):
    output = run("seed_scale", "--provinsi", "34", "--wksbm", "300", "--kps", "500", "--events", "400")

    events = list(Penyuluhan.objects.with_totals().select_related("program"))
    assert len(events) == 400
    assert "400 kegiatan penyuluhan" in output
    assert len([event for event in events if event.program]) == 120
    assert {event.participant_total > 0 and event.narasumber_count > 0 for event in events} == {True}
    assert sorted({event.wilayah_id[:5] for event in events}) == ["34.01", "34.02", "34.03", "34.04", "34.71"]
    # A program's events lie in its kabupaten; no WKSBM is recorded as formed twice.
    assert {event.wilayah_id.startswith(event.program.wilayah_id + ".") for event in events if event.program} == {True}
    assert Outcome.objects.count() == Outcome.objects.values("wksbm").distinct().count() > 0


def test_seed_scale_events_obey_every_model_rule(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "300", "--kps", "500", "--events", "200")

    checked = [full_clean_sample(model, 20) for model in EVENT_MODELS]

    assert checked == [min(20, model.objects.count()) for model in EVENT_MODELS]
    assert Outcome.objects.count() > 0


# --- seed_demo ---------------------------------------------------------------------------------------------------


def test_seed_demo_records_the_2019_gunungkidul_program_as_it_ran(demo):
    output = demo

    program = Program.objects.with_figures().get(name="Penyuluhan Sosial Pembentukan WKSBM 2019")
    events = list(program.events.with_totals().order_by("starts_on", "pk"))
    assert "Data demo penyuluhan dibuat: 1 program," in output
    assert (program.year, program.wilayah_id, program.target_new_wksbm) == (2019, "34.03", 10)
    assert [event.wilayah_id for event in events] == list(diy_demo.PENYULUHAN_2019)
    assert [event.starts_on.day for event in events] == [8, 8, 9, 9, 12, 12, 13, 13, 15, 15]
    assert {(e.participant_total, e.narasumber_count, e.formed_count) for e in events} == {(40, 3, 1)}
    formed = Outcome.objects.filter(event__program=program).select_related("wksbm")
    assert sorted(outcome.wksbm.wilayah_id for outcome in formed) == sorted(diy_demo.PENYULUHAN_2019)
    assert program.formed_count == 10


def test_seed_demo_records_recent_events_the_demo_penyuluh_sees(client, demo):
    today = dates.today()

    recent = Penyuluhan.objects.filter(starts_on__gte=today - datetime.timedelta(days=90))
    client.force_login(User.objects.get(username="penyuluh.semanu"))
    page = client.get(reverse("penyuluhan_list")).content.decode()

    assert recent.count() >= 5
    assert {event.wilayah_id[:5] for event in recent} >= {"34.03", "34.02", "34.71"}
    assert "Penguatan kepengurusan WKSBM" in page


def test_seed_demo_events_obey_every_model_rule_and_have_history_by_the_demo_admin(demo):
    admin = User.objects.get(username="admin")

    checked = [full_clean_sample(model, 30) for model in EVENT_MODELS]

    assert checked == [min(30, model.objects.count()) for model in EVENT_MODELS]
    assert all(checked)
    assert {row.history_user_id for row in Penyuluhan.history.all()} == {admin.pk}


def test_seed_demo_events_are_written_once(demo):
    first = list(Penyuluhan.objects.order_by("starts_on", "wilayah_id").values_list("starts_on", "wilayah_id", "theme"))

    again = run("seed_demo")

    assert (
        list(Penyuluhan.objects.order_by("starts_on", "wilayah_id").values_list("starts_on", "wilayah_id", "theme"))
        == first
    )
    assert "tidak ada yang ditambahkan" in again


def test_seed_demo_accounts_only_prints_the_accounts(diy):
    output = run("seed_demo", "--accounts")

    assert output.splitlines() == [
        "Akun admin demo: admin / admin-demo-wksbm",
        "Akun Operator kabupaten/kota (34.03): operator.gunungkidul / petugas-demo-wksbm",
        "Akun Penyuluh (34.03.08): penyuluh.semanu / petugas-demo-wksbm",
        "Akun Pimpinan (34): pimpinan.diy / petugas-demo-wksbm",
    ]
    assert User.objects.count() == 0
