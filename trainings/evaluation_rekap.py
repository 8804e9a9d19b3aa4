"""The evaluation section of the rekap (page, printed rekap and download): how the WKSBM of an area are classed
by their confirmed evaluations with the default instrument (`default_instrument`).

- the class distribution of the latest period with confirmed evaluations, per breakdown row (the rekap's rows
  drill down to kabupaten, kecamatan and desa) and in total;
- the change since the previous period: the count per class then and now;
- the WKSBM that dropped a class: the latest confirmed evaluation of a WKSBM in a lower class than its previous
  confirmed one (whatever the periods), the first `DROPPED_SHOWN` on the page, all in the download.

Only confirmed evaluations count, of the default instrument (the first active one by name, `default_instrument`).
A fixed number of queries however many evaluations (`build_evaluation_rekap`).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from registry.exports.files import Table
from registry.models import Wksbm
from registry.places import place_name
from trainings.models.evaluation import Evaluasi, EvaluationClass, Instrument

DROPPED_SHOWN = 50


@dataclass(frozen=True)
class ClassChange:
    """A class's count in the previous and the latest period."""

    name: str
    before: int
    now: int

    @property
    def delta(self) -> int:
        return self.now - self.before


@dataclass(frozen=True)
class WilayahClasses:
    """A breakdown row's count per class (aligned with the section's classes) in the latest period."""

    code: str
    name: str
    counts: list[int]
    linked: bool = True

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Dropped:
    """A WKSBM whose latest confirmed evaluation is in a lower class than its previous confirmed one."""

    wksbm_id: int
    name: str
    place: str
    before_period: str
    before_class: str
    now_period: str
    now_class: str


@dataclass
class EvaluationRekap:
    instrument: Instrument | None = None
    period: str | None = None
    previous: str | None = None
    classes: list[EvaluationClass] = field(default_factory=list)
    by_wilayah: list[WilayahClasses] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    change: list[ClassChange] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    dropped_count: int = 0
    all_dropped: list[Dropped] = field(default_factory=list)


