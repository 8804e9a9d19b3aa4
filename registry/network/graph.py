"""The picture of a network: WKSBM and mitra as nodes, ties as edges, laid out here and drawn as SVG on the server
(templates/registry/network/map_svg.html) like the rekap's charts (`registry.reports.charts`): no script.

The layout is two columns, because a column scales with the width of a 360 px phone and keeps its labels legible
whatever the number of nodes (a ring of 300 labels shrinks them to nothing): the WKSBM on the left, grouped under
their kecamatan or desa (in code order, then by name), the mitra on the right, each placed as near as it can to
the middle of the WKSBM it serves (the mean height of its ties, then pushed down so no two overlap: the usual
barycentre order of a two-layer drawing) so that edges run roughly level. A tie between two WKSBM is an arc on the
WKSBM side, dashed. Colours name the mitra kinds (the legend); a label is cut to `LABEL_CHARACTERS` with its full
name in the node's `<title>`. With more than `MITRA_SHOWN` mitra only the ones with the most ties are drawn and the
picture says how many are left out.

`draw` is a pure function of its input: the same network gives the same picture, coordinate for coordinate.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext

from registry import dates
from registry.enums import WksbmStatus
from registry.models import Wksbm
from registry.network.rekap import ties_in_area
from registry.scoping import shown_name

WIDTH = 320  # viewBox units, as the charts: the SVG scales to its box
ROW = 12  # one node and its label
GROUP_ROW = 16  # a group's heading
FONT = 9
WKSBM_X, MITRA_X = 124, 196
LABEL_GAP = 6
LABEL_CHARACTERS = 22
LEGEND_ROW = 14
LEGEND_COLUMNS = 2
MITRA_SHOWN = 120
PRINT_SLICE = 320  # viewBox units of one band: 12 cm on paper (static/css/reports.css), two bands to an A4 page
# Colour-blind-safe colours (Okabe–Ito, then Tol's muted) of the mitra kinds, in the kinds' order, repeated after.
PALETTE = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#d55e00",
    "#56b4e9",
    "#882255",
    "#661100",
    "#999933",
    "#332288",
    "#aa4499",
    "#44aa99",
)
WKSBM_COLOUR = "#0b5d3b"


@dataclass(frozen=True)
class WksbmEnd:
    """A WKSBM of the picture: its id, its name as the reader may see it, and its group (`Group.key`)."""

    pk: int
    name: str
    group: str


@dataclass(frozen=True)
class MitraEnd:
    """A mitra of the picture: its id, its name, and its kind's name and position in the kinds' order."""

    pk: int
    name: str
    kind: str
    kind_order: int = 0


@dataclass(frozen=True)
class Group:
    """A heading of the WKSBM column (a kecamatan, a desa, or "elsewhere"), in the order groups are drawn."""

    key: str
    label: str


@dataclass(frozen=True)
class Network:
    """What to draw: the groups, the WKSBM (each in one of the groups), the mitra, and the ties, each as (WKSBM
    id, mitra id, None) or (WKSBM id, None, other WKSBM id)."""

    groups: list[Group]
    wksbm: list[WksbmEnd]
    mitra: list[MitraEnd]
    ties: list[tuple[int, int | None, int | None]]


@dataclass(frozen=True)
class Node:
    label: str
    title: str
    x: float
    y: float
    label_x: float
    anchor: str
    colour: str
    hollow: bool = False  # a WKSBM without any tie: drawn as a ring, who is not networked yet

    @property
    def box(self) -> tuple[float, float]:
        """The top left corner of a mitra's square, centred on the node."""
        return _number(self.x - 3.5), _number(self.y - 3.5)


@dataclass(frozen=True)
class Edge:
    path: str
    colour: str
    between_wksbm: bool
    title: str


@dataclass(frozen=True)
class Heading:
    label: str
    title: str
    y: float


@dataclass(frozen=True)
class LegendEntry:
    """A line of the legend: a WKSBM's circle (a ring for one without ties), or a mitra kind's square."""

    label: str
    colour: str
    x: float
    y: float
    square: bool = True
    hollow: bool = False

    @property
    def mark_x(self) -> float:
        return _number(self.x + 5)

    @property
    def label_x(self) -> float:
        return _number(self.x + 12)

    @property
    def box(self) -> tuple[float, float]:
        return _number(self.x + 1.5), _number(self.y - 3.5)


