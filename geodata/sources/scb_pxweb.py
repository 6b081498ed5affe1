"""SCB's PxWebApi 2.0: table metadata and data as JSON-stat2, into the store's tidy statistics.

Selections come from the catalogue by code or Swedish label and are resolved against each table's
metadata, so a relabelled or republished table fails with a message that lists what SCB offers.
Requests are split on the region dimension to stay under the published cell limit. Region codes
ending `_DeSO2025` / `_RegSO2025` are edition 2025 and lose the suffix; plain codes are edition 2018.
Some tables return 0 for a code outside its edition's years, so values are masked by year range, not
by value. `..` and nulls stay missing.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass

import pandas as pd

from geodata.areacodes import PATTERNS, level_of_code
from geodata.catalog import FetchTable
from geodata.errors import SourceError
from geodata.levels import SMALL_AREA_LEVELS, edition_of_year
from geodata.sources import STAT_COLUMNS
from geodata.sources.http import RateLimiter, ScbHttp
from geodata.sources.jsonstat import categories, labels, to_frame

DEFAULT_API = "https://statistikdatabasen.scb.se/api/v2"
SUFFIX_EDITION = {"_DeSO2025": "2025", "_RegSO2025": "2025"}


def api_url() -> str:
    return os.environ.get("SCB_API_URL", DEFAULT_API).rstrip("/")


def split_region_code(code: str) -> tuple[str, str | None, str | None]:
    """(plain code, level, edition) of a PxWeb region code; level None for codes we do not use.

    Kommun, län and riket codes are the same in both editions (edition None)."""
    edition = None
    for suffix, ed in SUFFIX_EDITION.items():
        if code.endswith(suffix):
            code, edition = code[: -len(suffix)], ed
    level = level_of_code(code)
    if level is None or level == "riket":
        return code, level, None
    if level in SMALL_AREA_LEVELS and edition is None:
        edition = "2018"
    return code, level, edition


def regso_name(label: str) -> str:
    """The area name in a RegSO label such as '2021R001 Vansbro (Vansbro västra landsbygd)'."""
    inner = re.search(r"\(([^()]*)\)\s*$", label)
    return (inner.group(1) if inner else re.sub(rf"^{PATTERNS['regso'].pattern}\s*", "", label)).strip()


@dataclass
class Dimension:
    id: str
    label: str
    codes: list[str]
    labels: dict[str, str]
    eliminable: bool

    def resolve(self, wanted: str, table: str) -> str:
        """A category code from a code, an exact label or a unique label prefix (case-insensitive)."""
        if wanted in self.labels:
            return wanted
        folded = wanted.casefold().strip()
        exact = [c for c, lab in self.labels.items() if lab.casefold().strip() == folded]
        if len(exact) == 1:
            return exact[0]
        prefix = [c for c, lab in self.labels.items() if lab.casefold().startswith(folded)]
        if len(prefix) == 1:
            return prefix[0]
        offered = "; ".join(f"{c} = {lab}" for c, lab in list(self.labels.items())[:30])
        raise SourceError(f"{table}: {self.id} has no single value {wanted!r}; SCB offers: {offered}")


class TableMeta:
    """A table's dimensions, from its JSON-stat2 metadata."""

    def __init__(self, table: str, meta: dict) -> None:
        self.table = table
        role = meta.get("role", {})
        self.time_dim = (role.get("time") or ["Tid"])[0]
        self.metric_dim = (role.get("metric") or ["ContentsCode"])[0]
        self.dims: dict[str, Dimension] = {}
        for dim_id in meta["id"]:
            spec = meta["dimension"][dim_id]
            self.dims[dim_id] = Dimension(
                id=dim_id,
                label=spec.get("label", dim_id),
                codes=categories(meta, dim_id),
                labels=labels(meta, dim_id),
                eliminable=bool(spec.get("extension", {}).get("elimination")),
            )
        region = [d for d in self.dims if d.casefold() == "region"]
        if not region:
            raise SourceError(f"{table}: the table has no Region dimension")
        self.region_dim = region[0]

    def dimension(self, name: str) -> Dimension:
        folded = name.casefold()
        for dim in self.dims.values():
            if folded in (dim.id.casefold(), dim.label.casefold()):
                return dim
        raise SourceError(f"{self.table}: no dimension {name!r}; dimensions: {', '.join(self.dims)}")


@dataclass
class Plan:
    """The resolved request for one table: fixed selections, per-variable codes, regions and years."""

    selection: dict[str, list[str]]
    variable_of: dict[tuple[tuple[str, str], ...], str]
    varying: list[str]
    regions: list[str]
    years: list[str]


