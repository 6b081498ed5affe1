"""Which areas border which (for keyboard moves): a hand-made grid, and the real DeSO of Mölndal."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import box

from geodata.steps.neighbours import neighbour_pairs


def test_squares_border_across_edges_corners_and_small_slivers_but_not_a_gap() -> None:
    shapes = gpd.GeoDataFrame(
        {"code": ["a", "b", "c", "d", "far"]},
        geometry=[
            box(0, 0, 100, 100),
            box(100, 0, 200, 100),  # shares an edge with a
            box(205, 100, 300, 200),  # 5 m sliver from b's corner: still a neighbour (queen, within tolerance)
            box(100, 100, 200, 200),  # touches a at a corner only
            box(1000, 0, 1100, 100),  # 800 m away from everything
        ],
        crs="EPSG:3006",
    )
    pairs = set(map(tuple, neighbour_pairs(shapes)[["code", "neighbour"]].to_numpy()))
    assert {("a", "b"), ("b", "a"), ("a", "d"), ("b", "c"), ("c", "b")} <= pairs
    assert not any("far" in p for p in pairs)
    assert not any(a == b for a, b in pairs)


def test_every_drawn_molndal_deso_has_neighbours_and_bordering_is_mutual(atlas) -> None:
    nb = atlas.neighbours("deso", "2025")
    molndal = list(atlas.web_shapes("deso", "2025", ["1481"])["code"])
    assert len(molndal) == 42
    assert all(nb.get(c) for c in molndal)
    assert all(code in nb[other] for code in molndal for other in nb[code])
