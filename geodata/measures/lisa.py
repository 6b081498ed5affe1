"""Local and global spatial autocorrelation of an indicator within one municipality (PySAL esda).

Queen contiguity over the municipality's own areas; areas without a neighbour (islands) are left out of
the weights and labelled `island`. Local Moran's I with 999 conditional permutations and a fixed seed;
an area is a hot spot (HH), cold spot (LL) or outlier (HL, LH) when its pseudo p-value is below 0.05,
else `ns`. Anselin, L. (1995). Local indicators of spatial association — LISA. Geographical Analysis 27(2).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

PERMUTATIONS = 999
SIGNIFICANCE = 0.05
SEED = 12345
QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}


@dataclass(frozen=True)
class GlobalMoran:
    i: float
    p_value: float
    n_areas: int
    islands: int


def _weights(frame: gpd.GeoDataFrame, cache: dict | None):
    """Queen weights over the areas without islands, and the islands' positions; cached per code list
    (the same areas recur for every indicator)."""
    from libpysal.weights import Queen

    key = tuple(frame["code"])
    if cache is not None and key in cache:
        return cache[key]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # libpysal warns about islands and disconnected components
        w = Queen.from_dataframe(frame, use_index=False)
        islands = sorted(set(w.islands))
        keep = [i for i in range(len(frame)) if i not in set(islands)]
        sub_w = None
        if len(keep) >= 8:
            sub_w = Queen.from_dataframe(frame.iloc[keep].reset_index(drop=True), use_index=False)
            sub_w.transform = "r"
    result = (sub_w, keep, islands)
    if cache is not None:
        cache[key] = result
    return result


def lisa(
    shapes: gpd.GeoDataFrame, values: pd.Series, cache: dict | None = None
) -> tuple[pd.DataFrame, GlobalMoran] | None:
    """code, cluster (HH/LL/HL/LH/ns/island), p, local_i for areas with a value; None if too few.
    `cache` keeps contiguity weights between calls over the same areas."""
    from esda.moran import Moran, Moran_Local

    frame = shapes[["code", "geometry"]].merge(values.rename("value"), left_on="code", right_index=True)
    frame = frame[frame["value"].notna()].reset_index(drop=True)
    if len(frame) < 8 or frame["value"].nunique() < 3:
        return None
    w, keep, islands = _weights(frame, cache)
    if w is None:
        return None
    sub = frame.iloc[keep].reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        y = sub["value"].to_numpy(dtype=float)
        local = Moran_Local(y, w, permutations=PERMUTATIONS, seed=SEED)
        glob = Moran(y, w, permutations=PERMUTATIONS)
    cluster = np.where(local.p_sim < SIGNIFICANCE, pd.Series(local.q).map(QUADRANTS).to_numpy(), "ns")
    out = pd.DataFrame({"code": sub["code"], "cluster": cluster, "p": local.p_sim, "local_i": local.Is})
    isolated = frame.iloc[islands]
    out = pd.concat(
        [out, pd.DataFrame({"code": isolated["code"], "cluster": "island", "p": np.nan, "local_i": np.nan})],
        ignore_index=True,
    )
    return out, GlobalMoran(float(glob.I), float(glob.p_sim), len(sub), len(islands))
