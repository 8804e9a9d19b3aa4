"""The rekap of an area: where its WKSBM stand, what the sections other apps contribute show (penyuluhan, from
`trainings`) and how much help reached people.

`build_rekap(area)` reads every figure in a fixed number of queries (the registry's grouped reads, plus one for
the follow-up list, plus each contributed section's own fixed number), whatever the number of WKSBM, KPS or
events, and whatever the number of breakdown rows: each query groups by the breakdown row (`RekapArea.row_key`)
and by year, and the totals are summed from those groups. With `RekapArea.verified_only` every read counts only
verified records (WKSBM, KPS, pengurus holding a role, reports and their fund and aid lines) in the same queries.
The rules are the registry's own: board completeness and dormancy are `WksbmQuerySet`'s conditions. Contributed
sections come from `registry.extensions.rekap_sections`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from registry import dates, extensions
from registry.enums import WilayahLevel, WksbmStatus
from registry.models import AidDistribution, FundCollection, Kps, Wilayah, Wksbm
from registry.querysets import VacantRequiredRole, WksbmQuerySet
from registry.reports.area import RekapArea
from registry.reports.percent import whole_percent

# How many possibly dormant WKSBM the rekap lists (the follow-up page lists them all).
DORMANT_SHOWN = 10


@dataclass
class Row:
    """The figures of one breakdown row: a child wilayah, or (with `wilayah` None) the wilayah's own level."""

    code: str
    wilayah: Wilayah | None = None
    status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(WksbmStatus.values, 0))
    incomplete: int = 0
    dormant: int = 0
    desa_total: int = 0
    desa_covered: int = 0
    kps: int = 0
    # KPS per kind (`KpsKind.slug` → count): the open data's columns (`registry.opendata.figures`).
    kps_kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Per-wilayah figures of the contributed sections (`RekapColumn.key` → count), e.g. trainings' events.
    figures: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def wksbm(self) -> int:
        return sum(self.status.values())

    @property
    def coverage_percent(self) -> int | None:
        """Desa/kelurahan with at least one active WKSBM, as a whole percentage (rounded down)."""
        return whole_percent(self.desa_covered, self.desa_total)

    def add(self, other: "Row") -> None:
        for status, count in other.status.items():
            self.status[status] += count
        for name in ("incomplete", "dormant", "desa_total", "desa_covered", "kps"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, count in other.figures.items():
            self.figures[key] += count
        for slug, count in other.kps_kinds.items():
            self.kps_kinds[slug] += count


@dataclass
class YearMoney:
    """One year's money: `lines` of (source or purpose name, Rupiah, beneficiaries or None), and the totals."""

    year: int
    lines: list[tuple[str, int, int | None]] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return sum(line[1] for line in self.lines)

    @property
    def beneficiaries(self) -> int:
        return sum(line[2] or 0 for line in self.lines)


@dataclass
class Rekap:
    """Every figure of the rekap of `area` on the day `on`. `total` sums `rows`, which follow `area.children`
    (with a leading row for the wilayah's own level when anything is recorded there)."""

    area: RekapArea
    on: datetime.date
    total: Row
    rows: list[Row]
    new_per_year: list[tuple[int | None, int]]
    kps_by_kind: list[tuple[str, int]]
    # (section, its data) of every contributed section, in the sections' order (`registry.extensions`).
    contributed: list[tuple[extensions.RekapSection, Any]]
    collected: list[YearMoney]
    distributed: list[YearMoney]
    dormant: list[Wksbm]
    wksbm_here: list[Wksbm]

    @property
    def board_complete(self) -> int:
        """WKSBM not dissolved whose board has every required role filled."""
        return self.total.status[WksbmStatus.AKTIF] + self.total.status[WksbmStatus.VAKUM] - self.total.incomplete

    @property
    def sections(self) -> dict[str, Any]:
        """The contributed sections' data by section key."""
        return {section.key: data for section, data in self.contributed}

    @property
    def columns(self) -> list[extensions.RekapColumn]:
        """The breakdown's contributed per-wilayah figures, in the sections' order."""
        return [column for section, _data in self.contributed for column in section.columns]

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.total.status[value]) for value, label in WksbmStatus.choices]


