"""The pembinaan's records in the registry's verification queue (`registry.verification`): a visit, and an
evaluation, whose operator's confirmation is this queue's confirmation (its status keeps the words "diajukan",
"dikonfirmasi", "dikembalikan")."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from registry.enums import VerificationState
from registry.verification.kinds import VerifiedKind
from registry.verification.kinds import register as register_kind
from trainings.models import Evaluasi, Kunjungan
from trainings.models.evaluation import EvaluationStatus

STATUS_OF_STATE = {
    VerificationState.MENUNGGU: EvaluationStatus.DIAJUKAN,
    VerificationState.TERVERIFIKASI: EvaluationStatus.DIKONFIRMASI,
    VerificationState.DIKEMBALIKAN: EvaluationStatus.DIKEMBALIKAN,
}
STATE_OF_STATUS = {status: state for state, status in STATUS_OF_STATE.items()}


@dataclass(frozen=True)
class EvaluationState:
    """An evaluation's verification state in its `status`; a confirmed one names who confirmed it and when."""

    fields: tuple[str, ...] = ("status", "confirmed_by", "confirmed_at")

    def get(self, record) -> str:
        return STATE_OF_STATUS[record.status]

    def set(self, record, state: str, *, by, at) -> None:
        record.status = STATUS_OF_STATE[state]
        verified = state == VerificationState.TERVERIFIKASI
        record.confirmed_by, record.confirmed_at = (by, at) if verified else (None, None)


def register() -> None:
    register_kind(
        VerifiedKind(
            code="kunjungan",
            label=_("Kunjungan"),
            model=Kunjungan,
            fields=(
                "date",
                "kind",
                "visitor",
                "visitor_name",
                "visitor_role",
                "topics",
                "findings",
                "advice",
                "agreements",
                "next_visit_due",
            ),
        )
    )
    register_kind(
        VerifiedKind(
            code="penilaian",
            label=_("Penilaian"),
            model=Evaluasi,
            fields=("instrument", "evaluated_on", "score", "evaluation_class", "notes"),
            state=EvaluationState(),
        )
    )