def plan_table(spec: FetchTable, meta: TableMeta, region_filter, years: set[int]) -> Plan:
    """Resolve the catalogue's selections against the metadata and choose regions and years."""
    var_dims = sorted({d for sel in spec.variables.values() for d in sel})
    resolved_dims = {meta.dimension(d).id: d for d in var_dims}
    variable_of: dict[tuple[tuple[str, str], ...], str] = {}
    chosen: dict[str, set[str]] = {}
    for name, sel in spec.variables.items():
        key = []
        for dim_id, alias in resolved_dims.items():
            if alias not in sel:
                raise SourceError(f"{spec.label}: variable {name} does not say which {alias} it takes")
            code = meta.dims[dim_id].resolve(sel[alias], spec.label)
            chosen.setdefault(dim_id, set()).add(code)
            key.append((dim_id, code))
        variable_of[tuple(key)] = name
    selection = {dim_id: sorted(codes) for dim_id, codes in chosen.items()}
    for alias, wanted in spec.fixed.items():
        dim = meta.dimension(alias)
        selection[dim.id] = [dim.resolve(wanted, spec.label)]
    for dim in meta.dims.values():
        if dim.id in selection or dim.id in (meta.region_dim, meta.time_dim):
            continue
        if len(dim.codes) == 1:
            selection[dim.id] = dim.codes
        elif dim.eliminable:
            continue
        else:
            total = [c for c, lab in dim.labels.items() if lab.casefold().startswith("totalt")]
            if len(total) != 1:
                raise SourceError(f"{spec.label}: say which {dim.id} to take ({', '.join(dim.labels.values())})")
            selection[dim.id] = total
    regions = [c for c in meta.dims[meta.region_dim].codes if region_filter(c)]
    wanted_years = [c for c in meta.dims[meta.time_dim].codes if c.isdigit() and int(c) in years]
    return Plan(selection, variable_of, list(resolved_dims), regions, wanted_years)


def chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class PxWebClient:
    """Reads tables from PxWebApi 2.0 within its published limits."""

    def __init__(self, http: ScbHttp, base: str | None = None, language: str = "sv") -> None:
        self.http = http
        self.base = (base or api_url()).rstrip("/")
        self.language = language
        config = self.http.json("GET", f"{self.base}/config", what="SCB PxWebApi /config")
        self.max_cells = int(config.get("maxDataCells") or 150_000)
        calls, window = int(config.get("maxCallsPerTimeWindow") or 30), float(config.get("timeWindow") or 10)
        self.http.limiter = RateLimiter(calls, window)

    def metadata(self, table: str) -> TableMeta:
        meta = self.http.json(
            "GET", f"{self.base}/tables/{table}/metadata", params={"lang": self.language}, what=f"{table} metadata"
        )
        return TableMeta(table, meta)

    def data(self, table: str, selection: dict[str, list[str]]) -> pd.DataFrame:
        body = {"selection": [{"variableCode": d, "valueCodes": v} for d, v in selection.items()]}
        dataset = self.http.json(
            "POST",
            f"{self.base}/tables/{table}/data",
            params={"lang": self.language, "outputFormat": "json-stat2"},
            body=body,
            what=f"{table} data",
        )
        try:
            return to_frame(dataset)
        except (KeyError, ValueError, TypeError) as exc:
            raise SourceError(f"{table} data: not a JSON-stat2 dataset ({exc})") from exc

    def fetch(self, spec: FetchTable, region_filter, years: set[int]) -> tuple[pd.DataFrame, dict[str, str]]:
        """Tidy statistics for one table, and the region labels SCB gave (for names)."""
        if not spec.id:
            raise SourceError(f"{spec.label}: no PxWebApi 2.0 table id is known for this table")
        meta = self.metadata(spec.id)
        plan = plan_table(spec, meta, region_filter, years)
        if not plan.regions or not plan.years:
            return pd.DataFrame(columns=STAT_COLUMNS), {}
        per_region = math.prod(len(v) for v in plan.selection.values()) * len(plan.years)
        if per_region > self.max_cells:
            raise SourceError(f"{spec.label}: one region alone needs {per_region} cells, over SCB's limit")
        frames = []
        for regions in chunks(plan.regions, max(1, self.max_cells // per_region)):
            selection = {**plan.selection, meta.region_dim: regions, meta.time_dim: plan.years}
            frames.append(self.data(spec.id, selection))
        raw = pd.concat(frames, ignore_index=True)
        out = tidy(raw, plan, meta)
        return out[out["edition"].isin(spec.editions)].reset_index(drop=True), meta.dims[meta.region_dim].labels


def tidy(raw: pd.DataFrame, plan: Plan, meta: TableMeta) -> pd.DataFrame:
    """JSON-stat rows → code, level, edition, year, variable, value (edition-masked, nulls dropped)."""
    key_cols = list(plan.varying)
    keys = list(zip(*[raw[d] for d in key_cols], strict=True)) if key_cols else [()] * len(raw)
    variable = [plan.variable_of.get(tuple(zip(key_cols, k, strict=True))) for k in keys]
    parts = [split_region_code(c) for c in raw[meta.region_dim]]
    out = pd.DataFrame(
        {
            "code": [p[0] for p in parts],
            "level": [p[1] for p in parts],
            "edition": [p[2] for p in parts],
            "year": raw[meta.time_dim].astype(int),
            "variable": variable,
            "value": raw["value"],
        }
    )
    out = out[out["level"].notna() & out["variable"].notna() & out["value"].notna()]
    year_edition = out["year"].map(edition_of_year)
    small = out["level"].isin(["deso", "regso"])
    out = out[~small | (out["edition"] == year_edition)].copy()
    out["edition"] = out["year"].map(edition_of_year)  # kept small areas already match; kommun and up follow the year
    return out[STAT_COLUMNS].reset_index(drop=True)
