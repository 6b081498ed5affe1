"""Roll counts up DeSO → RegSO → kommun → län → riket, only where every member area has a value.

An aggregate over an incomplete set of areas would be a silent undercount, so a parent gets a sum only
when all its member areas (known from the register) report the variable that year. Published values
at a level win over sums; where both exist they are compared and disagreements reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geodata.levels import LEVELS, RIKET_CODE

KEY = ["code", "level", "edition", "year", "variable"]
# Which finer levels each level may be summed from, nearest first. DeSO and RegSO registers are only
# as complete as the source's coverage of a municipality, so län and riket come only from the full
# list of municipalities, never straight from small areas.
ROUTES: dict[str, tuple[str, ...]] = {
    "regso": ("deso",),
    "kommun": ("regso", "deso"),
    "lan": ("kommun",),
    "riket": ("lan", "kommun"),
}
TOLERANCE = 0.5  # counts are integers; anything above rounding is a real disagreement


@dataclass
class RollupReport:
    """What the roll-up could and could not do, for the build manifest."""

    computed: dict[str, int] = field(default_factory=dict)
    incomplete: dict[str, int] = field(default_factory=dict)
    disagreements: list[dict] = field(default_factory=list)
    agreements: dict[str, int] = field(default_factory=dict)


def _ancestor(register: pd.DataFrame, source_level: str, target_level: str) -> pd.DataFrame:
    """code, edition, parent: each source-level area's ancestor at the target level."""
    areas = register[register["level"] == source_level]
    parent = pd.Series(RIKET_CODE, index=areas.index) if target_level == "riket" else areas[target_level]
    out = pd.DataFrame({"code": areas["code"], "edition": areas["edition"], "parent": parent})
    return out[out["parent"].notna() & (out["parent"] != "")]


def _aggregate(values: pd.DataFrame, members: pd.DataFrame, target_level: str) -> tuple[pd.DataFrame, int]:
    """Sum `values` (one level) into parents whose members all have a value. Returns the sums and the
    number of (parent, year, variable) groups left out for being incomplete."""
    if values.empty:
        return values.iloc[0:0], 0
    expected = members.groupby(["edition", "parent"]).size().rename("expected")
    joined = values.merge(members, on=["code", "edition"], how="inner")
    grouped = joined.groupby(["edition", "parent", "year", "variable"], observed=True)["value"].agg(["sum", "count"])
    grouped = grouped.join(expected, on=["edition", "parent"])
    complete = grouped["count"] == grouped["expected"]
    sums = grouped.loc[complete, "sum"].reset_index().rename(columns={"parent": "code", "sum": "value"})
    sums["level"] = target_level
    return sums[[*KEY, "value"]], int((~complete).sum())


def rollup(
    statistics: pd.DataFrame, register: pd.DataFrame, count_variables: set[str]
) -> tuple[pd.DataFrame, RollupReport]:
    """Published statistics plus sums at every coarser level, by the rule above."""
    report = RollupReport()
    counts = statistics[statistics["variable"].isin(count_variables)]
    by_level: dict[str, pd.DataFrame] = {"deso": counts[counts["level"] == "deso"][[*KEY, "value"]]}
    for target in LEVELS[1:]:
        published = counts[counts["level"] == target][[*KEY, "value"]]
        pieces = [published.assign(_rank=0)]
        for rank, source_level in enumerate(ROUTES[target], start=1):
            members = _ancestor(register, source_level, target)
            sums, incomplete = _aggregate(by_level[source_level], members, target)
            report.incomplete[f"{source_level}→{target}"] = incomplete
            pieces.append(sums.assign(_rank=rank))
        stacked = pd.concat(pieces, ignore_index=True)
        _compare_routes(stacked, target, report)
        best = stacked.sort_values("_rank", kind="stable").drop_duplicates(KEY, keep="first")
        by_level[target] = best.drop(columns="_rank")
        report.computed[target] = int((best["_rank"] > 0).sum())
    others = statistics[~statistics["variable"].isin(count_variables)]
    out = pd.concat([*by_level.values(), others[[*KEY, "value"]]], ignore_index=True)
    return out.sort_values(KEY, ignore_index=True), report


def _compare_routes(stacked: pd.DataFrame, level: str, report: RollupReport) -> None:
    """Where a value exists by more than one route (published, or summed from different levels), they
    must agree; record how many agree and every disagreement."""
    multi = stacked[stacked.duplicated(KEY, keep=False)]
    if multi.empty:
        return
    spread = multi.groupby(KEY, observed=True)["value"].agg(["min", "max"])
    bad = spread[(spread["max"] - spread["min"]) > TOLERANCE]
    report.agreements[level] = int(len(spread) - len(bad))
    for key, row in bad.head(50).iterrows():
        report.disagreements.append({**dict(zip(KEY, key, strict=True)), "min": row["min"], "max": row["max"]})
