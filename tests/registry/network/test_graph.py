"""The picture of a network (registry.network.graph): the same network gives the same SVG, every name is escaped,
labels are cut with the full name kept, nothing overlaps, and with too many mitra the ones with most ties are drawn
and the rest counted."""

import re
import xml.etree.ElementTree as ET

from django.template.loader import render_to_string
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.network.graph import (
    LABEL_CHARACTERS,
    MITRA_X,
    ROW,
    WKSBM_X,
    Group,
    MitraEnd,
    Network,
    WksbmEnd,
    draw,
    short,
)

SVG = "{http://www.w3.org/2000/svg}"
# Names as operators type them, with what markup and attributes must never take literally.
NAMES = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), include_characters="<>&\"'"),
    min_size=1,
    max_size=60,
).filter(lambda name: name.strip())
KINDS = ["Dunia usaha (CSR)", "Baznas/lembaga zakat", "Puskesmas", "LKS", "BUMDes"]


@st.composite
def networks(draw_, max_wksbm=25, max_mitra=15):
    """A network of a few groups, WKSBM in them, mitra of the seeded kinds and ties between them."""
    groups = [Group(f"34.03.{n:02d}", draw_(NAMES)) for n in range(1, draw_(st.integers(1, 4)) + 1)]
    wksbm = [
        WksbmEnd(pk, draw_(NAMES), draw_(st.sampled_from(groups)).key)
        for pk in range(1, draw_(st.integers(1, max_wksbm)) + 1)
    ]
    mitra = []
    for pk in range(1, draw_(st.integers(0, max_mitra)) + 1):
        order = draw_(st.integers(0, len(KINDS) - 1))
        mitra.append(MitraEnd(pk, draw_(NAMES), KINDS[order], order))
    wksbm_pks = st.sampled_from([w.pk for w in wksbm])
    ties = []
    if mitra:
        mitra_pks = st.sampled_from([m.pk for m in mitra])
        ties += [(draw_(wksbm_pks), draw_(mitra_pks), None) for _ in range(draw_(st.integers(0, 30)))]
    if len(wksbm) > 1:
        for _ in range(draw_(st.integers(0, 5))):
            first, second = draw_(st.lists(wksbm_pks, min_size=2, max_size=2, unique=True))
            ties.append((min(first, second), None, max(first, second)))
    return Network(groups=groups, wksbm=wksbm, mitra=mitra, ties=ties)


def svg_of(picture) -> str:
    return render_to_string("registry/network/map_svg.html", {"picture": picture})


def texts(svg: str) -> list[str]:
    """Every text and title of the SVG, as a reader sees it (entities decoded by the XML parser)."""
    root = ET.fromstring(svg)
    return [element.text or "" for element in root.iter() if element.tag in (f"{SVG}text", f"{SVG}title")]


@settings(max_examples=40, deadline=None)
@given(network=networks())
def test_the_same_network_gives_the_same_svg_and_every_name_is_escaped(network):
    title = "Jejaring <uji> & \"kutip\" 'tunggal'"
    shuffled = Network(network.groups, network.wksbm[::-1], network.mitra[::-1], network.ties[::-1])

    first = svg_of(draw(network, title=title))
    again = svg_of(draw(shuffled, title=title))

    shown = texts(first)  # parses: no name broke the markup
    assert first == again
    assert title in shown
    assert {w.name for w in network.wksbm} <= set(shown)
    assert {f"{m.name} ({m.kind})" for m in network.mitra} <= set(shown)


@settings(max_examples=40, deadline=None)
@given(network=networks())
def test_nodes_of_a_column_never_overlap_and_edges_join_the_columns(network):
    picture = draw(network, title="Jejaring")

    for column in (picture.wksbm, picture.mitra):
        heights = sorted(node.y for node in column)
        assert all(lower - upper >= ROW - 0.1 for upper, lower in zip(heights, heights[1:], strict=False))
        assert all(0 < node.y < picture.height for node in column)
    for edge in picture.edges:
        start, *_middle, end_x, _end_y = edge.path.split()
        assert (start, end_x) == (f"M{WKSBM_X}", str(WKSBM_X if edge.between_wksbm else MITRA_X))
    drawn_mitra_ties = [tie for tie in network.ties if tie[1] is not None]
    assert len([e for e in picture.edges if not e.between_wksbm]) == len(drawn_mitra_ties)


