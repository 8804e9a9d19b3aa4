"""The network section of the rekap (page, printed rekap and download): how the WKSBM of an area are tied to each
other and to the *sistem sumber* around them (issue 19).

- the share of active WKSBM with at least one active tie, per breakdown row (the "Berjejaring" column, which
  drills down as the rekap's other columns) and in total;
- the active ties by mitra kind, the ties between two WKSBM as their own line;
- the funds collected by mitra kind, per year as the rekap counts its funds (lines without a mitra: "tanpa
  mitra"), and the people referred (rujukan) by mitra kind, per year;
- the Forum Komunikasi WKSBM of the area with their level and current member counts.

Everything is read within the rekap's area (`RekapArea.scoped`, the user's area first) in five queries, whatever
the number of WKSBM, ties, mitra, forums or breakdown rows (`build_network_rekap`). A tie counts in an area when
either of its WKSBM lies there, once.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.enums import WilayahLevel, WksbmStatus
from registry.exports.files import Table
from registry.models import AidDistribution, ForumKomunikasi, FundCollection, Jejaring, Wksbm
from registry.network.rules import active_q
from registry.reports.percent import whole_percent
from registry.scoping import code_prefix_q

# The per-wilayah figures the section adds to the rekap's rows (`Row.figures`): active WKSBM, and those of them
# with at least one active tie; the "Berjejaring" column is the share of the second in the first.
ACTIVE, NETWORKED = "active_wksbm", "networked_wksbm"
# How many forums the rekap page lists (the widest first; the download lists them all).
FORUMS_SHOWN = 50
# The levels whose rekap links to the picture of their network (`registry.views.network_map`).
MAPPED_LEVELS = (WilayahLevel.KABUPATEN, WilayahLevel.KECAMATAN)


@dataclass(frozen=True)
class KindTies:
    """The active ties with mitra of one kind (`kind` None: the ties between two WKSBM) and the mitra they reach."""

    kind: str | None
    ties: int
    mitra: int | None


@dataclass(frozen=True)
class KindLine:
    """One line of a year: a mitra kind (or "tanpa mitra"), the Rupiah or the people referred, and the lines."""

    kind: str
    amount: int
    lines: int


@dataclass
class KindYear:
    year: int
    lines: list[KindLine] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class ForumLine:
    """A Forum Komunikasi WKSBM of the area with its level and its members on the rekap's day."""

    pk: int
    name: str
    level: str
    wilayah: str
    members: int


@dataclass
class NetworkRekap:
    active: int = 0
    networked: int = 0
    ties_by_kind: list[KindTies] = field(default_factory=list)
    funds: list[KindYear] = field(default_factory=list)
    referrals: list[KindYear] = field(default_factory=list)
    forums: list[ForumLine] = field(default_factory=list)
    # The code of the rekap's wilayah when its network can be drawn (a kabupaten or a kecamatan), else None.
    map_code: str | None = None

    @property
    def networked_percent(self) -> int | None:
        return whole_percent(self.networked, self.active)

    @property
    def ties(self) -> int:
        return sum(line.ties for line in self.ties_by_kind)

    @property
    def forums_shown(self) -> list[ForumLine]:
        return self.forums[:FORUMS_SHOWN]


def ties_in_area(area, on: datetime.date):
    """The ties active on `on` that `area.user` sees with at least one WKSBM in the rekap's wilayah, each once."""
    ties = Jejaring.objects.for_user(area.user).filter(active_q(on))
    if area.wilayah is None:
        return ties
    codes = [area.wilayah.code]
    return ties.filter(
        code_prefix_q("wksbm__wilayah__code", codes) | code_prefix_q("partner_wksbm__wilayah__code", codes)
    )


def build_network_rekap(area, row, *, on: datetime.date | None = None) -> NetworkRekap:
    """The network section of the rekap of `area` (a `RekapArea`) on the day `on` (today by default); adds each
    breakdown row's active WKSBM and networked WKSBM to `row(code).figures`. Five queries."""
    on = on or dates.today()
    data = NetworkRekap()
    if area.wilayah is not None and area.wilayah.level in MAPPED_LEVELS:
        data.map_code = area.wilayah.code
    _networked(data, area, row, on)
    _ties_by_kind(data, area, on)
    data.funds = _by_kind_per_year(
        area.scoped(FundCollection.objects.all()), "mitra", amount=Sum("amount"), empty=_("tanpa mitra")
    )
    referrals = area.scoped(AidDistribution.objects.filter(referred_to__isnull=False))
    data.referrals = _by_kind_per_year(referrals, "referred_to", amount=Sum("referred_count"))
    data.forums = _forums(area, on)
    return data


