"""`seed_demo` writes believable evaluations of the demo's Gunungkidul WKSBM; `seed_scale` inserts evaluations for
the last two periods that obey every model rule."""

from django.db.models import Count

from registry import dates
from tests.registry.test_seed import full_clean_sample, run
from trainings.models import Evaluasi, Jawaban
from trainings.models.evaluation import score_and_class


def test_seed_demo_writes_evaluations_of_gunungkidul_some_waiting_for_confirmation(demo):
    output = demo

    evaluations = Evaluasi.objects.select_related("evaluation_class")
    assert "Data demo penilaian dibuat:" in output
    assert evaluations.count() > 0
    assert {e.wksbm.wilayah_id[:5] for e in evaluations.select_related("wksbm")} == {"34.03"}
    this_year = str(dates.today().year)
    assert {e.status for e in evaluations.filter(period=this_year)} == {"diajukan", "dikonfirmasi"}
    assert {e.status for e in evaluations.exclude(period=this_year)} == {"dikonfirmasi"}
    assert set(evaluations.annotate(n=Count("answers")).values_list("n", flat=True)) == {9}
    assert evaluations.first().history.first().history_user.username == "admin"
    assert len({e.evaluation_class.name for e in evaluations}) >= 2


def test_seed_demo_twice_adds_no_evaluation(demo):
    before = Evaluasi.objects.count()
    run("seed_demo")
    assert Evaluasi.objects.count() == before


def test_seed_scale_inserts_evaluations_that_obey_every_rule(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "300", "--kps", "100")

    periods = set(Evaluasi.objects.values_list("period", flat=True))
    year = dates.today().year
    assert periods == {str(year), str(year - 1)}
    evaluated = Evaluasi.objects.values("wksbm").distinct().count()
    assert 0.4 * 300 < evaluated < 0.95 * 300
    assert Evaluasi.objects.filter(status="dikonfirmasi").count() > 0.7 * Evaluasi.objects.count()
    assert full_clean_sample(Evaluasi, 20) == 20
    assert full_clean_sample(Jawaban, 20) == 20
    for evaluasi in Evaluasi.objects.select_related("instrument", "evaluation_class")[:20]:
        options = [answer.option for answer in evaluasi.answers.select_related("option")]
        assert score_and_class(options, evaluasi.instrument.classes.all()) == (
            evaluasi.score,
            evaluasi.evaluation_class,
        )
