"""Times the drawing of a kabupaten's network: 300 WKSBM in 18 kecamatan, 150 mitra of the seeded kinds and 600 ties
(540 with mitra, 60 between two WKSBM), as `registry.network.graph` lays it out and the SVG template draws it.

Run: `.venv/bin/python bench/network_map.py [--repeat N]`. No database: the network is made in memory (seeded
random, so every run draws the same picture), and only the drawing is timed (the page's reads are pinned by the
query-count tests). Prints the median layout and render times, the SVG's size raw and gzipped, and, as the
baseline measured in the same run, the time to serialise the same network as JSON: the least any drawing of it
costs.
"""

import argparse
import gzip
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WKSBM, MITRA, MITRA_TIES, WKSBM_TIES, KECAMATAN = 300, 150, 540, 60, 18
KINDS = ["Dunia usaha (CSR)", "Baznas/lembaga zakat", "Puskesmas", "LKS", "BUMDes", "Pemerintah desa"]
KINDS += ["Perguruan tinggi", "Organisasi keagamaan", "LSM", "Ormas", "Instansi pemerintah", "Lainnya"]


def setup() -> None:
    os.environ.pop("DATABASE_URL", None)  # the default SQLite settings: nothing is read from it
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wksbm.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def network():
    from registry.network.graph import Group, MitraEnd, Network, WksbmEnd

    rng = random.Random(19)
    groups = [Group(f"34.03.{n:02d}", f"Kapanewon Nomor {n} Dengan Nama Panjang") for n in range(1, KECAMATAN + 1)]
    wksbm = [WksbmEnd(pk, f"WKSBM Desa {pk} Sejahtera Bersama", rng.choice(groups).key) for pk in range(1, WKSBM + 1)]
    mitra = []
    for pk in range(1, MITRA + 1):
        order = rng.randrange(len(KINDS))
        mitra.append(MitraEnd(pk, f"Mitra {pk} {KINDS[order]} Kabupaten", KINDS[order], order))
    ties = set()
    while len(ties) < MITRA_TIES:
        ties.add((rng.randint(1, WKSBM), rng.randint(1, MITRA), None))
    pairs = set()
    while len(pairs) < WKSBM_TIES:
        first, second = rng.sample(range(1, WKSBM + 1), 2)
        pairs.add((min(first, second), None, max(first, second)))
    return Network(groups=groups, wksbm=wksbm, mitra=mitra, ties=sorted(ties) + sorted(pairs))


def median_ms(action, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per figure (default 9)")
    options = parser.parse_args()
    setup()
    from django.template.loader import render_to_string

    from registry.network.graph import draw

    data = network()
    render_to_string("registry/network/map_svg.html", {"picture": draw(data, title="Pemanasan")})  # warm-up
    layout_ms, picture = median_ms(lambda: draw(data, title="Jejaring WKSBM Kabupaten Uji"), options.repeat)
    render_ms, svg = median_ms(
        lambda: render_to_string("registry/network/map_svg.html", {"picture": picture}), options.repeat
    )
    baseline_ms, _text = median_ms(
        lambda: json.dumps([data.wksbm, data.mitra, data.ties], default=lambda end: end.__dict__), options.repeat
    )
    total = layout_ms + render_ms
    print(f"network: {WKSBM} WKSBM, {MITRA} mitra, {MITRA_TIES + WKSBM_TIES} ties ({WKSBM_TIES} between WKSBM)")
    print(
        f"drawn: {len(picture.wksbm)} WKSBM, {len(picture.mitra)} mitra ({picture.mitra_left_out} left out), "
        f"{len(picture.edges)} edges, viewBox {picture.view_box}, {len(picture.slices())} A4 bands"
    )
    print(f"layout {layout_ms:.1f} ms + SVG {render_ms:.1f} ms = {total:.1f} ms (median of {options.repeat})")
    print(f"SVG {len(svg.encode()) / 1024:.0f} KB, gzipped {len(gzip.compress(svg.encode(), 6)) / 1024:.0f} KB")
    print(f"baseline (the same network as JSON): {baseline_ms:.2f} ms; drawing = {total / baseline_ms:.0f}× baseline")


if __name__ == "__main__":
    main()
