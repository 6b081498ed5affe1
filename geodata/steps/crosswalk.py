"""SCB's DeSO change log as a crosswalk: which 2018-edition areas carry their series into 2025.

SCB's "Historiska förändringar i DeSO" lists every DeSO 2018 code that changed, one row per (old
code, new code, change type); a code may have several rows, and a code also changes when *another*
area gives it land (it then appears only as the target, `deso`, of someone else's row). Each DeSO 2018
code gets exactly one class, decided in this order (the first that applies wins):

1. ``unchanged``    — in no row, neither as old code nor as a target of another area's row.
2. ``code_changed`` — only `Kodändrad; annat än 20-22`, and the new code takes land from nobody else:
   the same area under a new code.
3. ``water_only``   — only `Utvidgas till territorialvattengräns` and no land from another area: the
   population is the same area's.
4. ``split``        — only `Upphör; till nybildad`, and every new code is made from this area alone:
   the parts add up exactly to the old area.
5. ``merged``       — it ceased (`Upphör; …`) with at least a part going to an *existing* area
   (`Upphör; till befintlig`): its land now lies inside areas that also hold other land.
6. ``moved``        — everything else: it gave land (`Minskas…`, `Ger del…`), took land (`Utvidgas`,
   or another area's row names it as target), or was split into new codes that also took land from
   elsewhere. Its series breaks at 2024.

Classes 1–4 are *continuous*: the series goes on across 2023 → 2024 (for a split, through the sum of
the new parts' counts). RegSO 2020 → 2025 is derived from the DeSO classes where the store knows the
2025 RegSO of every DeSO involved: a RegSO whose DeSO are all continuous and whose 2025 successors form
whole RegSO 2025 made only from it is ``unchanged`` / ``code_changed`` (one successor) or ``split``;
otherwise ``moved``; where the 2025 RegSO membership is unknown, ``unknown``.

Rows dated before the DeSO 2018 edition, or naming codes that are not DeSO 2018 codes, are left out
(the log holds two such rows from 2018-02-21 for Sorsele's former codes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd

from geodata.areacodes import kommun_of
from geodata.catalog import Catalogue
from geodata.levels import EDITIONS

CLASSES = ("unchanged", "water_only", "code_changed", "split", "merged", "moved", "unknown")
SAME_AREA = ("unchanged", "water_only", "code_changed")  # the 2025 area is the 2018 one (maybe renamed)
CONTINUOUS = (*SAME_AREA, "split")
COLUMNS = ["level", "code", "kommun", "class", "successors", "changes"]

CODE_CHANGED = "Kodändrad; annat än 20-22"
WATER = "Utvidgas till territorialvattengräns"
SPLIT = "Upphör; till nybildad"
MERGED = "Upphör; till befintlig"


def classify_deso(changes: pd.DataFrame, deso_2018: list[str]) -> pd.DataFrame:
    """One row per DeSO 2018 code: level, code, kommun, class, successors (comma-separated 2025 codes
    that carry the series: itself, its new code or its exact parts; empty where it breaks), changes
    (SCB's change types for the code, '; '-separated)."""
    known = set(deso_2018)
    rows = changes[changes["tidigare_deso"].isin(known)]
    out_rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    incoming: dict[str, set[str]] = defaultdict(set)
    for old, new, kind in rows[["tidigare_deso", "deso", "forandringstyp"]].itertuples(index=False):
        out_rows[old].append((new, kind))
        if new != old:
            incoming[new].add(old)
    records = []
    for code in sorted(known):
        own = out_rows.get(code, [])
        kinds = {k for _n, k in own}
        takes_land = bool(incoming.get(code))
        targets = sorted({n for n, _k in own})
        if not own and not takes_land:
            cls, successors = "unchanged", [code]
        elif kinds == {CODE_CHANGED} and not takes_land and all(incoming[n] == {code} for n in targets):
            cls, successors = "code_changed", targets
        elif kinds == {WATER} and not takes_land:
            cls, successors = "water_only", [code]
        elif kinds == {SPLIT} and all(incoming[n] == {code} for n in targets):
            cls, successors = "split", targets
        elif MERGED in kinds:
            cls, successors = "merged", []
        else:
            cls, successors = "moved", []
        described = sorted(kinds | ({"(tar emot del av annat område)"} if takes_land else set()))
        records.append(("deso", code, kommun_of(code), cls, ",".join(successors), "; ".join(described)))
    return pd.DataFrame(records, columns=COLUMNS)


def classify_regso(deso: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """RegSO 2020 classes from their DeSO's classes and both editions' DeSO → RegSO links."""
    members_2018 = links[links["edition"] == "2018"].groupby("parent")["code"].apply(set)
    links_2025 = links[links["edition"] == "2025"]
    regso_2025 = links_2025.set_index("code")["parent"]
    members_2025 = links_2025.groupby("parent")["code"].apply(set)
    kommuner_2025 = set(links_2025["code"].str[:4])
    by_code = deso.set_index("code")
    records = []
    for regso, members in members_2018.items():
        kommun = kommun_of(regso)
        rows = by_code.reindex(sorted(members))
        if kommun not in kommuner_2025:
            cls, successors = "unknown", []
        elif not rows["class"].isin(CONTINUOUS).all():
            cls, successors = "moved", []
        else:
            parts = {c for s in rows["successors"] for c in s.split(",") if c}
            targets = {regso_2025.get(c) for c in parts}
            whole = None not in targets and all(members_2025[t] <= parts for t in targets)
            if not whole:
                cls, successors = "moved", []
            elif len(targets) == 1:
                (only,) = targets
                cls, successors = ("unchanged" if only == regso else "code_changed"), [only]
            else:
                cls, successors = "split", sorted(targets)
        records.append(("regso", regso, kommun, cls, ",".join(successors), ""))
    return pd.DataFrame(records, columns=COLUMNS)


def build_crosswalk(changes: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The crosswalk table for the store: DeSO classes from SCB's log, RegSO classes derived from them."""
    deso_2018 = links.loc[(links["edition"] == "2018") & (links["level"] == "deso"), "code"].tolist()
    if changes.empty:  # a source without SCB's change log: nothing can be said to continue
        deso = pd.DataFrame(
            [("deso", c, kommun_of(c), "unknown", "", "") for c in sorted(set(deso_2018))], columns=COLUMNS
        )
    else:
        deso = classify_deso(changes, deso_2018)
    return pd.concat([deso, classify_regso(deso, links)], ignore_index=True)


Links = tuple[dict[tuple[str, str], tuple[str, list[str]]], dict[tuple[str, str], tuple[str, str]]]


def link_maps(crosswalk: pd.DataFrame) -> Links:
    """(level, 2018 code) → (class, successors); (level, 2025 code) → (2018 code, class) for 2025 areas
    that continue a 2018 area."""
    forward, backward = {}, {}
    for level, code, cls, successors in crosswalk[["level", "code", "class", "successors"]].itertuples(index=False):
        succ = [c for c in successors.split(",") if c]
        forward[(level, code)] = (cls, succ)
        for child in succ:
            backward[(level, child)] = (code, cls)
    return forward, backward


def carried(change: str | None, value_edition: str) -> str | None:
    """How a value of `value_edition` whose area has this change class is drawn on the other edition's
    shapes: "same" (the area is unchanged, grew over water only or only changed code), "parent" (a 2018
    value on every part of its exact split), or None (not drawn: a 2025 value is never drawn on a 2018
    shape it is only a part of, and a moved or merged area has no shape of the same area)."""
    if change in SAME_AREA:
        return "same"
    if change == "split" and value_edition == EDITIONS[0]:
        return "parent"
    return None


def shape_links(links: Links, level: str, value_edition: str, codes: Sequence[str]) -> pd.DataFrame:
    """Which value of `value_edition` each of the other edition's shapes (`codes`) may be drawn with, by
    SCB's change log (`carried`): code (the shape), source_code (the value's area), join ("same" or
    "parent"). Shapes with no such value are left out."""
    forward, backward = links
    rows = []
    for code in codes:
        if value_edition == EDITIONS[0]:  # a 2018 value on a 2025 shape
            source, change = backward.get((level, code), (None, None))
        else:  # a 2025 value on a 2018 shape
            change, successors = forward.get((level, code), (None, []))
            source = successors[0] if successors else None
        join = carried(change, value_edition)
        if source is not None and join is not None:
            rows.append((code, source, join))
    return pd.DataFrame(rows, columns=["code", "source_code", "join"])


def class_counts(crosswalk: pd.DataFrame, kommuner: set[str] | None = None) -> dict[str, dict[str, int]]:
    """Per level, how many 2018-edition areas fall in each class (optionally only in some municipalities)."""
    frame = crosswalk if kommuner is None else crosswalk[crosswalk["kommun"].isin(kommuner)]
    out: dict[str, dict[str, int]] = {}
    for level, part in frame.groupby("level"):
        counts = part["class"].value_counts()
        out[str(level)] = {c: int(counts.get(c, 0)) for c in CLASSES if counts.get(c, 0) or c != "unknown"}
    return out


def split_sums(values: pd.DataFrame, crosswalk: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """2025-edition values summed back to exactly split 2018 parents, for indicators built from counts.

    For each split parent, year and count-based indicator, the children's numerators (and
    denominators) are summed — only where every child has them; a share published without its counts
    is never averaged. Columns: code (the 2018 parent), level, year, indicator, value, numerator,
    denominator, source_code (the children, '+'-joined)."""
    columns = ["code", "level", "year", "indicator", "value", "numerator", "denominator", "source_code"]
    splits = crosswalk[crosswalk["class"] == "split"]
    if splits.empty:
        return pd.DataFrame(columns=columns)
    children = splits.assign(child=splits["successors"].str.split(",")).explode("child")
    children = children[["level", "code", "child"]].rename(columns={"code": "parent"})
    n_children = children.groupby(["level", "parent"]).size().rename("n")
    aggregable = {i.id: i for i in catalogue.indicators if i.aggregation in ("sum", "ratio")}
    later = values[(values["edition"] == "2025") & values["indicator"].isin(aggregable) & values["numerator"].notna()]
    later = later[(later["indicator"].map(lambda i: aggregable[i].aggregation) == "sum") | later["denominator"].notna()]
    joined = later.merge(children, left_on=["level", "code"], right_on=["level", "child"])
    if joined.empty:
        return pd.DataFrame(columns=columns)
    grouped = joined.groupby(["level", "parent", "year", "indicator"], observed=True).agg(
        numerator=("numerator", "sum"),
        denominator=("denominator", lambda s: s.sum(min_count=len(s))),
        count=("code", "size"),
        source_code=("code", lambda s: "+".join(sorted(s))),
    )
    grouped = grouped.join(n_children, on=["level", "parent"])
    grouped = grouped[grouped["count"] == grouped["n"]].reset_index()
    scale = grouped["indicator"].map(lambda i: aggregable[i].scale)
    is_ratio = grouped["indicator"].map(lambda i: aggregable[i].aggregation == "ratio")
    denominator = grouped["denominator"].where(grouped["denominator"] > 0)
    grouped["value"] = np.where(is_ratio, scale * grouped["numerator"] / denominator, grouped["numerator"])
    grouped.loc[~is_ratio, "denominator"] = np.nan
    grouped = grouped.rename(columns={"parent": "code"}).dropna(subset=["value"])
    return grouped[columns].sort_values(["level", "code", "indicator", "year"], ignore_index=True)
