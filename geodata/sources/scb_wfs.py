"""SCB's geodata WFS: DeSO and RegSO boundaries, filtered by municipality or county and read in pages.

Layers `stat:DeSO_2018`, `stat:DeSO_2025`, `stat:RegSO_2020`, `stat:RegSO_2025` in EPSG:3006. A page
is `count` features from `startIndex`; reading stops when a page comes back short or `numberMatched`
is reached, so a server that does not report totals still pages correctly.
"""

from __future__ import annotations

import os

import geopandas as gpd
import pandas as pd

from geodata.errors import SourceError
from geodata.sources import STORE_CRS
from geodata.sources.http import ScbHttp

DEFAULT_WFS = "https://geodata.scb.se/geoserver/stat/wfs"
LAYERS = {
    ("deso", "2018"): "stat:DeSO_2018",
    ("deso", "2025"): "stat:DeSO_2025",
    ("regso", "2018"): "stat:RegSO_2020",
    ("regso", "2025"): "stat:RegSO_2025",
}
PAGE_SIZE = 1000


def wfs_url() -> str:
    return os.environ.get("SCB_WFS_URL", DEFAULT_WFS)


def cql_filter(municipalities: list[str] | None = None, counties: list[str] | None = None) -> str | None:
    """A CQL filter on `kommunkod` or `lanskod`; None means the whole country."""

    def quoted(codes: list[str]) -> str:
        return ",".join(f"'{c}'" for c in codes if c.isdigit())

    if municipalities:
        return f"kommunkod IN ({quoted(municipalities)})"
    if counties:
        return f"lanskod IN ({quoted(counties)})"
    return None


class WfsClient:
    def __init__(self, http: ScbHttp, base: str | None = None, page_size: int = PAGE_SIZE) -> None:
        self.http = http
        self.base = base or wfs_url()
        self.page_size = page_size

    def features(self, layer: str, cql: str | None) -> gpd.GeoDataFrame:
        """All features of a layer matching the filter, in the store's CRS."""
        pages: list[gpd.GeoDataFrame] = []
        start = 0
        while True:
            params = {
                "service": "WFS",
                "version": "2.0.0",
                "request": "GetFeature",
                "typeNames": layer,
                "outputFormat": "application/json",
                "srsName": "EPSG:3006",
                "count": str(self.page_size),
                "startIndex": str(start),
                "sortBy": "objectid",
            }
            if cql:
                params["CQL_FILTER"] = cql
            page = self.http.json("GET", self.base, params=params, what=f"WFS {layer} from {start}")
            features = page.get("features")
            if not isinstance(features, list):
                raise SourceError(f"WFS {layer}: the answer is not a GeoJSON feature collection")
            if features:
                pages.append(gpd.GeoDataFrame.from_features(features, crs="EPSG:3006"))
            start += len(features)
            matched = page.get("numberMatched")
            if len(features) < self.page_size or (isinstance(matched, int) and start >= matched):
                break
        if not pages:
            return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=STORE_CRS)
        frame = pd.concat(pages, ignore_index=True)
        return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:3006").to_crs(STORE_CRS)

    def boundaries(self, level: str, edition: str, cql: str | None) -> gpd.GeoDataFrame:
        """code, kommun, parent, detail, geometry for one layer (parent: the RegSO of a DeSO, if given)."""
        layer = LAYERS[(level, edition)]
        raw = self.features(layer, cql)
        code_col = "desokod" if level == "deso" else "regsokod"
        if raw.empty:
            return gpd.GeoDataFrame({"code": [], "kommun": [], "parent": [], "detail": []}, geometry=[], crs=STORE_CRS)
        missing = [c for c in (code_col, "kommunkod") if c not in raw.columns]
        if missing:
            raise SourceError(f"WFS {layer}: features lack {', '.join(missing)}")
        parent = raw["regsokod"] if level == "deso" and "regsokod" in raw else raw["kommunkod"]
        out = gpd.GeoDataFrame(
            {
                "code": raw[code_col].astype(str),
                "kommun": raw["kommunkod"].astype(str),
                "parent": parent.fillna("").astype(str),
                "detail": "full",
            },
            geometry=raw.geometry.values,
            crs=STORE_CRS,
        )
        if level == "regso" and "regsonamn" in raw:
            out["name"] = raw["regsonamn"].astype(str).values
        return out
