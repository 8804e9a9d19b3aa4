"""The network that `seed_demo` (DIY demo) and `seed_scale` (synthetic national data) write: mitra, contacts, ties,
fund and aid lines naming a mitra, and the Forum Komunikasi WKSBM with board, members and meetings."""

import random
import re

from django.contrib.auth.models import User
from django.db.models import Q

from registry import dates
from registry.demo import network as demo_network
from registry.demo.diy import DIY
from registry.enums import MitraLevel, Role
from registry.models import (
    AidDistribution,
    ForumAttendance,
    ForumKomunikasi,
    ForumMeeting,
    ForumMember,
    ForumPengurus,
    FundCollection,
    Jejaring,
    JejaringKind,
    Mitra,
    MitraContact,
    Wksbm,
)
from registry.wilayah_codes import lies_within
from tests.registry.test_seed import full_clean_sample, run
from tests.trainings.conftest import user_with_role

NETWORK_MODELS = (Mitra, MitraContact, Jejaring, ForumKomunikasi, ForumPengurus, ForumMember, ForumMeeting)
NETWORK_MODELS += (ForumAttendance,)
OUTLINE_TIE_KINDS = {"kemitraan-dana", "layanan-rujukan", "pendampingan-teknis", "program-bersama"}


def network_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in NETWORK_MODELS}


# --- seed_demo ---------------------------------------------------------------------------------------------------


def test_seed_demo_writes_the_network_it_reports(demo):
    output = demo

    line = next(line for line in output.splitlines() if line.startswith("Jejaring demo:"))
    figures = [int(number) for number in re.findall(r"\d+", line)]
    assert figures == [
        Mitra.objects.count(),
        MitraContact.objects.count(),
        Jejaring.objects.count(),
        FundCollection.objects.filter(mitra__isnull=False).count(),
        AidDistribution.objects.filter(referred_to__isnull=False).count(),
        ForumKomunikasi.objects.count(),
        ForumMember.objects.count(),
        ForumMeeting.objects.count(),
    ]
    assert min(figures) > 0


def test_seed_demo_names_believable_mitra_of_every_kind_at_their_level(demo):
    kinds = set(Mitra.objects.values_list("kind__slug", flat=True))
    assert kinds >= {"baznas-zakat", "dunia-usaha", "puskesmas", "bumdes", "pemerintah-desa", "perguruan-tinggi"}
    assert Mitra.objects.get(name="Baznas Kabupaten Gunungkidul").level == MitraLevel.KABUPATEN
    assert Mitra.objects.get(name="Puskesmas Semanu").wilayah_id == "34.03.08"
    assert Mitra.objects.filter(name__startswith="BUMKal ", level=MitraLevel.DESA).exists()
    assert Mitra.objects.filter(name__startswith="CSR PT ", kind__slug="dunia-usaha").exists()
    assert Mitra.objects.filter(name__startswith="Universitas ", level=MitraLevel.PROVINSI).exists()
    assert Mitra.objects.filter(Q(name__startswith="Lazismu ") | Q(name__startswith="LAZISNU ")).exists()
    assert not Mitra.objects.filter(contacts__isnull=True).exists()
    # Every mitra sits in DIY, and its working area is what `save` derives.
    assert all(lies_within(m.wilayah_id, DIY) and m.reach == m.working_area() for m in Mitra.objects.all())