def build_rekap(area: RekapArea, on: datetime.date | None = None) -> Rekap:
    """The rekap of `area` on the day `on` (today by default); see the module docstring for its cost."""
    on = on or dates.today()
    rows = {child.code: Row(child.code, child) for child in area.children}
    own = Row(area.code or "")

    def row(code: str) -> Row:
        return rows.get(code) or own

    wksbm = area.scoped(Wksbm.objects.all())
    new_per_year = wksbm_figures(wksbm, area, on, row)
    coverage_figures(area, row)
    kps_by_kind = kps_figures(area, row)
    contributed = [(section, section.build(area, row)) for section in extensions.rekap_sections.values()]

    total = Row(area.code or "", area.wilayah)
    recorded_here = own.wksbm or own.kps or any(own.figures.values())
    shown = ([own] if recorded_here else []) + list(rows.values())
    for line in shown:
        total.add(line)
    if not area.children:
        total.desa_total, total.desa_covered = own.desa_total, own.desa_covered
    at_desa = area.wilayah is not None and area.wilayah.level == WilayahLevel.DESA
    listed = wksbm.with_summary(on).select_related("wilayah__parent__parent").order_by("wilayah_id", "name", "pk")
    dormant = listed.possibly_dormant(on, verified_only=area.verified_only)
    return Rekap(
        area=area,
        on=on,
        total=total,
        rows=shown if area.children else [],
        new_per_year=new_per_year,
        kps_by_kind=kps_by_kind,
        contributed=contributed,
        collected=_money(FundCollection, area, "source"),
        distributed=_money(AidDistribution, area, "purpose"),
        dormant=[] if at_desa else list(dormant[:DORMANT_SHOWN]),
        wksbm_here=list(listed) if at_desa else [],
    )


def wksbm_figures(wksbm, area: RekapArea, on, row) -> list[tuple[int | None, int]]:
    """Fills each row's status counts, incomplete boards (of WKSBM not dissolved) and possibly dormant WKSBM;
    returns the WKSBM formed per year (None: no formation date), oldest first. One query."""
    not_dissolved = ~Q(status=WksbmStatus.BUBAR)
    vacant = VacantRequiredRole(on, for_each_row=True, verified_only=area.verified_only)
    dormant = WksbmQuerySet.possibly_dormant_condition(on, verified_only=area.verified_only)
    # Inside a conditional count the board condition runs once per WKSBM whatever its shape; the per-row shape
    # looks the holders up for the row itself instead of joining a copy of the WKSBM first (a fifth fewer
    # buffers read for Jawa Tengah's 5,000 WKSBM, bench/report_speed.py).
    groups = (
        wksbm.annotate(row=area.row_key("wilayah_id"), year=ExtractYear("formed_on"))
        .values("row", "status", "year")
        .annotate(
            n=Count("pk"),
            incomplete=Count("pk", filter=not_dissolved & Q(vacant)),
            dormant=Count("pk", filter=dormant),
        )
        .order_by()
    )
    per_year = defaultdict(int)
    for group in groups:
        line = row(group["row"])
        line.status[group["status"]] += group["n"]
        line.incomplete += group["incomplete"]
        line.dormant += group["dormant"]
        per_year[group["year"]] += group["n"]
    return sorted(per_year.items(), key=lambda item: (item[0] is None, item[0] or 0))


def coverage_figures(area: RekapArea, row) -> None:
    """Fills each row's desa/kelurahan count and how many of them have at least one active WKSBM. One query."""
    # The area's active WKSBM as one set (PostgreSQL hashes it once) rather than a lookup per desa, which the
    # planner answered by hashing every active WKSBM of the country: 60 ms for any drill-down.
    active = area.scoped(Wksbm.objects.filter(status=WksbmStatus.AKTIF)).values("wilayah_id")
    desa = area.scoped(Wilayah.objects.filter(level=WilayahLevel.DESA))
    groups = (
        desa.annotate(row=area.row_key("code"))
        .values("row")
        .annotate(total=Count("pk"), covered=Count("pk", filter=Q(code__in=active)))
        .order_by()
    )
    for group in groups:
        line = row(group["row"])
        line.desa_total += group["total"]
        line.desa_covered += group["covered"]


def kps_figures(area: RekapArea, row) -> list[tuple[str, int]]:
    """Fills each row's KPS count and its count per kind (`Row.kps_kinds`); returns the KPS by kind in the kinds'
    order (kinds with none left out). One query."""
    groups = (
        area.scoped(Kps.objects.all())
        .annotate(row=area.row_key("wilayah_id"))
        .values("row", "kind__name", "kind__slug", "kind__sort_order")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_kind = defaultdict(int)
    for group in groups:
        line = row(group["row"])
        line.kps += group["n"]
        line.kps_kinds[group["kind__slug"]] += group["n"]
        by_kind[group["kind__sort_order"], group["kind__name"]] += group["n"]
    return [(name, count) for (_order, name), count in sorted(by_kind.items())]


def _money(model, area: RekapArea, by: str) -> list[YearMoney]:
    """Rupiah per year (newest first) and per `by` (a fund source or an aid purpose, in their list's order), with
    the beneficiaries when the model records them. One query."""
    counts_people = model is AidDistribution
    sums = {"amount": Sum("amount")} | ({"people": Sum("beneficiaries")} if counts_people else {})
    groups = (
        area.scoped(model.objects.all())
        .values(f"{by}__name", f"{by}__sort_order", year=ExtractYear("report__date"))
        .annotate(**sums)
        .order_by("-year", f"{by}__sort_order", f"{by}__name")
    )
    years: dict[int, YearMoney] = {}
    for group in groups:
        money = years.setdefault(group["year"], YearMoney(group["year"]))
        money.lines.append((group[f"{by}__name"], group["amount"], group["people"] if counts_people else None))
    return list(years.values())
