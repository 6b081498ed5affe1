"""Shapes for the web map: coverage-simplified so neighbours keep their shared borders, in WGS 84.

Done once at build time; the web layer only filters and serialises. Tolerances suit each level's
typical zoom (metres, EPSG:3006); coordinates are rounded to 1e-5° (about a metre).
"""

from __future__ import annotations

import geopandas as gpd
import shapely

TOLERANCE_M = {"deso": 10.0, "regso": 15.0, "kommun": 100.0, "lan": 300.0}
WEB_CRS = "EPSG:4326"


def simplify_for_web(frame: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """code, kommun, detail, geometry (EPSG:4326), simplified as one coverage."""
    simplified = shapely.coverage_simplify(frame.geometry.values, TOLERANCE_M.get(level, 10.0))
    columns = {c: frame[c].values for c in ("code", "kommun", "detail") if c in frame}
    out = gpd.GeoDataFrame(columns, geometry=simplified, crs=frame.crs).to_crs(WEB_CRS)
    out["geometry"] = shapely.make_valid(shapely.set_precision(out.geometry.values, 1e-5))
    return out
