"""Questions the web layer and the CLI ask of the store, answered with plain pandas.

`current_atlas()` returns an `Atlas` over the store's current version, reloading only when `CURRENT`
changes, so a rebuild is picked up by running workers without a restart. Lookups are dictionary hits
on frames indexed once at load.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata import config
from geodata.areacodes import kommun_of, lan_of, small_area_level
from geodata.catalog import Catalogue, Indicator, load_catalogue
from geodata.errors import UsageError
from geodata.levels import EDITIONS, LEVELS, RIKET_CODE, SMALL_AREA_LEVELS, check_level, edition_of_year, edition_order
from geodata.measures import MEASURE_INFO
from geodata.measures.inference import Difference, difference
from geodata.measures.summary import nearest_year, ranks, type_shares
from geodata.steps.crosswalk import SAME_AREA, Links, link_maps, shape_links
from geodata.steps.web_geometry import outline_layer, web_outlines
from geodata.store import StoreVersion, current_version_dir

VALUE_COLUMNS = ["code", "name", "kommun", "edition", "value", "numerator", "denominator"]
MEASURE_COLUMNS = ["kommun", "name", "year", "edition", "value", "low", "high", "n_areas", "population", "group_share"]
HISTORY_COLUMNS = ["indicator", "year", "edition", "value", "join", "source_code", "reason"]
CHANGE_COLUMNS = ["code", "name", "kommun", "value_from", "value_to", "change", "source_code", "join", "reason"]
CROSSWALK_COLUMNS = ["level", "code", "kommun", "class", "successors", "changes"]


@dataclass(frozen=True)
class Reference:
    """A reference figure for an area: its municipality's or the nation's value, same indicator and year."""

    level: str
    code: str
    name: str
    value: float | None
    # Why value is None: "not_summable" (SCB publishes the small areas' figure itself, a median or a
    # share, with no counts to add up) or "incomplete" (not every member area has figures that year).
    missing: str | None = None


@dataclass(frozen=True)
class MeasureComparison:
    """Two municipalities' values of a measure, the higher first, with the test of their difference."""

    measure: str
    higher: str
    lower: str
    higher_name: str
    lower_name: str
    higher_value: float
    lower_value: float
    difference: Difference
    """higher − lower, with a bootstrap interval and two-sided p-value over the two municipalities' areas."""


@dataclass
class MapLayer:
    """Shapes joined with values for a map, and an honest account of what could not be drawn."""

    frame: gpd.GeoDataFrame
    """code (the drawn shape's), name, kommun, value, source_code (the code whose value it is), join ("same",
    or "parent": a 2025 part drawn with the value of the 2018 area SCB split exactly into the parts),
    other_vintage (True where drawn on the other edition's shape), detail, geometry."""
    value_edition: str
    editions: dict[str, tuple[str, ...]]
    """The editions whose shapes are drawn, each with the municipalities it draws, in `EDITIONS` order."""
    values_without_shape: list[str] = field(default_factory=list)
    shapes_without_value: int = 0

    @property
    def geometry_edition(self) -> str | None:
        """The edition most of the map is drawn on: the values' own where any municipality has its shapes."""
        if self.value_edition in self.editions:
            return self.value_edition
        return next(iter(self.editions), None)

    @property
    def borrowed(self) -> tuple[str, ...]:
        """The municipalities drawn on the other edition's shapes (DeSO and RegSO only)."""
        return tuple(m for ed, munis in self.editions.items() if ed != self.value_edition for m in munis)

    @property
    def other_vintage(self) -> bool:
        """Whether values are drawn on the other edition's shapes (only DeSO and RegSO change)."""
        return bool(len(self.frame)) and bool(self.frame["other_vintage"].any())


@dataclass(frozen=True)
class Coverage:
    """What a store version has values for, read on nearly every request (parsing an address asks for the
    municipalities, indicators, levels and years): worked out once per version."""

    years: dict[tuple[str, str], tuple[int, ...]]  # (indicator, level) → sorted years
    levels: dict[str, tuple[str, ...]]  # indicator → levels, in `LEVELS` order
    indicators: tuple[str, ...]  # in the catalogue's order
    municipalities: frozenset[str]

    @classmethod
    def of(cls, slices: dict[tuple[str, str, int], object], catalogue: Catalogue, kommun: Sequence[str]) -> Coverage:
        years: dict[tuple[str, str], list[int]] = {}
        for ind, lv, y in slices:
            years.setdefault((ind, lv), []).append(y)
        pairs = set(years)
        have = {ind for ind, _lv in pairs}
        return cls(
            years={p: tuple(sorted(ys)) for p, ys in years.items()},
            levels={i: tuple(lv for lv in LEVELS if (i, lv) in pairs) for i in have},
            indicators=tuple(i for i in catalogue.ids() if i in have),
            municipalities=frozenset(kommun),
        )


def check_measure(measure: str) -> None:
    if measure not in MEASURE_INFO:
        raise UsageError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURE_INFO)}")


LAYERS_KEPT = 256  # map layers per store version (~0.1–0.5 MB each)


