"""`seed_scale --events`: synthetic penyuluhan events for the report benchmark (bench/report_speed.py)."""

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