def _networked(data: NetworkRekap, area, row, on) -> None:
    """Each row's active WKSBM and those with at least one active tie (at either end). One query."""
    active_ties = Jejaring.objects.filter(active_q(on))
    tied = Exists(active_ties.filter(wksbm=OuterRef("pk"))) | Exists(active_ties.filter(partner_wksbm=OuterRef("pk")))
    groups = (
        area.scoped(Wksbm.objects.filter(status=WksbmStatus.AKTIF))
        .annotate(row=area.row_key("wilayah_id"))
        .values("row")
        .annotate(n=Count("pk"), tied=Count("pk", filter=Q(tied)))
        .order_by()
    )
    for group in groups:
        figures = row(group["row"]).figures
        figures[ACTIVE] += group["n"]
        figures[NETWORKED] += group["tied"]
        data.active += group["n"]
        data.networked += group["tied"]


def _ties_by_kind(data: NetworkRekap, area, on) -> None:
    """The active ties by mitra kind in the kinds' order, then the ties between two WKSBM. One query."""
    groups = (
        ties_in_area(area, on)
        .values("mitra__kind__name", "mitra__kind__sort_order")
        .annotate(ties=Count("pk"), mitra=Count("mitra", distinct=True))
        .order_by("mitra__kind__sort_order", "mitra__kind__name")
    )
    with_mitra, between_wksbm = [], []
    for group in groups:
        if group["mitra__kind__name"] is None:
            between_wksbm.append(KindTies(None, group["ties"], None))
        else:
            with_mitra.append(KindTies(group["mitra__kind__name"], group["ties"], group["mitra"]))
    data.ties_by_kind = with_mitra + between_wksbm


def _by_kind_per_year(lines, mitra: str, *, amount, empty=None) -> list[KindYear]:
    """Sums `amount` of the report `lines` per year of their report (newest first) and kind of their `mitra` (in
    the kinds' order; lines without a mitra last, named `empty`). One query."""
    groups = (
        lines.values(f"{mitra}__kind__name", f"{mitra}__kind__sort_order", year=ExtractYear("report__date"))
        .annotate(amount=amount, lines=Count("pk"))
        .order_by("-year", f"{mitra}__kind__sort_order", f"{mitra}__kind__name")
    )
    years: dict[int, KindYear] = {}
    unnamed: dict[int, KindLine] = {}
    for group in groups:
        year = years.setdefault(group["year"], KindYear(group["year"]))
        name = group[f"{mitra}__kind__name"]
        line = KindLine(str(empty) if name is None else name, group["amount"] or 0, group["lines"])
        if name is None:
            unnamed[group["year"]] = line
        else:
            year.lines.append(line)
    for number, line in unnamed.items():
        years[number].lines.append(line)
    return list(years.values())


def _forums(area, on) -> list[ForumLine]:
    """The forums whose wilayah lies in the rekap's, the widest first (provinsi, kabupaten, kecamatan), then by code
    and name, with their members on `on`. One query."""
    current = Q(members__left_on__isnull=True) | Q(members__left_on__gt=on)
    current &= Q(members__joined_on__isnull=True) | Q(members__joined_on__lte=on)
    forums = (
        area.scoped(ForumKomunikasi.objects.all())
        .select_related("wilayah__parent")
        .annotate(member_count=Count("members", filter=current))
        .order_by("wilayah__level", "wilayah_id", "name", "pk")
    )
    return [
        ForumLine(
            pk=forum.pk,
            name=forum.name,
            level=str(forum.level.label),
            wilayah=forum.wilayah.display_name,
            members=forum.member_count,
        )
        for forum in forums
    ]


def network_tables(data: NetworkRekap) -> list[Table]:
    """The section's tables of the rekap download, in the page's order."""
    return [
        Table(
            _("Jejaring menurut jenis mitra"),
            ["jenis_mitra", "jejaring_aktif", "mitra"],
            [
                {"jenis_mitra": line.kind or _("Antar-WKSBM"), "jejaring_aktif": line.ties, "mitra": line.mitra}
                for line in data.ties_by_kind
            ],
        ),
        Table(
            _("Dana terhimpun per jenis mitra"),
            ["tahun", "jenis_mitra", "jumlah_rp"],
            [
                {"tahun": year.year, "jenis_mitra": line.kind, "jumlah_rp": line.amount}
                for year in data.funds
                for line in year.lines
            ],
        ),
        Table(
            _("Rujukan menurut jenis mitra"),
            ["tahun", "jenis_mitra", "orang_dirujuk", "rujukan"],
            [
                {"tahun": year.year, "jenis_mitra": line.kind, "orang_dirujuk": line.amount, "rujukan": line.lines}
                for year in data.referrals
                for line in year.lines
            ],
        ),
        Table(
            _("Forum Komunikasi WKSBM"),
            ["forum", "tingkat", "wilayah", "anggota"],
            [
                {"forum": forum.name, "tingkat": forum.level, "wilayah": forum.wilayah, "anggota": forum.members}
                for forum in data.forums
            ],
        ),
    ]


SECTION = extensions.RekapSection(
    key="jejaring",
    title=_("Jejaring"),
    order=50,
    template="registry/network/rekap_section.html",
    build=build_network_rekap,
    columns=(extensions.RekapColumn(NETWORKED, _("Berjejaring"), "persen_berjejaring", share_of=ACTIVE),),
    tables=network_tables,
)
