"""`seed_demo` (the DIY demo behind `make run`) and `seed_scale` (synthetic benchmark data)."""

import io
import random

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from registry.demo import diy as diy_demo
from registry.enums import Role
from registry.models import (
    ActivityReport,
    AidDistribution,
    FundCollection,
    Kps,
    KpsMembership,
    Pengurus,
    Wilayah,
    Wksbm,
)
from registry.roles import role_of
from registry.scoping import area_codes

DIY_KABUPATEN = ["34.01", "34.02", "34.03", "34.04", "34.71"]
MODELS = (Wksbm, Pengurus, Kps, KpsMembership, ActivityReport, FundCollection, AidDistribution)


def run(command, *args) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def full_clean_sample(model, size: int) -> int:
    """Runs every model rule (`full_clean`: fields, `clean()`, constraints) on up to `size` rows; returns how many."""
    ids = list(model.objects.values_list("pk", flat=True))
    sample = random.Random(0).sample(ids, min(size, len(ids)))
    for instance in model.objects.filter(pk__in=sample):
        instance.full_clean()
    return len(sample)


# --- seed_demo ---------------------------------------------------------------------------------------------------


def test_seed_demo_without_diy_wilayah_stops_with_a_clear_message_and_creates_nothing(db):
    with pytest.raises(CommandError) as raised:
        run("seed_demo")

    assert "load_wilayah --provinsi 34" in str(raised.value)
    assert (User.objects.count(), Wksbm.objects.count()) == (0, 0)


def test_seed_demo_builds_a_believable_diy_registry(demo):
    output = demo

    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.check_password("admin-demo-wksbm")) == (True, True)
    assert "admin / admin-demo-wksbm" in output
    total = Wksbm.objects.count()
    assert 150 <= total <= 250
    kabupaten = {code[:5] for code in Wksbm.objects.values_list("wilayah_id", flat=True)}
    assert sorted(kabupaten) == DIY_KABUPATEN
    assert Wksbm.objects.filter(wilayah__level=3).exists()
    assert Wksbm.objects.filter(wilayah__level=4).count() > 0.9 * total
    # Every WKSBM has a board, but the one the demo penyuluh just proposed (waiting for verification).
    assert list(Wksbm.objects.filter(pengurus__isnull=True).values_list("verification", flat=True)) == ["menunggu"]
    incomplete = Wksbm.objects.incomplete_board().count()
    assert 0 < incomplete < 0.3 * total
    assert Wksbm.objects.possibly_dormant().exists()
    assert {"aktif", "vakum", "bubar"} == set(Wksbm.objects.values_list("status", flat=True))
    assert Wksbm.objects.filter(status="aktif").count() > 0.7 * total
    assert Kps.objects.filter(memberships__isnull=True).exists()
    assert FundCollection.objects.filter(source__slug="perantau").exists()
    assert AidDistribution.objects.filter(beneficiaries__gt=0).exists()


def test_seed_demo_rows_obey_every_model_rule_and_have_history_by_the_demo_admin(demo):
    checked = [full_clean_sample(model, 40) for model in MODELS]
    admin, penyuluh = User.objects.get(username="admin"), User.objects.get(username="penyuluh.semanu")
    seeded = set(Wksbm.objects.values_list("pk", flat=True))
    created = set(Wksbm.history.filter(history_type="+", history_user=admin).values_list("id", flat=True))
    # What the demo penyuluh entered lately waits in the verification queue (registry.demo.verification).
    proposed = set(Wksbm.history.filter(history_type="+", history_user=penyuluh).values_list("id", flat=True))
    # A forum that fell dormant or was dissolved shows that as a later change.
    changed = set(Wksbm.history.filter(history_type="~", history_user=admin).values_list("id", flat=True))
    turned = set(Wksbm.history.filter(history_type="~", history_user=penyuluh).values_list("id", flat=True))
    assert checked == [40] * len(MODELS)
    assert (created | proposed, len(proposed)) == (seeded, 1)
    assert changed | turned == set(Wksbm.objects.exclude(status="aktif").values_list("pk", flat=True))
    for model in MODELS[1:]:
        by_admin = model.history.filter(history_user=admin, history_type="+").count()
        by_penyuluh = model.history.filter(history_user=penyuluh, history_type="+").count()
        assert by_admin + by_penyuluh == model.objects.count()
        assert by_penyuluh <= 2