@dataclass
class Picture:
    """The laid-out picture: every coordinate in viewBox units (`width` × `height`)."""

    title: str
    width: int
    height: int
    legend: list[LegendEntry] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    wksbm: list[Node] = field(default_factory=list)
    mitra: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    mitra_left_out: int = 0
    ties_left_out: int = 0

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def empty(self) -> bool:
        return not self.wksbm and not self.mitra

    def slices(self, height: int = PRINT_SLICE) -> list[str]:
        """The viewBoxes of the picture cut into bands of `height` for paper (an SVG does not break across
        pages), each band starting a row above the previous one's end so that no row is only cut."""
        if self.height <= height:
            return [self.view_box]
        tops = range(0, self.height - ROW, height - ROW)
        return [f"0 {top} {self.width} {min(height, self.height - top)}" for top in tops]


def short(name: str, limit: int = LABEL_CHARACTERS) -> str:
    """`name` cut to `limit` characters, the last one an ellipsis when cut."""
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _number(value: float) -> float:
    return round(value, 1)


def kind_colours(mitra: list[MitraEnd]) -> dict[str, str]:
    """The colour of each mitra kind present, in the kinds' order."""
    kinds = sorted({(m.kind_order, m.kind) for m in mitra})
    return {kind: PALETTE[index % len(PALETTE)] for index, (_order, kind) in enumerate(kinds)}


def draw(network: Network, *, title: str, mitra_shown: int = MITRA_SHOWN) -> Picture:
    """The `Picture` of `network` (see the module docstring), titled `title`; at most `mitra_shown` mitra."""
    ties_of_mitra = defaultdict(int)
    for _wksbm, mitra, _partner in network.ties:
        if mitra is not None:
            ties_of_mitra[mitra] += 1
    ranked = sorted(network.mitra, key=lambda m: (-ties_of_mitra[m.pk], m.name, m.pk))
    shown_mitra = ranked[:mitra_shown]
    shown_pks = {m.pk for m in shown_mitra}
    colours = kind_colours(shown_mitra)

    tied = {wksbm for wksbm, _mitra, _partner in network.ties} | {partner for *_ends, partner in network.ties}
    picture = Picture(title=title, width=WIDTH, height=0, mitra_left_out=len(ranked) - len(shown_mitra))
    top = _legend(picture, colours, untied=any(wksbm.pk not in tied for wksbm in network.wksbm))

    # The WKSBM column: groups in their order, WKSBM by name within a group.
    by_group = defaultdict(list)
    for wksbm in network.wksbm:
        by_group[wksbm.group].append(wksbm)
    wksbm_y: dict[int, float] = {}
    y = top
    for group in network.groups:
        members = sorted(by_group.get(group.key, ()), key=lambda w: (w.name, w.pk))
        if not members:
            continue
        y += GROUP_ROW
        picture.headings.append(Heading(label=short(group.label, 2 * LABEL_CHARACTERS), title=group.label, y=y - 4))
        for wksbm in members:
            y += ROW
            wksbm_y[wksbm.pk] = y - ROW / 2
            picture.wksbm.append(
                Node(
                    label=short(wksbm.name),
                    title=wksbm.name,
                    x=WKSBM_X,
                    y=_number(y - ROW / 2),
                    label_x=WKSBM_X - LABEL_GAP,
                    anchor="end",
                    colour=WKSBM_COLOUR,
                    hollow=wksbm.pk not in tied,
                )
            )
    wksbm_bottom = y

    # The mitra column: each at the mean height of its WKSBM, in that order, pushed down to keep a row apart.
    heights = defaultdict(list)
    for wksbm, mitra, _partner in network.ties:
        if mitra in shown_pks and wksbm in wksbm_y:
            heights[mitra].append(wksbm_y[wksbm])
    wanted = {m.pk: sum(heights[m.pk]) / len(heights[m.pk]) if heights[m.pk] else wksbm_bottom for m in shown_mitra}
    mitra_y: dict[int, float] = {}
    previous = top + GROUP_ROW - ROW / 2
    for mitra in sorted(shown_mitra, key=lambda m: (wanted[m.pk], m.name, m.pk)):
        place = max(wanted[mitra.pk], previous + ROW)
        mitra_y[mitra.pk] = previous = place
        picture.mitra.append(
            Node(
                label=short(mitra.name),
                title=f"{mitra.name} ({mitra.kind})",
                x=MITRA_X,
                y=_number(place),
                label_x=MITRA_X + LABEL_GAP,
                anchor="start",
                colour=colours[mitra.kind],
            )
        )
    picture.height = int(max(wksbm_bottom, previous + ROW / 2, top) + ROW)

    names = {w.pk: w.name for w in network.wksbm}
    kinds = {m.pk: m for m in shown_mitra}
    for wksbm, mitra, partner in sorted(network.ties, key=lambda tie: (tie[0], tie[1] or 0, tie[2] or 0)):
        if wksbm not in wksbm_y:
            continue
        if mitra is not None and mitra in mitra_y:
            picture.edges.append(
                Edge(
                    path=_curve(wksbm_y[wksbm], mitra_y[mitra]),
                    colour=colours[kinds[mitra].kind],
                    between_wksbm=False,
                    title=f"{names[wksbm]} — {kinds[mitra].name}",
                )
            )
        elif partner is not None and partner in wksbm_y:
            picture.edges.append(
                Edge(
                    path=_arc(wksbm_y[wksbm], wksbm_y[partner]),
                    colour=WKSBM_COLOUR,
                    between_wksbm=True,
                    title=f"{names[wksbm]} — {names[partner]}",
                )
            )
        else:
            picture.ties_left_out += 1
    return picture


