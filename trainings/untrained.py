"""'Pengurus inti yang belum pernah mengikuti pelatihan': the current holders of the core roles of a board who
attended no penyuluhan event.

Core roles are the registry's required roles (`PengurusRole.required`: the roles a complete board needs, the same
definition as "kepengurusan belum lengkap"); current terms by the registry's one rule (`PengurusQuerySet.current`);
attended means linked as a participant of any event (`Peserta.pengurus`). One query for the rows whatever their
number; the page and the downloads (the page's and the rekap's `area_lists` entry) read the same rows.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from registry.models import Pengurus
from registry.places import place_name
from trainings.models import Peserta

COLUMNS = ["nama", "jabatan", "nama_wksbm", "kode_wilayah", "wilayah", "masa_bakti_dari"]
TITLE = _("Pengurus inti yang belum pernah mengikuti pelatihan")


def untrained_core(pengurus=None):
    """The current core pengurus of `pengurus` (a Pengurus queryset, already scoped; all by default) with no
    training attended, ordered by place, WKSBM and role, with what a row shows joined."""
    pengurus = Pengurus.objects.all() if pengurus is None else pengurus
    attended = Peserta.objects.filter(pengurus=OuterRef("pk"))
    return (
        pengurus.current()
        .filter(role__required=True)
        .exclude(Exists(attended))
        .select_related("role", "wksbm__wilayah__parent__parent")
        .order_by("wksbm__wilayah_id", "wksbm__name", "role__sort_order", "name", "pk")
    )


def rows(pengurus) -> list[dict]:
    """`pengurus` (from `untrained_core`) as download rows, in `COLUMNS`; streamed."""
    for person in pengurus.iterator(chunk_size=2000):
        yield {
            "nama": person.name,
            "jabatan": person.role.name,
            "nama_wksbm": person.wksbm.name,
            "kode_wilayah": person.wksbm.wilayah_id,
            "wilayah": place_name(person.wksbm.wilayah),
            "masa_bakti_dari": person.period_from,
        }


def area_rows(area):
    """The rekap's list of `area` (a `RekapArea`)."""
    return rows(untrained_core(area.scoped(Pengurus.objects.all())))
