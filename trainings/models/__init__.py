"""The trainings app's models, one module per concept."""

from trainings.models.event import Narasumber, Penyuluhan, Peserta, PesertaCount
from trainings.models.outcome import Outcome
from trainings.models.program import Program
from trainings.models.reference import EventKind, Unsur
from trainings.models.visit import Kunjungan, TindakLanjut, VisitKind

__all__ = [
    "EventKind",
    "Narasumber",
    "Outcome",
    "Penyuluhan",
    "Peserta",
    "PesertaCount",
    "Program",
    "Unsur",
    "Kunjungan",
    "TindakLanjut",
    "VisitKind",
]