def test_seed_demo_a_second_run_changes_nothing(demo):
    before = counts()

    output = run("seed_demo")

    assert counts() == before
    assert User.objects.count() == 4
    assert "admin / admin-demo-wksbm" in output
    assert "sudah ada" in output


def test_seed_demo_makes_one_account_per_role_in_its_area(demo):
    penyuluh = User.objects.get(username="penyuluh.semanu")
    assert (role_of(penyuluh), area_codes(penyuluh), penyuluh.check_password("petugas-demo-wksbm")) == (
        Role.PENYULUH,
        ["34.03.08"],
        True,
    )
    assert sorted(role_of(u) for u in User.objects.filter(is_superuser=False)) == sorted(
        [Role.KABUPATEN, Role.PENYULUH, Role.PIMPINAN]
    )


def test_seed_demo_plans_the_same_data_every_time(diy):
    first, second = diy_demo.plan_demo(), diy_demo.plan_demo()

    assert [plan.fields for plan in first] == [plan.fields for plan in second]
    assert [(p.board, p.kps, p.reports) for p in first] == [(p.board, p.kps, p.reports) for p in second]


# --- seed_scale --------------------------------------------------------------------------------------------------


def test_seed_scale_loads_the_wilayah_and_creates_exactly_the_asked_counts(db):
    output = run("seed_scale", "--provinsi", "34", "--wksbm", "200", "--kps", "1000")

    assert Wilayah.objects.filter(level=4).count() == 438
    assert (Wksbm.objects.count(), Kps.objects.count()) == (200, 1000)
    assert "tanpa riwayat" in output
    kabupaten = {code[:5] for code in Wksbm.objects.values_list("wilayah_id", flat=True)}
    assert sorted(kabupaten) == DIY_KABUPATEN
    assert Wksbm.objects.filter(wilayah__level=3).exists()
    assert not Wksbm.objects.filter(pengurus__isnull=True).exists()
    assert KpsMembership.objects.current().count() > 500
    assert Wksbm.objects.incomplete_board().exists()
    assert Wksbm.objects.possibly_dormant().exists()
    assert ActivityReport.objects.exists()
    assert FundCollection.objects.exists()
    assert AidDistribution.objects.exists()


def test_seed_scale_rows_obey_every_model_rule(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "200", "--kps", "1000")

    checked = [full_clean_sample(model, 40) for model in MODELS]

    assert checked == [40] * len(MODELS)


def test_seed_scale_refuses_a_database_with_wksbm_unless_appending(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "200", "--kps", "1000")

    with pytest.raises(CommandError) as raised:
        run("seed_scale", "--provinsi", "34", "--wksbm", "200", "--kps", "1000")

    assert "--append" in str(raised.value)
    assert (Wksbm.objects.count(), Kps.objects.count()) == (200, 1000)


def test_seed_scale_append_places_more_forums_than_desa_with_unique_names(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "200", "--kps", "1000")

    run("seed_scale", "--provinsi", "34", "--wksbm", "600", "--kps", "500", "--append", "--seed", "2")

    assert (Wksbm.objects.count(), Kps.objects.count()) == (800, 1500)
    # More forums than DIY's 438 desa and 78 kecamatan: some wilayah hold several, each with its own name.
    assert Wksbm.objects.values("wilayah").distinct().count() < 800
    assert full_clean_sample(Wksbm, 100) == 100
    # The id sequences were moved past the explicit ids: an ordinary save still works.
    Wksbm.objects.create(name="WKSBM Uji Urutan", wilayah_id="34.03.08.2004")
