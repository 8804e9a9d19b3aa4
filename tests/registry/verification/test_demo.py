"""`seed_demo` leaves the demo operator a queue: the demo penyuluh's entries waiting (a new WKSBM, a status turned
vakum, a new pengurus, a report, evaluations) and one returned with a reason, each with its history."""

from django.contrib.auth.models import User

from registry.enums import VerificationState
from registry.models import VerificationItem


def test_the_demo_has_entries_waiting_and_one_returned(demo):
    penyuluh, operator = User.objects.get(username="penyuluh.semanu"), User.objects.get(username="operator.gunungkidul")
    by_penyuluh = VerificationItem.objects.filter(submitted_by=penyuluh)
    assert set(by_penyuluh.waiting().values_list("kind", flat=True)) == {"wksbm", "pengurus", "laporan"}
    assert sorted(by_penyuluh.waiting().values_list("change", flat=True)).count("perubahan") == 1
    returned = by_penyuluh.returned().get()
    assert (returned.kind, returned.decided_by) == ("pengurus", operator) and returned.reason
    assert returned.record.verification == VerificationState.DIKEMBALIKAN
    assert VerificationItem.objects.for_user(operator).waiting().filter(kind="penilaian").exists()
    assert {item.wksbm.wilayah_id[:8] for item in by_penyuluh} == {"34.03.08"}
