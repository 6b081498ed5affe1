"""RegSO shapes where SCB's are not in the source: a RegSO is exactly the union of its DeSO.

Built at build time from the DeSO shapes of the same edition and the DeSO → RegSO links (DeSO 2025:
`regsokod`; DeSO 2018: SCB's correspondence table to RegSO 2020). SCB's own RegSO shapes win wherever
they exist, per municipality. Derived shapes carry `detail` "derived" (from full-detail DeSO) or
"derived-simplified" (from simplified DeSO: fine for maps, not for area measurements).

Simplified DeSO do not share borders exactly: the union of neighbours keeps slivers (thin gaps inside
the RegSO). A morphological closing — buffer out by `eps` metres and back in, mitred so corners stay
— seals gaps narrower than 2·eps; holes and parts smaller than `min_area` m² are then dropped, since a
real enclave or island is far larger than a sliver. Full-detail DeSO fit exactly and get only a tiny
closing that removes floating-point seams.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geodata.areacodes import kommun_of

# (closing radius m, smallest hole or part kept m²) by the DeSO's detail
CLEANING = {"full": (0.5, 100.0), "simplified": (15.0, 20_000.0)}


def clean_union(geometries: list, eps: float, min_area: float) -> shapely.Geometry:
    """The union of touching polygons without the slivers between them (see the module's note)."""
    union = shapely.union_all(geometries)
    closed = union.buffer(eps, join_style="mitre", mitre_limit=2.0).buffer(-eps, join_style="mitre", mitre_limit=2.0)
    parts = []
    for part in shapely.get_parts(shapely.make_valid(closed)):
        if not isinstance(part, shapely.Polygon) or part.area < min_area:
            continue
        holes = [ring for ring in part.interiors if shapely.Polygon(ring).area >= min_area]
        parts.append(shapely.Polygon(part.exterior, holes))
    return shapely.MultiPolygon(parts) if len(parts) != 1 else parts[0]


def regso_from_deso(deso: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """code, kommun, parent (kommun), detail, geometry: one RegSO per `parent` of the DeSO shapes."""
    rows = []
    for regso, members in deso.groupby("parent", sort=True):
        detail = "simplified" if (members["detail"] == "simplified").any() else "full"
        eps, min_area = CLEANING[detail]
        geometry = clean_union(list(members.geometry.values), eps, min_area)
        label = "derived" if detail == "full" else "derived-simplified"
        rows.append((regso, kommun_of(regso), kommun_of(regso), label, geometry))
    frame = pd.DataFrame(rows, columns=["code", "kommun", "parent", "detail", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=deso.crs)


def complete_regso(boundaries: dict, links: pd.DataFrame) -> dict:
    """The boundaries with RegSO shapes added, per edition, for every municipality that has DeSO shapes
    but no RegSO shapes of SCB's own. Returns a new dict; the input is not changed."""
    out = dict(boundaries)
    for (level, edition), deso in boundaries.items():
        if level != "deso":
            continue
        own = boundaries.get(("regso", edition))
        have = set(own["kommun"]) if own is not None else set()
        todo = deso[~deso["kommun"].isin(have)]
        if todo.empty:
            continue
        parents = links[(links["edition"] == edition) & (links["level"] == "deso")].set_index("code")["parent"]
        todo = todo.assign(parent=todo["code"].map(parents).fillna(todo["parent"]))
        derived = regso_from_deso(todo[todo["parent"].notna() & (todo["parent"] != "")])
        parts = [own, derived] if own is not None else [derived]
        out[("regso", edition)] = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=deso.crs)
    return out
