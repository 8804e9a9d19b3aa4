"""The demo's verification queue, written by `seed_demo` after the update cycle (`registry.extensions.demo_seeders`):
what the demo penyuluh of Semanu entered lately waits for the demo operator of Gunungkidul (a new WKSBM, a status
turned vakum, a new pengurus, an activity report), and one new pengurus was returned with a reason. Written through
the real services as the demo penyuluh and operator, so the items, the records' states and their history are those a
person would leave."""

import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from registry import extensions
from registry.enums import WilayahLevel, WksbmStatus
from registry.models import ActivityKind, FundSource, PengurusRole, VerificationItem, Wilayah, Wksbm
from registry.services import wksbm as services
from registry.verification import services as verification

DEMO_PENYULUH, DEMO_OPERATOR = "penyuluh.semanu", "operator.gunungkidul"
SEMANU = "34.03.08"
RETURNED_REASON = "Nomor telepon dan masa bakti belum diisi; mohon dilengkapi sesuai SK kepengurusan."


def register() -> None:
    extensions.demo_seeders.register(extensions.DemoSeeder(key="verifikasi", order=70, seed=seed_demo_queue))


def seed_demo_queue(*, by, today: datetime.date) -> str:
    """Writes the waiting and returned entries (see the module's docstring) as the demo penyuluh and operator; writes
    nothing when either account or four active WKSBM of Semanu are missing. Returns what it wrote."""
    users = get_user_model().objects.filter(username__in=(DEMO_PENYULUH, DEMO_OPERATOR)).in_bulk(field_name="username")
    active = list(Wksbm.objects.filter(wilayah__code__startswith=f"{SEMANU}.", status=WksbmStatus.AKTIF).order_by("pk"))
    if len(users) < 2 or len(active) < 4:
        return "Antrean verifikasi demo tidak dibuat: akun demo atau WKSBM Semanu belum ada."
    penyuluh, operator = users[DEMO_PENYULUH], users[DEMO_OPERATOR]
    taken = set(Wksbm.objects.filter(wilayah__code__startswith=f"{SEMANU}.").values_list("wilayah_id", flat=True))
    desa = Wilayah.objects.filter(level=WilayahLevel.DESA, code__startswith=f"{SEMANU}.").exclude(code__in=taken)
    place = desa.order_by("code").first() or active[0].wilayah
    services.wksbm_create(
        by=penyuluh, name="WKSBM Sido Rukun", wilayah=place, formed_on=today - datetime.timedelta(days=20)
    )
    services.wksbm_update(by=penyuluh, wksbm=active[0], status=WksbmStatus.VAKUM)
    roles = PengurusRole.objects.order_by("pk")
    services.pengurus_add(by=penyuluh, wksbm=active[1], name="Suparno", role=roles.first())
    services.report_create(
        by=penyuluh,
        wksbm=active[2],
        date=today - datetime.timedelta(days=3),
        kind=ActivityKind.objects.order_by("pk").first(),
        description=gettext("Santunan bagi lansia terlantar dari iuran warga."),
        collected=[(FundSource.objects.order_by("pk").first(), 750000)],
    )
    returned = services.pengurus_add(by=penyuluh, wksbm=active[3], name="Wahyuningsih", role=roles.last())
    item = VerificationItem.objects.of_record(returned).get()
    verification.send_back(by=operator, items=[item], reason=RETURNED_REASON)
    return "Antrean verifikasi demo: 4 data penyuluh Semanu menunggu verifikasi, 1 dikembalikan dengan alasan."
