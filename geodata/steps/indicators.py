"""Compute every catalogue indicator at every level from the rolled-up raw variables.

Ratios are summed numerators over summed denominators at each level (never a mean of shares); a
formula wins over a published share where both exist, because it aggregates exactly; medians, means
and categories appear only where they were published.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geodata.catalog import Catalogue, Indicator, Term

AREA_KEY = ["code", "level", "edition", "year"]
COLUMNS = [*AREA_KEY, "indicator", "value", "numerator", "denominator"]


def _combine(wide: pd.DataFrame, terms: tuple[Term, ...]) -> pd.Series:
    """Σ sign·variable per row; NaN where any term is missing (a partial sum would mislead)."""
    total = pd.Series(0.0, index=wide.index)
    for term in terms:
        column = wide[term.variable] if term.variable in wide else pd.Series(np.nan, index=wide.index)
        total = total + term.sign * column
    return total


def compute_indicator(indicator: Indicator, wide: pd.DataFrame) -> pd.DataFrame:
    """One indicator's values for every row of `wide` (AREA_KEY index, raw variables as columns)."""
    numerator = denominator = pd.Series(np.nan, index=wide.index)
    value = pd.Series(np.nan, index=wide.index)
    if indicator.aggregation == "sum":
        numerator = _combine(wide, indicator.numerator)
        value = numerator
    elif indicator.aggregation == "ratio":
        numerator = _combine(wide, indicator.numerator)
        denominator = _combine(wide, indicator.denominator)
        value = indicator.scale * numerator / denominator.where(denominator > 0)
    for variable in indicator.published:
        if variable in wide:
            value = value.fillna(wide[variable])
    out = pd.DataFrame(
        {"indicator": indicator.id, "value": value, "numerator": numerator, "denominator": denominator},
        index=wide.index,
    )
    return out[out["value"].notna()].reset_index()


def derive_counts(statistics: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """The statistics plus the catalogue's derived counts (share × persons), for every area and year
    that has all factors and lacks the count itself."""
    if not catalogue.derived:
        return statistics
    key = ["code", "level", "edition", "year"]
    wanted = {v for d in catalogue.derived for v in d.product}
    wide = statistics[statistics["variable"].isin(wanted)].pivot_table(
        index=key, columns="variable", values="value", aggfunc="first", observed=True
    )
    have = statistics[["code", "level", "edition", "year", "variable"]]
    frames = [statistics]
    for d in catalogue.derived:
        if not set(d.product) <= set(wide.columns):
            continue
        value = wide[list(d.product)].prod(axis=1, min_count=len(d.product)) * d.scale
        made = value.dropna().rename("value").reset_index().assign(variable=d.variable)
        delivered = have[have["variable"] == d.variable].drop(columns="variable").assign(_have=True)
        made = made.merge(delivered, on=key, how="left")
        frames.append(made[made["_have"].isna()][statistics.columns])
    return pd.concat(frames, ignore_index=True)


def compute_indicators(raw: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """The long indicator table: code, level, edition, year, indicator, value, numerator, denominator."""
    wide = raw.pivot_table(index=AREA_KEY, columns="variable", values="value", aggfunc="first", observed=True)
    frames = [compute_indicator(ind, wide) for ind in catalogue.indicators]
    return pd.concat(frames, ignore_index=True)[COLUMNS]