def test_seed_demo_ties_are_of_each_kind_active_and_ended_with_mitra_and_between_wksbm(demo):
    ties = Jejaring.objects.all()
    assert set(ties.values_list("kind__slug", flat=True)) >= OUTLINE_TIE_KINDS
    assert ties.active().filter(mitra__isnull=False).exists()
    assert ties.past().filter(mitra__isnull=False).exists()
    assert ties.filter(partner_wksbm__isnull=False).exists()
    assert ties.exclude(basis_number="").filter(basis_date__isnull=False).exists()
    with_ties = Wksbm.objects.filter(Q(ties__isnull=False) | Q(partner_ties__isnull=False)).distinct().count()
    assert 0.25 < with_ties / Wksbm.objects.count() < 0.6
    # Money named its company or zakat body; referrals went to a Puskesmas or an LKS.
    funders = set(FundCollection.objects.filter(mitra__isnull=False).values_list("mitra__kind__slug", flat=True))
    assert funders <= {"dunia-usaha", "baznas-zakat"} and "dunia-usaha" in funders
    referred = AidDistribution.objects.filter(referred_to__isnull=False)
    assert set(referred.values_list("referred_to__kind__slug", flat=True)) <= {"puskesmas", "lks"}
    assert all(0 < line.referred_count <= max(1, line.beneficiaries) for line in referred)


def test_seed_demo_holds_the_sleman_forum_and_one_kecamatan_forum_with_board_members_and_meetings(demo):
    sleman = ForumKomunikasi.objects.get(name="Forum Komunikasi WKSBM Kabupaten Sleman")
    kecamatan = ForumKomunikasi.objects.exclude(pk=sleman.pk).get()
    assert (sleman.wilayah_id, kecamatan.wilayah.level) == ("34.04", 3)
    for forum in (sleman, kecamatan):
        assert {"ketua", "sekretaris"} <= set(forum.pengurus.values_list("role__slug", flat=True))
        members = forum.members.select_related("wksbm")
        assert members.exists()
        assert all(lies_within(m.wksbm.wilayah_id, forum.wilayah_id) for m in members)
        assert ForumAttendance.objects.filter(meeting__forum=forum).exists()
    assert sleman.sk_number and sleman.sk_signed_by == "Kepala Dinas Sosial Kabupaten Sleman"


def test_seed_demo_network_obeys_every_model_rule_with_history_by_the_demo_admin(demo):
    admin = User.objects.get(username="admin")
    for model in NETWORK_MODELS:
        for record in model.objects.all():
            record.full_clean()
        created = model.history.filter(history_type="+", history_user=admin)
        assert created.count() == model.objects.count(), model.__name__
    for model, field in ((FundCollection, "mitra"), (AidDistribution, "referred_to")):
        changed = set(model.history.filter(history_type="~", history_user=admin).values_list("id", flat=True))
        assert changed == set(model.objects.filter(**{f"{field}__isnull": False}).values_list("pk", flat=True))


def test_seed_demo_a_second_run_writes_no_more_network(demo):
    before = network_counts()

    run("seed_demo")

    assert network_counts() == before


def test_the_demo_penyuluh_sees_the_mitra_and_forum_of_their_kapanewon(demo):
    penyuluh = User.objects.get(username="penyuluh.semanu")

    seen = Mitra.objects.for_user(penyuluh)

    assert seen.filter(name="Puskesmas Semanu").exists()
    assert seen.filter(name="Baznas Kabupaten Gunungkidul").exists()
    assert not seen.filter(name="Baznas Kabupaten Sleman").exists()
    forums = ForumKomunikasi.objects.for_user(penyuluh)
    assert list(forums.values_list("name", flat=True)) == ["Forum Komunikasi WKSBM Kapanewon Semanu"]
    assert demo_network.SEMANU == "34.03.08"


# --- seed_scale --------------------------------------------------------------------------------------------------


def test_seed_scale_network_rows_obey_every_model_rule(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "300", "--kps", "600")

    checked = [full_clean_sample(model, 60) for model in NETWORK_MODELS]

    assert checked == [min(60, model.objects.count()) for model in NETWORK_MODELS]
    assert min(checked) > 0
    sample = random.Random(1).sample(list(Mitra.objects.all()), 60)
    assert all(m.reach == m.working_area() for m in sample)
    for line in FundCollection.objects.filter(mitra__isnull=False)[:60]:
        line.full_clean()
    for line in AidDistribution.objects.filter(referred_to__isnull=False)[:60]:
        line.full_clean()


