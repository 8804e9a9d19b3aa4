"""Choices used by the trainings app. Labels are what users read, in Indonesian."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeKind(models.TextChoices):
    """What an event did for a WKSBM: brought a new one into being, or woke a dormant (*vakum*) one."""

    FORMED = "dibentuk", _("Dibentuk")
    REVIVED = "dihidupkan", _("Dihidupkan kembali")


class VisitorRole(models.TextChoices):
    """The role of a named person who visited a WKSBM without an account of the registry."""

    PENYULUH_SOSIAL = "penyuluh-sosial", _("Penyuluh sosial")
    TKSK = "tksk", _("TKSK")
    PSM = "psm", _("PSM")
    DINSOS_KABUPATEN = "dinsos-kabupaten", _("Dinas Sosial kabupaten/kota")
    DINSOS_PROVINSI = "dinsos-provinsi", _("Dinas Sosial provinsi")


class FollowUpStatus(models.TextChoices):
    """Where a follow-up (*tindak lanjut*) of a visit stands: still to do, done, or dropped."""

    TERBUKA = "terbuka", _("Terbuka")
    SELESAI = "selesai", _("Selesai")
    BATAL = "batal", _("Batal")