def _legend(picture: Picture, colours: dict[str, str], *, untied: bool) -> float:
    """Lays out the legend at the top (the WKSBM's marks, then the mitra kinds); returns where the columns start."""
    column_width = WIDTH / LEGEND_COLUMNS
    entries = [(gettext("WKSBM"), WKSBM_COLOUR, False, False)]
    if untied:
        entries.append((gettext("WKSBM tanpa jejaring"), WKSBM_COLOUR, False, True))
    entries += [(kind, colour, True, False) for kind, colour in colours.items()]
    for index, (label, colour, square, hollow) in enumerate(entries):
        row, column = divmod(index, LEGEND_COLUMNS)
        y = (row + 1) * LEGEND_ROW
        picture.legend.append(LegendEntry(short(label), colour, column * column_width, y, square, hollow))
    rows = -(-len(entries) // LEGEND_COLUMNS)
    return rows * LEGEND_ROW + (LEGEND_ROW / 2 if rows else 0)


def _curve(y1: float, y2: float) -> str:
    """A WKSBM–mitra edge: a cubic curve leaving and reaching its nodes level."""
    middle = (WKSBM_X + MITRA_X) / 2
    return f"M{WKSBM_X} {_number(y1)} C{middle} {_number(y1)} {middle} {_number(y2)} {MITRA_X} {_number(y2)}"


def _arc(y1: float, y2: float) -> str:
    """A WKSBM–WKSBM edge: an arc bowing into the space between the columns, deeper for WKSBM further apart."""
    bow = min(MITRA_X - WKSBM_X - 8, 10 + abs(y2 - y1) / 4)
    return f"M{WKSBM_X} {_number(y1)} Q{_number(WKSBM_X + bow)} {_number((y1 + y2) / 2)} {WKSBM_X} {_number(y2)}"


def area_network(area, *, on=None) -> Network:
    """The network of the rekap area `area` (a `RekapArea` of a wilayah, read for `area.user`) on the day `on`
    (today by default): its WKSBM not dissolved, grouped by the wilayah one level down (those at the wilayah's own
    level first), the ties active that day with at least one WKSBM there (`registry.network.rekap.ties_in_area`),
    the mitra they reach, and the WKSBM at their other ends, grouped last as "elsewhere". Every name goes through
    `shown_name`: a WKSBM outside the user's area is never named. Two queries."""
    on = on or dates.today()
    user, code = area.user, area.wilayah.code
    children = {child.code: child.display_name for child in area.children}
    length = len(next(iter(children))) if children else len(code)
    outside_key = "~"
    groups = [Group(code, _own_level_label(area.wilayah.display_name))]
    groups += [Group(child, name) for child, name in children.items()]
    groups.append(Group(outside_key, _outside_label(area.wilayah.display_name)))

    ends: dict[int, WksbmEnd] = {}
    listed = area.scoped(Wksbm.objects.exclude(status=WksbmStatus.BUBAR))
    for wksbm in listed.only("pk", "name", "wilayah_id").order_by("pk"):
        group = wksbm.wilayah_id[:length] if wksbm.wilayah_id[:length] in children else code
        ends[wksbm.pk] = WksbmEnd(wksbm.pk, shown_name(user, wksbm), group)

    mitra: dict[int, MitraEnd] = {}
    ties = []
    for tie in ties_in_area(area, on).select_related("mitra__kind", "wksbm", "partner_wksbm").order_by("pk"):
        for end in (tie.wksbm, tie.partner_wksbm):
            if end is not None and end.pk not in ends:
                ends[end.pk] = WksbmEnd(end.pk, shown_name(user, end), outside_key)
        if tie.mitra_id:
            kind = tie.mitra.kind
            mitra[tie.mitra_id] = MitraEnd(tie.mitra_id, shown_name(user, tie.mitra), kind.name, kind.sort_order)
        ties.append((tie.wksbm_id, tie.mitra_id, tie.partner_wksbm_id))
    return Network(groups=groups, wksbm=list(ends.values()), mitra=list(mitra.values()), ties=ties)


def _own_level_label(name: str) -> str:
    return gettext("Tingkat %(name)s sendiri") % {"name": name}


def _outside_label(name: str) -> str:
    return gettext("Di luar %(name)s") % {"name": name}
