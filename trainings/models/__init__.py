"""The trainings app's models, one module per concept."""

from trainings.models.evaluation import (
    AnswerOption,
    Aspect,
    Evaluasi,
    EvaluationClass,
    Indicator,
    Instrument,
    Jawaban,
)
from trainings.models.event import Narasumber, Penyuluhan, Peserta, PesertaCount
from trainings.models.outcome import Outcome
from trainings.models.program import Program
from trainings.models.reference import EventKind, Unsur
from trainings.models.sampling import UjiPetik, UjiPetikItem
from trainings.models.visit import Kunjungan, TindakLanjut, VisitKind

__all__ = [
    "AnswerOption",
    "Aspect",
    "Evaluasi",
    "EvaluationClass",
    "Indicator",
    "Instrument",
    "Jawaban",
    "EventKind",
    "Narasumber",
    "Outcome",
    "Penyuluhan",
    "Peserta",
    "PesertaCount",
    "Program",
    "Unsur",
    "UjiPetik",
    "UjiPetikItem",
    "Kunjungan",
    "TindakLanjut",
    "VisitKind",
]
