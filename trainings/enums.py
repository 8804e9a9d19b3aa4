"""Choices used by the trainings app. Labels are what users read, in Indonesian."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutcomeKind(models.TextChoices):
    """What an event did for a WKSBM: brought a new one into being, or woke a dormant (*vakum*) one."""

    FORMED = "dibentuk", _("Dibentuk")
    REVIVED = "dihidupkan", _("Dihidupkan kembali")
