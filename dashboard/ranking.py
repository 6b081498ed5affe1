"""Highest, lowest and places among areas, with ties shared: one rule for the sentence, the alt text, the
area panel and the table, so they never name different "highest" areas when several share a value."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Extreme:
    """The areas sharing the highest (or lowest) value: `names` in name order, `value` theirs."""

    value: float
    names: tuple[tuple[str, str], ...]  # (name, code)

    @property
    def ties(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class Place:
    """Competition ranking, highest first: tied areas share the best place ("delad plats 1 av 320")."""

    rank: int
    n: int
    tied: int


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Areas with a value first, highest first, ties by name then code; areas without a value last."""
    return frame.sort_values(
        ["value", "name", "code"], ascending=[False, True, True], na_position="last", kind="stable"
    ).reset_index(drop=True)


def extremes(frame: pd.DataFrame) -> tuple[Extreme, Extreme] | None:
    """The highest and the lowest areas of a frame with code, name, value; None with fewer than two values
    or when every area has the same value (there is no highest then)."""
    values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
    shown = values[~np.isnan(values)]
    if len(shown) < 2 or shown.max() == shown.min():
        return None

    def at(value: float) -> Extreme:
        here = values == value
        rows = zip(frame["name"].to_numpy()[here], frame["code"].to_numpy()[here], strict=True)
        return Extreme(float(value), tuple(sorted(rows)))

    return at(shown.max()), at(shown.min())


def place(frame: pd.DataFrame, code: str) -> Place | None:
    """The area's place among the frame's areas with a value, highest first, ties sharing a place."""
    shown = frame.dropna(subset=["value"])
    mine = shown.loc[shown["code"] == code, "value"]
    if mine.empty:
        return None
    value = float(mine.iloc[0])
    higher = int((shown["value"] > value).sum())
    return Place(higher + 1, len(shown), int((shown["value"] == value).sum()))