@given(name=NAMES)
def test_a_label_is_cut_to_its_length_with_an_ellipsis_and_the_full_name_kept_in_its_title(name):
    picture = draw(Network([Group("34.03.08", "Semanu")], [WksbmEnd(1, name, "34.03.08")], [], []), title="Jejaring")

    node = picture.wksbm[0]
    assert len(node.label) <= LABEL_CHARACTERS
    assert node.label == short(name)
    assert node.title == name
    assert node.label.endswith("…") is (len(" ".join(name.split())) > LABEL_CHARACTERS)


def test_with_too_many_mitra_the_ones_with_most_ties_are_drawn_and_the_rest_counted():
    groups = [Group("34.03.08", "Semanu")]
    wksbm = [WksbmEnd(pk, f"WKSBM {pk}", "34.03.08") for pk in range(1, 11)]
    mitra = [MitraEnd(pk, f"Mitra {pk:02d}", "LKS") for pk in range(1, 21)]
    # Mitra n has n ties (to the first n WKSBM, cycling): the five with most are 16 to 20.
    ties = [(1 + index % 10, pk, None) for pk in range(1, 21) for index in range(pk)]

    picture = draw(Network(groups, wksbm, mitra, ties), title="Jejaring", mitra_shown=5)

    assert sorted(node.label for node in picture.mitra) == [f"Mitra {pk}" for pk in range(16, 21)]
    assert (picture.mitra_left_out, picture.ties_left_out) == (15, sum(range(1, 16)))
    assert len(picture.edges) == sum(range(16, 21))


def test_a_mitra_sits_level_with_the_wksbm_it_serves_and_the_legend_names_each_kind_once():
    groups = [Group("34.03.08", "Semanu"), Group("34.03.12", "Semin")]
    wksbm = [WksbmEnd(1, "WKSBM Candirejo", "34.03.08"), WksbmEnd(2, "WKSBM Kalitekuk", "34.03.12")]
    mitra = [MitraEnd(1, "Puskesmas Semin", "Puskesmas", 30), MitraEnd(2, "Baznas Gunungkidul", "Baznas", 20)]
    ties = [(2, 1, None), (1, 2, None), (1, None, 2)]

    picture = draw(Network(groups, wksbm, mitra, ties), title="Jejaring")

    y = {node.label: node.y for node in picture.wksbm + picture.mitra}
    assert (y["Baznas Gunungkidul"], y["Puskesmas Semin"]) == (y["WKSBM Candirejo"], y["WKSBM Kalitekuk"])
    assert [entry.label for entry in picture.legend] == ["WKSBM", "Baznas", "Puskesmas"]
    assert [heading.label for heading in picture.headings] == ["Semanu", "Semin"]
    assert [edge.between_wksbm for edge in picture.edges] == [True, False, False]  # by WKSBM, the WKSBM tie first


def test_a_wksbm_without_ties_is_a_ring_and_the_legend_says_so_only_when_there_is_one():
    groups = [Group("34.03.08", "Semanu")]
    wksbm = [WksbmEnd(1, "WKSBM Berjejaring", "34.03.08"), WksbmEnd(2, "WKSBM Sendiri", "34.03.08")]
    mitra = [MitraEnd(1, "LKS Harapan", "LKS")]

    alone = draw(Network(groups, wksbm, mitra, [(1, 1, None)]), title="Jejaring")
    together = draw(Network(groups, wksbm, mitra, [(1, 1, None), (1, None, 2)]), title="Jejaring")

    assert [(node.label, node.hollow) for node in alone.wksbm] == [
        ("WKSBM Berjejaring", False),
        ("WKSBM Sendiri", True),
    ]
    assert [entry.label for entry in alone.legend] == ["WKSBM", "WKSBM tanpa jejaring", "LKS"]
    assert [node.hollow for node in together.wksbm] == [False, False]
    assert [entry.label for entry in together.legend] == ["WKSBM", "LKS"]


def test_a_tall_picture_prints_in_overlapping_bands_that_cover_it():
    wksbm = [WksbmEnd(pk, f"WKSBM {pk}", "34.03.08") for pk in range(1, 301)]
    picture = draw(Network([Group("34.03.08", "Semanu")], wksbm, [], []), title="Jejaring")

    bands = [tuple(float(n) for n in box.split()) for box in picture.slices()]

    assert bands[0][1] == 0
    assert bands[-1][1] + bands[-1][3] == picture.height
    assert all(b[1] < a[1] + a[3] for a, b in zip(bands, bands[1:], strict=False))
    assert re.fullmatch(r"0 0 320 \d+", picture.view_box)
