"""Shapes for the web map: coverage-simplified so neighbours keep their shared borders, in WGS 84,
and the municipal outlines drawn around a map of small areas.

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


def outline_layer(level: str) -> str:
    """The name the outlines around a map of `level` are stored under, beside the web shapes."""
    return f"outline-{level}"


def web_outlines(areas: gpd.GeoDataFrame, smallest_m2: float = 10_000.0) -> gpd.GeoDataFrame:
    """code (the municipality), geometry: one outline per municipality from its simplified areas' union,
    holes dropped and parts under a hectare too, since separately simplified copies leave slivers
    between neighbours that would draw as lines. SCB's kommun layer is far coarser than DeSO (16 points
    for Mölndal), so its edge would cut through the areas."""
    union = areas[["kommun", "geometry"]].dissolve("kommun").reset_index()
    metric = union.to_crs("EPSG:3006")
    shapes = []
    for geom, geom_m in zip(union.geometry, metric.geometry, strict=True):
        parts = [
            shapely.Polygon(p.exterior)
            for p, p_m in zip(shapely.get_parts(geom), shapely.get_parts(geom_m), strict=True)
            if p_m.area >= smallest_m2
        ]
        shapes.append(shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0])
    return gpd.GeoDataFrame({"code": union["kommun"]}, geometry=shapes, crs=areas.crs)