def test_seed_scale_ties_about_forty_percent_of_the_wksbm_and_forms_a_forum_in_every_kabupaten(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "300", "--kps", "600")

    tied = Wksbm.objects.filter(ties__mitra__isnull=False).distinct().count()
    assert 0.3 < tied / 300 < 0.5
    assert Jejaring.objects.filter(partner_wksbm__isnull=False).exists()
    assert Jejaring.objects.filter(ended_on__isnull=False).exists()
    assert set(Jejaring.objects.values_list("kind__slug", flat=True)) >= OUTLINE_TIE_KINDS
    kabupaten_forums = ForumKomunikasi.objects.filter(wilayah__level=2)
    assert sorted(kabupaten_forums.values_list("wilayah_id", flat=True)) == [
        "34.01",
        "34.02",
        "34.03",
        "34.04",
        "34.71",
    ]
    assert ForumMember.objects.filter(forum__in=kabupaten_forums).count() > 100
    assert FundCollection.objects.filter(mitra__kind__slug="dunia-usaha").exists()
    assert AidDistribution.objects.filter(referred_to__isnull=False).exists()
    # No tie, member or meeting is dated ahead.
    today = dates.today()
    assert not Jejaring.objects.filter(Q(started_on__gt=today) | Q(ended_on__gt=today)).exists()
    assert not ForumMeeting.objects.filter(date__gt=today).exists()


def test_seed_scale_appending_keeps_mitra_names_unique_per_seat(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "200", "--kps", "200")
    first = Mitra.objects.count()

    run("seed_scale", "--provinsi", "34", "--wksbm", "200", "--kps", "200", "--append")

    assert Mitra.objects.count() > first
    assert full_clean_sample(Mitra, 200) == 200
    assert full_clean_sample(ForumKomunikasi, 10) == 10
    # The id sequences moved past the explicit ids: an ordinary save still works.
    Mitra.objects.create(name="Mitra Uji Urutan", kind_id=Mitra.objects.first().kind_id, wilayah_id="34.03")


def test_on_seeded_data_each_user_sees_exactly_the_mitra_the_rule_names(db):
    run("seed_scale", "--provinsi", "34", "--wksbm", "300", "--kps", "300")
    # A tie across kabupaten: a Gunungkidul WKSBM with a Sleman desa's mitra, seen in Gunungkidul only through it.
    wksbm = Wksbm.objects.filter(wilayah__code__startswith="34.03.").order_by("pk").first()
    far = Mitra.objects.filter(level=MitraLevel.DESA, wilayah__code__startswith="34.04.").order_by("pk").first()
    Jejaring.objects.create(wksbm=wksbm, mitra=far, kind=JejaringKind.objects.first(), started_on=wksbm.formed_on)
    ties = list(Jejaring.objects.filter(mitra__isnull=False).values_list("mitra_id", "wksbm__wilayah_id"))
    partner_ties = Jejaring.objects.filter(mitra__isnull=False, partner_wksbm__isnull=False)
    kecamatan = random.Random(3).sample(sorted({code[:8] for _, code in ties} - {wksbm.wilayah_id[:8]}), 5)
    codes = ["34", "34.03", "34.04", "34.71", wksbm.wilayah_id[:8], *kecamatan]

    for number, code in enumerate(codes):
        user = user_with_role(f"petugas_{number}", Role.PENYULUH if len(code) == 8 else Role.KABUPATEN, code)
        expected = {
            mitra.pk
            for mitra in Mitra.objects.all()
            if lies_within(mitra.wilayah_id, code)
            or mitra.level == MitraLevel.NASIONAL
            or (mitra.reach and (lies_within(code, mitra.reach)))
            or any(mitra_id == mitra.pk and lies_within(wilayah, code) for mitra_id, wilayah in ties)
        }

        assert set(Mitra.objects.for_user(user).values_list("pk", flat=True)) == expected, code
        assert (far.pk in expected) == any(lies_within(where, code) for where in (wksbm.wilayah_id, far.wilayah_id))
    # The rule's "either end" is the WKSBM end for a tie naming a mitra: such a tie has no partner WKSBM.
    assert not partner_ties.exists()
