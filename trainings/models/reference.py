"""Reference lists of the trainings app that administrators extend: event kinds and participant *unsur*.

Like the registry's lists they are data, not code: a migration seeds the usual entries, the admin adds more,
and `slug` is the stable key code and imports refer to.
"""

from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from registry.models.reference import ReferenceItem


class EventKind(ReferenceItem):
    """A kind of extension event: penyuluhan sosial, bimbingan teknis, pelatihan, sosialisasi, lainnya."""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("jenis kegiatan penyuluhan")
        verbose_name_plural = _("jenis kegiatan penyuluhan")


class Unsur(ReferenceItem):
    """The part of the community a participant comes from: tokoh agama, perangkat desa, kader, TKSK, PSM…"""

    history = HistoricalRecords()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("unsur peserta")
        verbose_name_plural = _("unsur peserta")
