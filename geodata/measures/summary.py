"""Where municipalities stand among all, and how their people spread over SCB's area types.

Pure functions over the store's precomputed tables (`measures`, `area_types`); `Atlas` calls them
with the store's rows. No drawing here: the views turn these frames into charts and sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def ranks(values: pd.DataFrame) -> pd.DataFrame:
    """Every row (kommun, value, …) with its `rank`, 1 for the highest value, and `n` ranked; ties in
    value keep the table's order (the sort is stable). Rows without a value are not ranked."""
    known = values.dropna(subset=["value"])
    ordered = known.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)
    return ordered.assign(rank=range(1, len(ordered) + 1), n=len(ordered))


def nearest_year(years: Sequence[int], wanted: int) -> int | None:
    """`wanted` if it is among `years`, else the latest of them; None when there are none."""
    have = sorted(years)
    return wanted if wanted in have else (have[-1] if have else None)


def type_shares(
    types: pd.DataFrame, municipalities: Sequence[str], year: int, type_codes: Sequence[int]
) -> pd.DataFrame:
    """The share (0–1) of each municipality's people living in each area type in a year: one row per
    municipality in the order given, one column per type code; 0 where it has no area of the type.
    `types` has kommun, year, type and share (the store's `area_types`)."""
    rows = types[types["year"] == year]
    wide = rows.pivot_table(index="kommun", columns="type", values="share", aggfunc="sum")
    return (
        wide.reindex(index=list(municipalities), columns=list(type_codes))
        .fillna(0.0)
        .rename_axis(index="kommun", columns="type")
    )