def build_evaluation_rekap(area, row) -> EvaluationRekap:
    """The evaluation section of the rekap of `area` (a `RekapArea`); adds each breakdown row's WKSBM evaluated
    in the latest period (`evaluated`) and dropped a class (`dropped`) to `row(code).figures`. One query while
    the area has no confirmed evaluation, four at most otherwise."""
    instrument_pk = Subquery(Instrument.objects.filter(active=True).order_by("name", "pk").values("pk")[:1])
    confirmed = area.scoped(Evaluasi.objects.confirmed()).filter(instrument_id=instrument_pk)
    groups = list(
        confirmed.annotate(row=area.row_key("wksbm__wilayah_id"))
        .values("row", "period", "evaluation_class_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not groups:
        return EvaluationRekap()
    classes = list(
        EvaluationClass.objects.filter(instrument_id=instrument_pk).select_related("instrument").order_by("min_score")
    )
    periods = sorted({group["period"] for group in groups}, reverse=True)[:2]
    data = EvaluationRekap(instrument=classes[0].instrument if classes else None, classes=classes)
    data.period, data.previous = periods[0], periods[1] if len(periods) > 1 else None
    _class_counts(data, groups, area, row)
    _dropped(data, confirmed, area, row)
    return data


def _class_counts(data: EvaluationRekap, groups: list[dict], area, row) -> None:
    """The counts per breakdown row and class of the latest period, and per class of the previous one, from the
    counts per row, period and class (`groups`)."""
    position = {c.pk: i for i, c in enumerate(data.classes)}
    now, before = [0] * len(data.classes), [0] * len(data.classes)
    per_row = defaultdict(lambda: [0] * len(data.classes))
    for group in groups:
        index = position.get(group["evaluation_class_id"])
        if index is None or group["period"] not in (data.period, data.previous):
            continue
        if group["period"] == data.period:
            now[index] += group["n"]
            per_row[group["row"]][index] += group["n"]
            row(group["row"]).figures["evaluated"] += group["n"]
        else:
            before[index] += group["n"]
    names = {child.code: child.display_name for child in area.children}
    data.by_wilayah = [
        WilayahClasses(code, names.get(code, str(_("Tingkat wilayah ini sendiri"))), counts, code in names)
        for code, counts in sorted(per_row.items())
    ]
    data.totals = now
    data.change = [ClassChange(c.name, before[i], now[i]) for i, c in enumerate(data.classes)]


def _dropped(data: EvaluationRekap, confirmed, area, row) -> None:
    """The WKSBM whose latest confirmed evaluation has a lower class than the one before. One query, and one
    more for their names when there are any."""
    latest_two = (
        confirmed.filter(evaluation_class__isnull=False)
        .annotate(rank=Window(RowNumber(), partition_by=[F("wksbm_id")], order_by=F("period").desc()))
        .filter(rank__lte=2)
        .annotate(row=area.row_key("wksbm__wilayah_id"))
        .values("wksbm_id", "period", "rank", "row", "evaluation_class__min_score", "evaluation_class__name")
    )
    pairs = defaultdict(dict)
    for evaluation in latest_two:
        pairs[evaluation["wksbm_id"]][evaluation["rank"]] = evaluation
    fell = [
        (pair[1], pair[2])
        for pair in pairs.values()
        if 2 in pair and pair[1]["evaluation_class__min_score"] < pair[2]["evaluation_class__min_score"]
    ]
    for now, _before in fell:
        row(now["row"]).figures["dropped"] += 1
    data.dropped_count = len(fell)
    fell.sort(key=lambda pair: (pair[0]["row"], pair[0]["wksbm_id"]))
    if not fell:
        return
    forums = Wksbm.objects.filter(pk__in=[now["wksbm_id"] for now, _ in fell]).select_related("wilayah__parent__parent")
    by_pk = {forum.pk: forum for forum in forums}
    data.all_dropped = [
        Dropped(
            wksbm_id=now["wksbm_id"],
            name=by_pk[now["wksbm_id"]].name,
            place=place_name(by_pk[now["wksbm_id"]].wilayah),
            before_period=before["period"],
            before_class=before["evaluation_class__name"],
            now_period=now["period"],
            now_class=now["evaluation_class__name"],
        )
        for now, before in fell
        if now["wksbm_id"] in by_pk
    ]
    data.dropped = data.all_dropped[:DROPPED_SHOWN]


def evaluation_tables(data: EvaluationRekap) -> list[Table]:
    """The section's tables of the rekap download: classes per wilayah, the change per class, the WKSBM that
    dropped a class."""
    if data.period is None:
        return []
    class_columns = [f"kelas_{slugify(c.name).replace('-', '_')}" for c in data.classes]
    return [
        Table(
            _("Kelas per wilayah %(period)s") % {"period": data.period},
            ["kode_wilayah", "wilayah", *class_columns, "jumlah"],
            [
                {
                    "kode_wilayah": w.code,
                    "wilayah": w.name,
                    **dict(zip(class_columns, w.counts, strict=True)),
                    "jumlah": w.total,
                }
                for w in data.by_wilayah
            ],
        ),
        Table(
            _("Perubahan kelas WKSBM"),
            ["kelas", "periode_sebelumnya", "periode_terakhir", "perubahan"],
            [
                {"kelas": c.name, "periode_sebelumnya": c.before, "periode_terakhir": c.now, "perubahan": c.delta}
                for c in data.change
            ],
        ),
        Table(
            _("WKSBM yang turun kelas"),
            ["wksbm", "wilayah", "periode_sebelumnya", "kelas_sebelumnya", "periode_terakhir", "kelas_terakhir"],
            [
                {
                    "wksbm": d.name,
                    "wilayah": d.place,
                    "periode_sebelumnya": d.before_period,
                    "kelas_sebelumnya": d.before_class,
                    "periode_terakhir": d.now_period,
                    "kelas_terakhir": d.now_class,
                }
                for d in data.all_dropped
            ],
        ),
    ]
