"""Precompute segregation measures and area-type shares for every municipality, level and year.

A municipality gets a measure only where every one of its areas (at that level and edition) has the
split's counts: a measure over part of a city would mislead. Each row carries its interval, the
number of areas and the people behind it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geodata.catalog import Catalogue, Term
from geodata.measures import MEASURES
from geodata.measures.inference import estimate

COLUMNS = [
    "kommun",
    "level",
    "edition",
    "year",
    "split",
    "measure",
    "value",
    "low",
    "high",
    "n_areas",
    "population",
    "group_share",
]


def _combine(wide: pd.DataFrame, terms: tuple[Term, ...]) -> pd.Series:
    total = pd.Series(0.0, index=wide.index)
    for term in terms:
        total = total + term.sign * wide.get(term.variable, np.nan)
    return total


def compute_measures(raw: pd.DataFrame, register: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """One row per (municipality, level, edition, year, split, measure) where the data are complete."""
    small = raw[raw["level"].isin(["deso", "regso"])]
    wide = small.pivot_table(
        index=["code", "level", "edition", "year"], columns="variable", values="value", aggfunc="first", observed=True
    )
    expected = register[register["level"].isin(["deso", "regso"])].assign(kommun=lambda f: f["code"].str[:4])
    expected = expected.groupby(["kommun", "level", "edition"]).size()
    rows = []
    for split in catalogue.splits:
        if not split.variables <= set(wide.columns):
            continue
        x = _combine(wide, split.group)
        t = x + _combine(wide, split.other)
        frame = pd.DataFrame({"x": x, "t": t}).dropna().reset_index()
        frame["kommun"] = frame["code"].str[:4]
        for (kommun, level, edition, year), part in frame.groupby(["kommun", "level", "edition", "year"]):
            if len(part) != expected.get((kommun, level, edition), -1) or len(part) < 2 or part["t"].sum() <= 0:
                continue
            xs, ts = part["x"].to_numpy(), part["t"].to_numpy()
            share = float(xs.sum() / ts.sum())
            if share in (0.0, 1.0):
                continue
            for name, fn in MEASURES.items():
                est = estimate(fn, xs, ts)
                rows.append(
                    (
                        kommun,
                        level,
                        edition,
                        int(year),
                        split.id,
                        name,
                        est.value,
                        est.low,
                        est.high,
                        est.n_areas,
                        est.population,
                        share,
                    )
                )
    return pd.DataFrame(rows, columns=COLUMNS)


def compute_area_types(raw: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """kommun, year, type (1–5), population, share: people living in each SCB/Delmos area type."""
    types = values[(values["indicator"] == "omradestyp") & (values["level"] == "regso")]
    pop = raw[(raw["level"] == "regso") & (raw["variable"] == "folkmangd")]
    joined = types.merge(pop, on=["code", "level", "edition", "year"], suffixes=("_type", "_pop"))
    if joined.empty:
        return pd.DataFrame(columns=["kommun", "year", "type", "population", "share"])
    joined["kommun"] = joined["code"].str[:4]
    joined["type"] = joined["value_type"].astype(int)
    out = joined.groupby(["kommun", "year", "type"], as_index=False)["value_pop"].sum()
    out = out.rename(columns={"value_pop": "population"})
    out["share"] = out["population"] / out.groupby(["kommun", "year"])["population"].transform("sum")
    return out


def compute_lisa(values: pd.DataFrame, boundaries: dict, catalogue: Catalogue) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hot and cold spots per municipality for indicators flagged `lisa`, on the year's own shapes only
    (a cluster on another edition's boundaries would mix two area systems). RegSO shapes the build
    derived from DeSO are left out: hot spots there would repeat the DeSO map at a coarser grain, and
    skipping them keeps the build within its time budget (see benchmarks/store.py)."""
    from geodata.levels import edition_of_year
    from geodata.measures.lisa import lisa

    local, glob = [], []
    wanted = [i.id for i in catalogue.indicators if i.lisa]
    subset = values[values["indicator"].isin(wanted) & values["level"].isin(["deso", "regso"])]
    weights: dict = {}
    for (indicator, level, year), part in subset.groupby(["indicator", "level", "year"]):
        edition = edition_of_year(int(year))
        shapes = boundaries.get((level, edition))
        if shapes is None or part["edition"].iloc[0] != edition:
            continue
        shapes = shapes[~shapes["detail"].str.startswith("derived")]
        series = part.set_index("code")["value"]
        for kommun, kshapes in shapes.groupby("kommun"):
            cache = weights.setdefault((level, edition), {})
            result = lisa(kshapes, series[series.index.str[:4] == kommun], cache)
            if result is None:
                continue
            clusters, moran = result
            local.append(clusters.assign(indicator=indicator, level=level, edition=edition, year=int(year)))
            glob.append(
                (indicator, level, edition, int(year), kommun, moran.i, moran.p_value, moran.n_areas, moran.islands)
            )
    local_frame = (
        pd.concat(local, ignore_index=True)
        if local
        else pd.DataFrame(columns=["code", "cluster", "p", "local_i", "indicator", "level", "edition", "year"])
    )
    glob_frame = pd.DataFrame(
        glob, columns=["indicator", "level", "edition", "year", "kommun", "moran_i", "p", "n_areas", "islands"]
    )
    return local_frame, glob_frame
