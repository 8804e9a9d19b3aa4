"""`seed_demo` shows the training history: a provincial bimtek whose participants are linked to their pengurus."""

from registry.enums import Role
from tests.trainings.conftest import user_with_role
from trainings.models import Penyuluhan, Peserta


def test_the_demo_has_a_provincial_bimtek_of_linked_pengurus_seen_by_their_kabupaten(demo):
    bimtek = Penyuluhan.objects.get(wilayah_id="34")
    linked = Peserta.objects.filter(event=bimtek, pengurus__isnull=False).select_related("pengurus__wksbm")
    assert linked.count() >= 2
    kabupaten = {p.pengurus.wksbm.wilayah_id[:5] for p in linked}
    operator = user_with_role("operator-demo", Role.KABUPATEN, min(kabupaten))
    assert bimtek in Penyuluhan.objects.for_user(operator)
    named = set(Peserta.objects.filter(event=bimtek).for_user(operator).values_list("pk", flat=True))
    assert named == {p.pk for p in linked if p.pengurus.wksbm.wilayah_id.startswith(f"{min(kabupaten)}.")}
