"""Which records are verified, and how each kind's changes are described and grouped.

A kind is registered once (`register`): the registry's kinds in `registry.apps`, the pembinaan's (visits,
evaluations) by `trainings.apps`. A record line (a report's fund and aid lines) is verified with the record it
belongs to (`register_line`): changing a line sends its report.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.enums import VerificationState
from registry.validators import mask_phone
from registry.versions import display_value

# Shown in an item's changes, never in clear: a NIK (masked by `display_value`) and phone numbers.
MASKED = {"phone": mask_phone}


def _always(record, before) -> bool:
    return True


@dataclass(frozen=True)
class FieldState:
    """A record's verification state kept in its `verification` field (`VerifiedRecord`)."""

    fields: tuple[str, ...] = ("verification",)

    def get(self, record) -> str:
        return record.verification

    def set(self, record, state: str, *, by, at) -> None:
        record.verification = state


@dataclass(frozen=True)
class VerifiedKind:
    """A kind of record whose field entries an operator verifies.

    `code` and `label` name it ("wksbm", "WKSBM"); `fields` are the fields an item lists before → after.
    `needs_verification(record, before)` says whether a change by a penyuluh waits for an operator (`before` is
    the stored record, None for a new one); a record that already waits takes every further change regardless.
    `wksbm_of(record)` is the WKSBM the queue groups it under (or None), `wilayah_of(record)` the wilayah code that
    scopes it. `state` reads and writes the record's verification state.
    """

    code: str
    label: str
    model: type[models.Model]
    fields: tuple[str, ...]
    needs_verification: Callable = _always
    wksbm_of: Callable = lambda record: record.wksbm
    wilayah_of: Callable = lambda record: record.wksbm.wilayah_id
    state: object = field(default_factory=FieldState)

    def describe(self, record, before=None) -> list[list[str]]:
        """The fields of `record` that differ from `before`, or every filled field of a new record (`before`
        None), as [label, before, after] in words, personal data masked."""
        return _differences(self.model, self.fields, record, before, label=lambda model_field: model_field.verbose_name)


@dataclass(frozen=True)
class VerifiedLine:
    """Lines of a verified record (a report's fund lines): a change to one is a change of `record_of(line)`,
    listed with the line's `label(line)` before each field."""

    model: type[models.Model]
    record_of: Callable
    label: Callable
    fields: tuple[str, ...]

    def describe(self, line, before=None, *, removed: bool = False) -> list[list[str]]:
        """A line's changes as its record's (`VerifiedKind.describe`); a `removed` line lists its values going."""
        prefix = self.label(line)

        def label(model_field):
            return f"{prefix}: {model_field.verbose_name}"

        if removed:
            return [
                [name, after, before]
                for name, before, after in _differences(self.model, self.fields, line, None, label=label)
            ]
        return _differences(self.model, self.fields, line, before, label=label)


def _differences(model, names, record, before, *, label) -> list[list[str]]:
    rows = []
    empty = str(display_value(model._meta.get_field(names[0]), None))
    for name in names:
        model_field = model._meta.get_field(name)
        now = _shown(model_field, model_field.value_from_object(record))
        if before is None:
            if now != empty:
                rows.append([str(label(model_field)), "", now])
            continue
        was = _shown(model_field, model_field.value_from_object(before))
        if now != was:
            rows.append([str(label(model_field)), was, now])
    return rows


def _shown(model_field, value) -> str:
    if model_field.name in MASKED and value:
        return MASKED[model_field.name](str(value))
    return str(display_value(model_field, value))


_KINDS: dict[type, VerifiedKind] = {}
_LINES: dict[type, VerifiedLine] = {}


def register(kind: VerifiedKind) -> None:
    _KINDS[kind.model] = kind


def register_line(line: VerifiedLine) -> None:
    _LINES[line.model] = line


def kind_of(model) -> VerifiedKind | None:
    """The verified kind of `model` (a class or an instance's class), or None."""
    return _KINDS.get(model)


def line_of(model) -> VerifiedLine | None:
    return _LINES.get(model)


def kind_by_code(code: str) -> VerifiedKind | None:
    return next((kind for kind in _KINDS.values() if kind.code == code), None)


def all_kinds() -> list[VerifiedKind]:
    return list(_KINDS.values())


def is_verified_state(state: str) -> bool:
    return state == VerificationState.TERVERIFIKASI


def register_registry_kinds() -> None:
    """The registry's verified kinds: a new WKSBM or its status turned vakum or bubar, a board change, a new KPS
    or membership, an activity report with its lines. Called from `RegistryConfig.ready()`."""
    from registry.enums import WksbmStatus
    from registry.models import ActivityReport, AidDistribution, FundCollection, Kps, KpsMembership, Pengurus, Wksbm

    def wksbm_needs(record, before) -> bool:
        return before is None or (
            record.status != before.status and record.status in (WksbmStatus.VAKUM, WksbmStatus.BUBAR)
        )

    def kps_needs(record, before) -> bool:
        return before is None

    def kps_wksbm(kps):
        membership = kps.memberships.order_by("-pk").select_related("wksbm").first() if kps.pk else None
        return membership.wksbm if membership else None

    register(
        VerifiedKind(
            code="wksbm",
            label=_("WKSBM"),
            model=Wksbm,
            fields=(
                "name",
                "wilayah",
                "dusun_rw",
                "address",
                "formed_on",
                "sk_number",
                "sk_date",
                "status",
                "status_changed_on",
                "phone",
            ),
            needs_verification=wksbm_needs,
            wksbm_of=lambda record: record,
            wilayah_of=lambda record: record.wilayah_id,
        )
    )
    register(
        VerifiedKind(
            code="pengurus",
            label=_("Pengurus"),
            model=Pengurus,
            fields=("name", "role", "phone", "nik", "period_from", "period_to"),
        )
    )
    register(
        VerifiedKind(
            code="kps",
            label=_("KPS"),
            model=Kps,
            fields=("name", "kind", "wilayah", "leader", "member_count", "phone"),
            needs_verification=kps_needs,
            wksbm_of=kps_wksbm,
            wilayah_of=lambda record: record.wilayah_id,
        )
    )
    register(
        VerifiedKind(
            code="keanggotaan",
            label=_("Keanggotaan KPS"),
            model=KpsMembership,
            fields=("kps", "joined_on", "left_on"),
            needs_verification=kps_needs,
        )
    )
    register(
        VerifiedKind(
            code="laporan",
            label=_("Laporan kegiatan"),
            model=ActivityReport,
            fields=("date", "kind", "description"),
        )
    )
    register_line(
        VerifiedLine(
            model=FundCollection,
            record_of=lambda line: line.report,
            label=lambda line: _("Dana %(source)s") % {"source": line.source},
            fields=("amount", "mitra"),
        )
    )
    register_line(
        VerifiedLine(
            model=AidDistribution,
            record_of=lambda line: line.report,
            label=lambda line: _("Bantuan %(purpose)s") % {"purpose": line.purpose},
            fields=("amount", "beneficiaries", "referred_to", "referred_count"),
        )
    )
