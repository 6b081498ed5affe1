"""Read SCB's live services into `SourceData`: every catalogue table from PxWebApi, shapes from the WFS.

Scope is a set of municipalities, counties or all of Sweden; their kommun, län and riket figures as
SCB publishes them come along. A table or layer that fails is named with its reason; the build then
stops before touching the store, while everything already fetched stays in the cache for the re-run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
from tqdm import tqdm

from geodata.areacodes import PATTERNS, kommun_of, lan_of
from geodata.catalog import Catalogue, load_catalogue
from geodata.errors import SourceError
from geodata.sources import STAT_COLUMNS, SourceData
from geodata.sources.http import ScbHttp
from geodata.sources.scb_pxweb import PxWebClient, regso_name, split_region_code
from geodata.sources.scb_wfs import LAYERS, WfsClient, cql_filter

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Scope:
    """Which areas to fetch: municipalities, counties, or (both empty) the whole country."""

    municipalities: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()

    @property
    def all_sweden(self) -> bool:
        return not self.municipalities and not self.counties

    def wants(self, region_code: str) -> bool:
        code, level, _edition = split_region_code(region_code)
        if level is None:
            return False
        if self.all_sweden or level == "riket":
            return True
        if level == "lan":
            return code in self.counties or any(lan_of(m) == code for m in self.municipalities)
        return kommun_of(code) in self.municipalities or lan_of(code) in self.counties

    def describe(self) -> str:
        if self.all_sweden:
            return "hela Sverige"
        return ", ".join([*(f"kommun {m}" for m in self.municipalities), *(f"län {c}" for c in self.counties)])


@dataclass
class FetchReport:
    tables: dict[str, str] = field(default_factory=dict)
    layers: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def read_scb(
    scope: Scope,
    years: set[int],
    http: ScbHttp,
    catalogue: Catalogue | None = None,
    progress: Progress | None = None,
    show_bar: bool | None = None,
) -> tuple[SourceData, FetchReport]:
    """Fetch every table and layer for the scope and years. Raises SourceError if any failed."""
    catalogue = catalogue or load_catalogue()
    step = progress or (lambda _m: None)
    report = FetchReport()
    px = PxWebClient(http)
    wfs = WfsClient(http)
    stats: list[pd.DataFrame] = []
    region_labels: dict[str, str] = {}
    provenance: list[dict] = []
    jobs = [t for t in catalogue.tables] + list(LAYERS)
    disable = None if show_bar is None else not show_bar
    boundaries: dict[tuple[str, str], gpd.GeoDataFrame] = {}
    with tqdm(total=len(jobs), desc="Hämtar från SCB", unit="tabell", disable=disable) as bar:
        for spec in catalogue.tables:
            bar.set_postfix_str(spec.label)
            step(f"hämtar {spec.label}")
            if not spec.id:
                report.skipped[spec.label] = "no PxWebApi 2.0 table id known"
                bar.update()
                continue
            try:
                frame, labels = px.fetch(spec, scope.wants, years)
            except SourceError as exc:
                report.failed[spec.label] = str(exc)
            else:
                stats.append(frame)
                region_labels.update(labels)
                report.tables[spec.label] = f"{len(frame)} values"
                provenance.append(
                    {
                        "source": f"{px.base}/tables/{spec.id}",
                        "table": spec.label,
                        "rows": len(frame),
                        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    }
                )
            bar.update()
        cql = cql_filter(list(scope.municipalities), list(scope.counties))
        for (level, edition), layer in LAYERS.items():
            bar.set_postfix_str(layer)
            step(f"hämtar {layer}")
            try:
                shapes = wfs.boundaries(level, edition, cql)
            except SourceError as exc:
                report.failed[layer] = str(exc)
            else:
                if len(shapes):
                    boundaries[(level, edition)] = shapes
                report.layers[layer] = f"{len(shapes)} areas"
                provenance.append(
                    {
                        "source": f"{wfs.base}?typeNames={layer}",
                        "table": layer,
                        "rows": len(shapes),
                        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    }
                )
            bar.update()
    if report.failed:
        lines = "\n".join(f"  {r}" if r.startswith(n) else f"  {n}: {r}" for n, r in report.failed.items())
        raise SourceError(f"fetching from SCB failed; the store is unchanged and what was fetched is cached:\n{lines}")
    statistics = pd.concat(stats, ignore_index=True) if stats else pd.DataFrame(columns=STAT_COLUMNS)
    statistics = statistics.drop_duplicates(["code", "level", "edition", "year", "variable"], ignore_index=True)
    return _source_data(statistics, boundaries, region_labels, provenance), report


def _source_data(
    statistics: pd.DataFrame, boundaries: dict, region_labels: dict[str, str], provenance: list[dict]
) -> SourceData:
    kommun_codes = sorted(c for c in region_labels if len(c) == 4 and c.isdigit())
    if not kommun_codes:
        raise SourceError("SCB's tables listed no municipalities; cannot place the areas")
    kommuner = pd.DataFrame(
        {
            "kommun": kommun_codes,
            "kommun_name": [region_labels[c] for c in kommun_codes],
            "lan": [lan_of(c) for c in kommun_codes],
            "lan_name": [region_labels.get(lan_of(c), lan_of(c)) for c in kommun_codes],
        }
    )
    links = [
        pd.DataFrame({"code": f["code"], "level": "deso", "edition": ed, "parent": f["parent"]})
        for (lv, ed), f in boundaries.items()
        if lv == "deso"
    ]
    links_frame = (
        pd.concat(links, ignore_index=True) if links else pd.DataFrame(columns=["code", "level", "edition", "parent"])
    )
    links_frame = links_frame[links_frame["parent"].str.fullmatch(PATTERNS["regso"], na=False)]
    names = []
    for raw_code, label in region_labels.items():
        code, level, edition = split_region_code(raw_code)
        if level == "regso":
            names.append({"code": code, "level": "regso", "edition": edition, "name": regso_name(label)})
    for (lv, ed), f in boundaries.items():
        if lv == "regso" and "name" in f:
            names.extend(
                {"code": c, "level": "regso", "edition": ed, "name": n}
                for c, n in zip(f["code"], f["name"], strict=True)
            )
    name_frame = pd.DataFrame(names, columns=["code", "level", "edition", "name"])
    name_frame = name_frame.drop_duplicates(["code", "level", "edition"], keep="last", ignore_index=True)
    shapes = {k: f.drop(columns=[c for c in ("name",) if c in f]) for k, f in boundaries.items()}
    return SourceData(
        statistics=statistics,
        boundaries=shapes,
        links=links_frame,
        names=name_frame,
        kommuner=kommuner,
        provenance=provenance,
    )


def parse_years(text: str) -> set[int]:
    """'2015-2025' or '2022,2024' → a set of years."""
    years: set[int] = set()
    try:
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            years.update(range(int(first), int(last or first) + 1))
    except ValueError as exc:
        raise SourceError(f"years are like 2015-2025 or 2022,2024; got {text!r}") from exc
    return years


def default_cache() -> Path:
    import os

    return Path(os.environ.get("GEODATA_CACHE") or "data/cache/scb")
