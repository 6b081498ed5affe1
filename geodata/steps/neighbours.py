"""Which areas border which, for moving between neighbouring areas with the keyboard.

Queen contiguity (a shared edge or corner) within a small tolerance: simplified inputs leave slivers of
a few metres between areas that border each other, and a tolerance closes them. This is for finding
one's way across a map, not for statistics (the hot-spot step has its own exact contiguity).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

TOLERANCE_M = 25.0  # metres in EPSG:3006: wider than the slivers, narrower than a block


def neighbour_pairs(shapes: gpd.GeoDataFrame, tolerance_m: float = TOLERANCE_M) -> pd.DataFrame:
    """code, neighbour: every ordered pair of areas within `tolerance_m` of each other (both directions),
    from shapes in a metric CRS; sorted, no area its own neighbour."""
    if shapes.empty:
        return pd.DataFrame({"code": pd.Series(dtype=str), "neighbour": pd.Series(dtype=str)})
    geoms = shapes.geometry.values
    tree = shapely.STRtree(geoms)
    left, right = tree.query(shapely.buffer(geoms, tolerance_m / 2), predicate="intersects")
    codes = shapes["code"].to_numpy()
    keep = left != right
    pairs = pd.DataFrame({"code": codes[left[keep]], "neighbour": codes[right[keep]]})
    # the query is symmetric only up to buffering both sides; make it so
    both = pd.concat([pairs, pairs.rename(columns={"code": "neighbour", "neighbour": "code"})], ignore_index=True)
    return both.drop_duplicates().sort_values(["code", "neighbour"], ignore_index=True)


def neighbour_table(boundaries: dict[tuple[str, str], gpd.GeoDataFrame], levels: tuple[str, ...]) -> pd.DataFrame:
    """level, edition, code, neighbour for every boundary set of the given levels."""
    parts = [
        neighbour_pairs(frame.to_crs("EPSG:3006")).assign(level=level, edition=edition)
        for (level, edition), frame in boundaries.items()
        if level in levels
    ]
    if not parts:
        return pd.DataFrame(columns=["level", "edition", "code", "neighbour"])
    return pd.concat(parts, ignore_index=True)[["level", "edition", "code", "neighbour"]]