class Atlas:
    """Read-only queries over one store version."""

    def __init__(self, store: StoreVersion, catalogue: Catalogue | None = None) -> None:
        self.store = store
        self.catalogue = catalogue or load_catalogue()
        self.areas = store.table("areas")
        values = store.table("values")
        names = self.areas.set_index(["code", "level", "edition"])["name"]
        self._names = names
        self._slices: dict[tuple[str, str, int], pd.DataFrame] = {
            key: frame.drop(columns=["indicator", "level", "year"]).set_index("code")
            for key, frame in values.groupby(["indicator", "level", "year"], sort=False, observed=True)
        }
        self._by_area = values.set_index(["level", "code"]).sort_index()
        self._tables: dict[tuple[str, str, int], pd.DataFrame] = {}
        self._neighbours: dict[tuple[str, str], dict[str, list[str]]] = {}
        self._shape_kommuner: dict[tuple[str, str], frozenset[str]] = {}
        self._registers: dict[tuple[str, str], pd.DataFrame] = {
            key: frame.set_index("code") for key, frame in self.areas.groupby(["level", "edition"], sort=False)
        }
        self._coverage = Coverage.of(self._slices, self.catalogue, self._registers[("kommun", EDITIONS[-1])].index)
        # Tests of a difference are bootstraps over counts, too many pairs to compute at build: each is
        # computed once per store version (an Atlas is one version).
        # The caches hold the Atlas weakly: a bound method would make a reference cycle, and an Atlas in a
        # cycle (hundreds of MB) outlives a rebuild until a full collection, which `gc.freeze` postpones.
        this = weakref.proxy(self)
        self._difference = lru_cache(maxsize=4096)(partial(Atlas._compute_difference, this))
        self._layer = lru_cache(maxsize=LAYERS_KEPT)(partial(Atlas._map_layer, this))  # the latest map layers

    @property
    def version(self) -> str:
        return self.store.version

    # ------------------------------------------------------------------ coverage

    def years(self, indicator: str, level: str) -> list[int]:
        """Years with any value for the indicator at the level, from the data itself."""
        return list(self._coverage.years.get((indicator, level), ()))

    def levels(self, indicator: str) -> list[str]:
        return list(self._coverage.levels.get(indicator, ()))

    def indicator_ids(self) -> list[str]:
        """Catalogue indicators that have any value in this store."""
        return list(self._coverage.indicators)

    def municipality_codes(self) -> frozenset[str]:
        return self._coverage.municipalities

    def has_area(self, code: str, level: str, year: int) -> bool:
        """Whether the code is an area of the level in the year's edition."""
        reg = self._registers.get((level, edition_of_year(year)))
        return reg is not None and code in reg.index

    def has_area_any(self, code: str, level: str) -> bool:
        """Whether the code is an area of the level in either edition."""
        return any(code in reg.index for (lv, _ed), reg in self._registers.items() if lv == level)

    def find_areas(self, query: str, limit: int = 30) -> list[tuple[str, str, str]]:
        """(code, level, name) of DeSO and RegSO whose name or code matches, best first: code prefixes,
        then names that start with the query, then names that contain it."""
        q = query.strip().casefold()
        if len(q) < 2:
            return []
        small = self._search_index()
        code_hit = small["code_cf"].str.startswith(q)
        starts = small["name_cf"].str.startswith(q)
        contains = small["name_cf"].str.contains(q, regex=False)
        rank = (~code_hit).astype(int) * 4 + (~starts).astype(int) * 2 + (small["level"] == "deso").astype(int)
        hit = code_hit | contains  # (an empty frame would take a whole Series' index on assign)
        hits = small[hit].assign(_rank=rank[hit]).sort_values(["_rank", "name", "code"])
        return list(hits[["code", "level", "name"]].head(limit).itertuples(index=False, name=None))

    def _search_index(self) -> pd.DataFrame:
        if not hasattr(self, "_search"):
            small = self.areas[self.areas["level"].isin(["regso", "deso"])]
            small = small.sort_values("edition", ascending=False).drop_duplicates(["code", "level"])
            self._search = small.assign(code_cf=small["code"].str.casefold(), name_cf=small["name"].str.casefold())
        return self._search

    def geometry_edition(self, level: str, year: int, municipalities: list[str] | None = None) -> str | None:
        """The edition whose shapes draw a year's values in the municipalities: the year's own edition
        where the store has its shapes for any of them, else the other edition's if it has any, else
        None. Without municipalities: any shapes of the level at all. (Stockholm's 2022 DeSO draw on
        DeSO 2018; Göteborg's, with no 2018 shapes in the store, on DeSO 2025, flagged.)"""
        for edition in edition_order(year):
            if self.store.boundaries(level, edition, web=True) is None:
                continue
            if not municipalities or level in ("lan", "riket"):
                return edition
            if self._shape_municipalities(level, edition) & set(municipalities):
                return edition
        return None

    def geometry_editions(
        self, level: str, year: int, municipalities: Sequence[str] | None = None
    ) -> dict[str, tuple[str, ...]]:
        """The editions whose shapes draw a year's values, each with the municipalities it draws, in
        `EDITIONS` order: for DeSO and RegSO per municipality, the year's own edition where the store has
        its shapes there, else the other edition's where it has those (a whole region of 2022 draws
        Stockholm county on DeSO 2018 and Göteborgsregionen on DeSO 2025); municipalities with neither are
        left out. Other levels do not change and are drawn whole on `geometry_edition`'s edition. Without
        municipalities: every municipality in the store."""
        wanted = tuple(municipalities) if municipalities else tuple(sorted(self._coverage.municipalities))
        if level not in SMALL_AREA_LEVELS:
            edition = self.geometry_edition(level, year, list(municipalities) if municipalities else None)
            return {edition: wanted} if edition else {}
        found: dict[str, list[str]] = {}
        for m in wanted:
            edition = next((e for e in edition_order(year) if m in self._shape_municipalities(level, e)), None)
            if edition:
                found.setdefault(edition, []).append(m)
        return {e: tuple(found[e]) for e in EDITIONS if e in found}

    def _shape_municipalities(self, level: str, edition: str) -> frozenset[str]:
        key = (level, edition)
        if key not in self._shape_kommuner:
            shapes = self.store.boundaries(level, edition, web=True)
            self._shape_kommuner[key] = frozenset() if shapes is None else frozenset(shapes["kommun"])
        return self._shape_kommuner[key]

    def shapes(self, level: str, edition: str, municipalities: list[str] | None, web: bool = False) -> gpd.GeoDataFrame:
        """Shapes of a level in (or, for län, containing) the municipalities; `web`: simplified WGS 84,
        else full detail in EPSG:3006. Empty where the store has none."""
        shapes = self.store.boundaries(level, edition, web=web)
        if shapes is None:
            return gpd.GeoDataFrame(
                {"code": [], "kommun": [], "detail": []}, geometry=[], crs="EPSG:4326" if web else "EPSG:3006"
            )
        if not municipalities or level == "riket":
            return shapes
        if level == "lan":
            return shapes[shapes["code"].isin({lan_of(m) for m in municipalities})]
        return shapes[shapes["kommun"].isin(municipalities)]

    def web_shapes(self, level: str, edition: str, municipalities: list[str]) -> gpd.GeoDataFrame:
        """Simplified WGS 84 shapes for maps."""
        return self.shapes(level, edition, municipalities, web=True)

    def outlines(self, level: str, edition: str, municipalities: list[str]) -> gpd.GeoDataFrame:
        """Municipal outlines (code, geometry, WGS 84) for a map of `level` in `edition`.

        Where the municipality's areas are drawn, its outline is their union (`web_outlines`, at build);
        elsewhere the kommun layer's own shape, from whichever edition the store has.
        """
        parts = []
        if level in SMALL_AREA_LEVELS:
            own = self.store.boundaries(outline_layer(level), edition, web=True)  # precomputed at build
            if own is None:  # a store built before outlines were precomputed
                areas = self.web_shapes(level, edition, municipalities)
                own = web_outlines(areas) if not areas.empty else areas[["code", "geometry"]]
            own = own[own["code"].isin(municipalities)]
            parts = [own] if not own.empty else []
        drawn = set(parts[0]["code"]) if parts else set()
        rest = [m for m in municipalities if m not in drawn]
        for ed in (edition, *EDITIONS):
            kommun = self.web_shapes("kommun", ed, rest) if rest else None
            if kommun is not None and not kommun.empty:
                parts.append(kommun[["code", "geometry"]])
                break
        if not parts:
            return gpd.GeoDataFrame({"code": []}, geometry=[], crs="EPSG:4326")
        out = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:4326")
        return out.sort_values("code", ignore_index=True)

    def municipalities(self) -> pd.DataFrame:
        """code, name, lan of all municipalities, sorted by name (Swedish collation is the caller's)."""
        k = self._registers[("kommun", EDITIONS[-1])].reset_index()
        return k[["code", "name", "lan"]].sort_values("name", ignore_index=True)

    def neighbours(self, level: str, edition: str) -> dict[str, list[str]]:
        """Each area's bordering areas (queen contiguity within a few metres), for keyboard moves on a map;
        empty for levels without small areas and for a store built before neighbours were kept."""
        key = (level, edition)
        if key not in self._neighbours:
            path = self.store.path / "neighbours.parquet"
            table = self.store.table("neighbours") if path.is_file() else None
            if table is None:
                self._neighbours[key] = {}
            else:
                rows = table[(table["level"] == level) & (table["edition"] == edition)]
                self._neighbours[key] = rows.groupby("code")["neighbour"].agg(list).to_dict()
        return self._neighbours[key]

    # ------------------------------------------------------------------ values

    def _check(self, indicator: str, level: str, year: int) -> Indicator:
        ind = self.catalogue.get(indicator)
        check_level(level)
        if (indicator, level, year) not in self._slices:
            years = self.years(indicator, level)
            if not years:
                levels = ", ".join(self.levels(indicator)) or "none"
                raise UsageError(f"{indicator} has no values at level {level} in this store (levels: {levels})")
            raise UsageError(f"{indicator} has no {level} values for {year}; years: {', '.join(map(str, years))}")
        return ind

    def check_municipalities(self, codes: list[str]) -> list[str]:
        known = set(self._registers[("kommun", EDITIONS[-1])].index)
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise UsageError(f"unknown municipality code(s): {', '.join(unknown)} (four digits, e.g. 1480)")
        return codes

    def register(self, level: str, edition: str, municipalities: list[str] | None = None) -> pd.DataFrame:
        """The areas of a level in an edition, optionally only those in (or containing) the municipalities."""
        reg = self._registers.get((level, edition))
        if reg is None:
            return self.areas.iloc[0:0].set_index("code")
        return reg[self._area_mask(reg, level, municipalities)] if municipalities else reg

    def _area_mask(self, frame: pd.DataFrame, level: str, municipalities: list[str]) -> pd.Series | slice:
        self.check_municipalities(municipalities)
        if level in ("deso", "regso", "kommun"):
            return frame["kommun"].isin(municipalities)
        if level == "lan":
            codes = frame.get("code", frame.index)
            return pd.Series(codes, index=frame.index).isin({lan_of(m) for m in municipalities})
        return slice(None)

    def _table(self, indicator: str, level: str, year: int) -> pd.DataFrame:
        """Every area of the level and the year's edition joined with its values, sorted by code; built on
        first use and kept, so a query is only a filter."""
        key = (indicator, level, year)
        table = self._tables.get(key)
        if table is None:
            edition = edition_of_year(year)
            reg = self._registers[(level, edition)]
            vals = self._slices[key][["value", "numerator", "denominator"]]
            table = reg[["name", "kommun"]].join(vals, how="left").assign(edition=edition)
            table = table.rename_axis("code").reset_index()[VALUE_COLUMNS].sort_values("code", ignore_index=True)
            self._tables[key] = table
        return table

    def values(self, indicator: str, level: str, year: int, municipalities: list[str] | None = None) -> pd.DataFrame:
        """One row per area of the level (in the year's edition): code, name, kommun, edition, value, and
        the numerator and denominator behind a ratio. `value` is NaN where there is none."""
        self._check(indicator, level, year)
        table = self._table(indicator, level, year)
        if not municipalities:
            return table.copy()
        return table[self._area_mask(table, level, municipalities)].reset_index(drop=True)

    def value(self, indicator: str, level: str, year: int, code: str) -> float | None:
        frame = self._slices.get((indicator, level, year))
        if frame is None or code not in frame.index:
            return None
        return float(frame.at[code, "value"])

    def history(
        self, code: str, level: str, indicators: list[str] | None = None, edition: str | None = None
    ) -> pd.DataFrame:
        """Every value in an area's series across SCB's 2024 boundary change, one row per indicator and year.

        Columns: indicator, year, edition (the edition the value was published in), value, `join`,
        `source_code` (the code whose value it is) and `reason` (None, or why the value does not join).
        `join` says how a value belongs to the area, seen from its `edition` (default: the newest
        edition that has the code):

        - ``"same"``: the area's own value, or the same area in the other edition — the code is
          unchanged, grew over water only, or only changed code (`source_code` is then the other code);
        - ``"split_sum"``: a 2018 area split exactly into new 2025 areas — the parts' counts summed back
          (`source_code` lists the parts, '+'-joined; only count-based indicators, only years where
          every part has counts);
        - ``"parent"``: a 2025 area made by an exact split — its earlier years are its 2018 parent's
          values, labelled as the parent's (`source_code` is the parent);
        - ``"none"``: the same code in the other edition whose boundary moved (`reason`
          ``"boundary_moved"``) or whose change is unknown (``"no_crosswalk"``): the series breaks.

        Kommun, län and riket do not change: every value is ``"same"``. Unknown codes give an empty frame."""
        check_level(level)
        parts = []
        own_edition = edition or self._home_edition(code, level)
        for ed in EDITIONS:
            if ed == own_edition or level not in SMALL_AREA_LEVELS:
                rows = self._area_rows(level, code, indicators, ed)
                parts.append(rows.assign(join="same", source_code=code, reason=None))
                continue
            other, join, reason = self.counterpart(code, level, own_edition)
            if join == "split_sum":
                rows = self._split_sum_rows(level, code, indicators)
            elif other:
                rows = self._area_rows(level, other, indicators, ed).assign(source_code=other)
            else:
                continue
            parts.append(rows.assign(join=join, reason=reason))
        parts = [p for p in parts if len(p)]
        if not parts:
            return pd.DataFrame(columns=HISTORY_COLUMNS)
        out = pd.concat(parts, ignore_index=True)[HISTORY_COLUMNS]
        out["reason"] = out["reason"].astype(object).where(out["reason"].notna(), None)
        return out.sort_values(["indicator", "year"], ignore_index=True)

    def _home_edition(self, code: str, level: str) -> str:
        for ed in reversed(EDITIONS):
            reg = self._registers.get((level, ed))
            if reg is not None and code in reg.index:
                return ed
        return EDITIONS[-1]

    def _area_rows(self, level: str, code: str, indicators: list[str] | None, edition: str) -> pd.DataFrame:
        try:
            rows = self._by_area.loc[(level, code)].reset_index(drop=True)
        except KeyError:
            return pd.DataFrame(columns=["indicator", "year", "edition", "value", "source_code"])
        rows = rows[rows["edition"] == edition]
        if indicators:
            rows = rows[rows["indicator"].isin(indicators)]
        return rows[["indicator", "year", "edition", "value"]].assign(source_code=code)

    def _split_sum_rows(self, level: str, code: str, indicators: list[str] | None) -> pd.DataFrame:
        sums = self._split_sums
        rows = sums[(sums["level"] == level) & (sums["code"] == code)]
        if indicators:
            rows = rows[rows["indicator"].isin(indicators)]
        return rows[["indicator", "year", "value", "source_code"]].assign(edition=EDITIONS[-1])

    # ------------------------------------------------------------------ crosswalk

    @property
    def crosswalk(self) -> pd.DataFrame:
        """SCB's change log as a table, one row per 2018-edition DeSO and RegSO: level, code, kommun,
        class (see `geodata.steps.crosswalk`), successors (2025 codes that carry the series), changes."""
        if not hasattr(self, "_crosswalk"):
            path = self.store.path / "crosswalk.parquet"
            self._crosswalk = (
                self.store.table("crosswalk") if path.is_file() else pd.DataFrame(columns=CROSSWALK_COLUMNS)
            )
        return self._crosswalk

    @property
    def _split_sums(self) -> pd.DataFrame:
        if not hasattr(self, "_split_sums_frame"):
            path = self.store.path / "split_sums.parquet"
            self._split_sums_frame = (
                self.store.table("split_sums")
                if path.is_file()
                else pd.DataFrame(columns=["code", "level", "year", "indicator", "value", "source_code"])
            )
        return self._split_sums_frame

    def _links(self) -> Links:
        if not hasattr(self, "_xw_links"):
            self._xw_links = link_maps(self.crosswalk)
        return self._xw_links

    def crosswalk_class(self, code: str, level: str = "deso") -> str | None:
        """The change class of an area across SCB's 2025 revision, for a code of either edition:
        a 2018 code's own class (unchanged, water_only, code_changed, split, merged, moved, unknown);
        a 2025 code that continues a 2018 area gets that area's class (``"split"`` for a part of an
        exactly split area); a 2025 code that does not is ``"moved"`` (``"unknown"`` without a crosswalk).
        None for a code in neither edition, and for kommun, län and riket (they do not change)."""
        if level not in SMALL_AREA_LEVELS:
            return None
        forward, backward = self._links()
        if (level, code) in backward:
            return backward[(level, code)][1]
        if (level, code) in forward:
            return forward[(level, code)][0]
        if self.has_area_any(code, level):
            return "moved" if len(self.crosswalk) else "unknown"
        return None

    def crosswalk_counts(self, municipalities: list[str] | None = None) -> dict[str, dict[str, int]]:
        """How many 2018-edition areas fall in each class, per level (DeSO, RegSO)."""
        from geodata.steps.crosswalk import class_counts

        return class_counts(self.crosswalk, set(municipalities) if municipalities else None)

    def counterpart(self, code: str, level: str, edition: str) -> tuple[str | None, str, str | None]:
        """How an area of `edition` joins the other edition: (code there, join, reason).

        join is "same", "split_sum" (the code there is None: the parts are summed), "parent", or
        "none" with a reason key: "boundary_moved", "merged", "new_area", "no_crosswalk"."""
        if level not in SMALL_AREA_LEVELS:
            return code, "same", None
        forward, backward = self._links()
        other_edition = next(e for e in EDITIONS if e != edition)
        exists_there = self.has_area_edition(code, level, other_edition)
        missing = "no_crosswalk" if not len(self.crosswalk) else None
        if edition == EDITIONS[0]:
            cls, succ = forward.get((level, code), ("unknown", []))
            if cls in SAME_AREA:
                return succ[0], "same", None
            if cls == "split":
                return None, "split_sum", None
            reason = missing or {"merged": "merged", "unknown": "no_crosswalk"}.get(cls, "boundary_moved")
            return (code if exists_there else None), "none", reason
        if (level, code) in backward:
            parent, cls = backward[(level, code)]
            return parent, ("parent" if cls == "split" else "same"), None
        reason = missing or ("boundary_moved" if exists_there or (level, code) in forward else "new_area")
        if level == "regso" and forward.get((level, code), ("",))[0] == "unknown":
            reason = "no_crosswalk"
        return (code if exists_there else None), "none", reason

    def has_area_edition(self, code: str, level: str, edition: str) -> bool:
        reg = self._registers.get((level, edition))
        return reg is not None and code in reg.index

    def change_unit(self, indicator: str) -> str:
        """How a change of the indicator is measured: "pp" (percentage points) for shares, "percent"
        for counts, amounts and ratios. Categories have no change (UsageError)."""
        ind = self.catalogue.get(indicator)
        if ind.unit == "category":
            raise UsageError(f"{indicator} is a category; it has no change between years")
        return "pp" if ind.unit == "percent" else "percent"

    def change(
        self, indicator: str, level: str, year_from: int, year_to: int, municipalities: list[str] | None = None
    ) -> pd.DataFrame:
        """The change of an indicator between two years, only for areas whose series is continuous.

        One row per area of `year_to`'s edition: code, name, kommun, value_from, value_to, change,
        source_code (the code whose `year_from` value is used), join ("same" or "split_sum") and
        reason. `change` is in percentage points for shares and in percent for counts and amounts
        (`change_unit`). Where it cannot be computed it is NaN and `reason` says why: "no_value_to",
        "no_value_from", "zero_base", or from the crosswalk "boundary_moved", "merged", "split" (a part
        of a split area: its earlier values are the whole's), "new_area", "no_crosswalk"."""
        unit = self.change_unit(indicator)
        if year_from == year_to:
            raise UsageError("a change needs two different years")
        self._check(indicator, level, year_from)
        table = self.values(indicator, level, year_to, municipalities)
        edition_to, edition_from = edition_of_year(year_to), edition_of_year(year_from)
        sums = self._split_sums
        sums = sums[(sums["indicator"] == indicator) & (sums["level"] == level) & (sums["year"] == year_from)]
        summed_from = dict(zip(sums["code"], sums["value"], strict=True))
        rows = []
        for code, value_to in zip(table["code"], table["value"], strict=True):
            source, join, reason = code, "same", None
            if edition_from != edition_to:
                source, join, reason = self.counterpart(code, level, edition_to)
                if join == "parent":
                    source, join, reason = None, "none", "split"
            value_from = self.value(indicator, level, year_from, source) if source and join == "same" else None
            if join == "split_sum":  # year_to on 2018 codes, year_from on 2025's: the parts summed back
                value_from = summed_from.get(code)
            if reason is None and value_to != value_to:
                reason = "no_value_to"
            if reason is None and value_from is None:
                reason = "no_value_from"
            rows.append((source, join if reason is None else "none", value_from, reason))
        out = table[["code", "name", "kommun", "value"]].rename(columns={"value": "value_to"})
        out["source_code"] = [r[0] for r in rows]
        out["join"] = [r[1] for r in rows]
        out["value_from"] = pd.array([r[2] for r in rows], dtype="Float64").astype(float)
        out["reason"] = [r[3] for r in rows]
        ok = out["reason"].isna()
        if unit == "pp":
            out["change"] = (out["value_to"] - out["value_from"]).where(ok)
        else:
            zero = ok & (out["value_from"] == 0)
            out.loc[zero, "reason"] = "zero_base"
            ok &= ~zero
            out["change"] = (100 * (out["value_to"] - out["value_from"]) / out["value_from"]).where(ok)
        return out[CHANGE_COLUMNS]

    def name(self, code: str, level: str, edition: str = EDITIONS[-1]) -> str:
        for ed in (edition, *EDITIONS):
            name = self._names.get((code, level, ed))
            if name is not None:
                return str(name)
        return ""

    def references(self, code: str, level: str, indicator: str, year: int) -> list[Reference]:
        """The municipality's and the nation's value for the same indicator and year (None where there
        is none, e.g. a median SCB published only for small areas)."""
        check_level(level)
        ind = self.catalogue.get(indicator)
        summable = (
            any(
                src.form == "counts" and src.edition == edition_of_year(year) and src.years[0] <= year <= src.years[1]
                for src in ind.sources
            )
            and ind.aggregation != "none"
        )
        targets = [("kommun", kommun_of(code))] if level in SMALL_AREA_LEVELS else []
        targets += [("riket", RIKET_CODE)] if level != "riket" else []
        refs = []
        for lv, c in targets:
            value = self.value(indicator, lv, year, c)
            missing = None if value is not None else "incomplete" if summable else "not_summable"
            refs.append(Reference(lv, c, self.name(c, lv), value, missing))
        return refs

    def profile(self, areas: Sequence[str], year: int) -> pd.DataFrame:
        """Every catalogue indicator (categories aside) for small areas in a year, beside their
        municipalities and the nation: a row per indicator with any value (index: indicator id), a
        column per area code, then per municipality code (in order of first appearance), then riket's
        code; NaN where there is no value."""
        kommuner = list(dict.fromkeys(kommun_of(c) for c in areas))
        targets = [(c, small_area_level(c) or "deso") for c in areas]
        targets += [(k, "kommun") for k in kommuner] + [(RIKET_CODE, "riket")]
        rows = {}
        for ind in self.catalogue.indicators:
            if ind.unit == "category":
                continue
            cells = [self.value(ind.id, level, year, code) for code, level in targets]
            if any(v is not None for v in cells):
                rows[ind.id] = [np.nan if v is None else v for v in cells]
        columns = [code for code, _ in targets]
        return pd.DataFrame.from_dict(rows, orient="index", columns=columns).rename_axis("indicator")

    # ------------------------------------------------------------------ segregation

    def measures(
        self,
        measure: str,
        split: str,
        year: int | None = None,
        level: str = "deso",
        municipalities: list[str] | None = None,
    ) -> pd.DataFrame:
        """kommun, name, year, value, low, high, n_areas, population, group_share — precomputed at build."""
        check_measure(measure)
        self.catalogue.split(split)
        rows = self._measure_rows.get((measure, split, level), self._measure_rows[None])
        if year is not None:
            if year not in set(rows["year"]):
                years = ", ".join(map(str, sorted(rows["year"].unique()))) or "none"
                raise UsageError(f"no {measure} for {split} over {level} in {year}; years: {years}")
            rows = rows[rows["year"] == year]
        if municipalities:
            self.check_municipalities(municipalities)
            rows = rows[rows["kommun"].isin(municipalities)]
        return rows.reset_index(drop=True)  # pandas copies on write: a caller cannot change the kept rows

    @cached_property
    def _measure_rows(self) -> dict[tuple[str, str, str] | None, pd.DataFrame]:
        """The measures table per (measure, split, level), named and sorted by kommun and year, read by
        `measures` (a view reads several slices of one of them); under None, no rows."""
        table = self.store.table("measures")
        names = self._registers[("kommun", EDITIONS[-1])]["name"]
        named = table.assign(name=table["kommun"].map(names)).sort_values(["kommun", "year"], kind="stable")
        groups = named.groupby(["measure", "split", "level"], sort=False)
        rows = {key: part[MEASURE_COLUMNS].reset_index(drop=True) for key, part in groups}
        return {**rows, None: named[MEASURE_COLUMNS].iloc[:0]}

    def split_ids(self) -> list[str]:
        have = set(self.store.table("measures")["split"].unique())
        return [s.id for s in self.catalogue.splits if s.id in have]

    def measure_years(self, split: str, level: str) -> list[int]:
        table = self.store.table("measures")
        rows = table.loc[(table["split"] == split) & (table["level"] == level), "year"]
        return sorted(int(y) for y in rows.unique())

    def split_counts(self, split: str, level: str, year: int, kommun: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Group counts and totals per area of a municipality, for tests of a difference."""
        sp = self.catalogue.split(split)
        raw = self.store.table("raw")
        part = raw[
            (raw["level"] == level)
            & (raw["year"] == year)
            & (raw["code"].str[:4] == kommun)
            & raw["variable"].isin(sp.variables)
        ]
        if part.empty:
            return None
        wide = part.pivot_table(index="code", columns="variable", values="value", aggfunc="first")

        def combine(terms) -> pd.Series:
            total = pd.Series(0.0, index=wide.index)
            for term in terms:
                total = total + term.sign * wide.get(term.variable, np.nan)
            return total

        x = combine(sp.group)
        t = x + combine(sp.other)
        ok = x.notna() & t.notna()
        return x[ok].to_numpy(), t[ok].to_numpy()

    def measure_difference(self, measure: str, split: str, level: str, year: int, a: str, b: str) -> Difference | None:
        """Municipality a's measure minus b's, with a bootstrap interval and p-value over their areas'
        counts (independent resamples); None where either has no counts for the split, level and year."""
        check_measure(measure)
        return self._difference(measure, split, level, year, a, b)

    def _compute_difference(self, measure: str, split: str, level: str, year: int, a: str, b: str) -> Difference | None:
        counts_a, counts_b = (self.split_counts(split, level, year, k) for k in (a, b))
        if counts_a is None or counts_b is None:
            return None
        return difference(MEASURE_INFO[measure].fn, counts_a, counts_b)

    def measure_comparisons(
        self, measure: str, split: str, year: int, level: str, municipalities: Sequence[str]
    ) -> list[MeasureComparison]:
        """The first municipality against each other one (in the order given), for those with a value:
        which is higher, and whether the difference is more than chance in which areas there are."""
        rows = self.measures(measure, split, year, level, list(municipalities)).set_index("kommun")
        first, out = municipalities[0] if municipalities else None, []
        for other in municipalities[1:]:
            if first not in rows.index or other not in rows.index:
                continue
            a, b = rows.loc[first], rows.loc[other]
            hi, lo = (a, b) if a["value"] >= b["value"] else (b, a)
            diff = self.measure_difference(measure, split, level, year, hi.name, lo.name)
            if diff is None:
                continue
            out.append(
                MeasureComparison(
                    measure, hi.name, lo.name, hi["name"], lo["name"], float(hi["value"]), float(lo["value"]), diff
                )
            )
        return out

    def measure_ranks(self, measure: str, split: str, year: int, level: str) -> pd.DataFrame:
        """Every municipality with the measure in the year: kommun, name, value, rank (1 = highest), n."""
        rows = self.measures(measure, split, year, level)
        return ranks(rows)[["kommun", "name", "value", "rank", "n"]]

    def area_type_year(self, municipalities: Sequence[str], year: int) -> int | None:
        """The year of area types to show beside `year`: that year where the municipalities have types,
        else their latest; None where they have none."""
        return nearest_year(self.area_types(list(municipalities))["year"].unique().tolist(), year)

    def area_type_shares(self, municipalities: Sequence[str], year: int) -> pd.DataFrame:
        """The share (0–1) of each municipality's people per SCB/Delmos area type in the year: a row per
        municipality (in the order given), a column per type code of the catalogue's `omradestyp`."""
        codes = [c.code for c in self.catalogue.get("omradestyp").categories]
        return type_shares(self.area_types(list(municipalities)), municipalities, year, codes)

    def lisa(self, indicator: str, level: str, year: int, municipalities: list[str]) -> pd.DataFrame:
        """code, cluster (HH, LL, HL, LH, ns, island), p for the municipalities' areas; empty if not computed."""
        table = self.store.table("lisa")
        rows = table[(table["indicator"] == indicator) & (table["level"] == level) & (table["year"] == year)]
        return rows[rows["code"].str[:4].isin(municipalities)][["code", "cluster", "p"]].reset_index(drop=True)

    def moran(self, indicator: str, level: str, year: int, kommun: str) -> dict | None:
        """Global Moran's I of the indicator over a municipality's areas, with its pseudo p-value."""
        table = self.store.table("moran")
        rows = table[
            (table["indicator"] == indicator)
            & (table["level"] == level)
            & (table["year"] == year)
            & (table["kommun"] == kommun)
        ]
        return None if rows.empty else rows.iloc[0].to_dict()

    def area_types(self, municipalities: list[str] | None = None) -> pd.DataFrame:
        """kommun, name, year, type, population, share of people per SCB/Delmos area type."""
        table = self.store.table("area_types")
        if municipalities:
            table = table[table["kommun"].isin(municipalities)]
        names = self._registers[("kommun", EDITIONS[-1])]["name"]
        return table.assign(name=table["kommun"].map(names)).sort_values(["kommun", "year", "type"], ignore_index=True)

    # ------------------------------------------------------------------ maps

    def map_layer(
        self, indicator: str, level: str, year: int, municipalities: list[str] | None = None, web: bool = False
    ) -> MapLayer:
        """Values on shapes (full detail, or with `web` the map's simplified ones), each municipality on
        the best edition the store has for it (`geometry_editions`). On the other edition's shapes a value
        is drawn only where SCB's change log says the area is the same (`shape_links`), flagged; values
        without a shape to draw them on are listed rather than dropped silently.

        The last `LAYERS_KEPT` layers asked for are kept (a map's restyles by class method, its page, its
        pictures and downloads share one): the same object is returned, so callers must not change it."""
        return self._layer(indicator, level, year, None if municipalities is None else tuple(municipalities), web)

    def shape_links(self, level: str, value_edition: str, codes: Sequence[str]) -> pd.DataFrame:
        """Which value of `value_edition` each of the other edition's shapes may be drawn with
        (`geodata.steps.crosswalk.shape_links`: SCB's change log)."""
        return shape_links(self._links(), level, value_edition, codes)

    def _map_layer(
        self, indicator: str, level: str, year: int, municipalities: tuple[str, ...] | None, web: bool
    ) -> MapLayer:
        municipalities = None if municipalities is None else list(municipalities)  # a tuple as the cache key
        table = self.values(indicator, level, year, municipalities)
        value_edition = edition_of_year(year)
        editions = self.geometry_editions(level, year, municipalities)
        parts = []
        for edition, munis in editions.items():
            shapes = self.shapes(level, edition, list(munis), web)
            shapes = shapes[[c for c in ("code", "detail", "geometry") if c in shapes]]
            other = edition != value_edition and level in SMALL_AREA_LEVELS
            if other:
                links = self.shape_links(level, value_edition, shapes["code"].tolist())
            else:
                links = pd.DataFrame({"code": shapes["code"], "source_code": shapes["code"], "join": "same"})
            parts.append(shapes.merge(links, on="code", how="left").assign(other_vintage=other))
        crs = "EPSG:4326" if web else "EPSG:3006"
        if not parts or all(p.empty for p in parts):
            with_values = table.loc[table["value"].notna(), "code"].tolist()
            empty = gpd.GeoDataFrame(
                table.iloc[0:0].assign(source_code="", join="", other_vintage=False, detail=""), geometry=[], crs=crs
            )
            return MapLayer(empty, value_edition, {}, with_values, 0)
        shapes = pd.concat(parts, ignore_index=True)
        values = table.rename(columns={"code": "source_code"})
        merged = shapes.merge(values, on="source_code", how="left")
        merged["join"] = merged["join"].where(merged["value"].notna(), None)
        order = ["code", *[c for c in merged.columns if c != "code"]]
        frame = gpd.GeoDataFrame(merged[order], geometry="geometry", crs=crs)
        drawn = set(frame["source_code"].dropna())
        return MapLayer(
            frame=frame,
            value_edition=value_edition,
            editions=editions,
            values_without_shape=table.loc[~table["code"].isin(drawn) & table["value"].notna(), "code"].tolist(),
            shapes_without_value=int(frame["value"].isna().sum()),
        )


_lock = threading.Lock()
_cache: dict[Path, Atlas] = {}
_roots: dict[tuple[str, str], Path] = {}


def current_atlas(root: Path | None = None) -> Atlas:
    """The Atlas over the current store version; a new build is picked up on the next call."""
    given = (os.getcwd(), str(root or config.store_dir()))
    root = _roots.get(given)
    if root is None:  # resolved once per directory named (it is asked for several times a request)
        root = _roots[given] = Path(given[1]).resolve()
    path = current_version_dir(root)
    cached = _cache.get(root)
    if cached is not None and cached.store.path == path:
        return cached
    with _lock:
        cached = _cache.get(root)
        if cached is None or cached.store.path != path:
            cached = Atlas(StoreVersion(path))
            _cache[root] = cached
    return cached
