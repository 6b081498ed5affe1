"""Build the store from a source: load inputs / process (register, roll-up, indicators) / save.

The same path serves the reference bundle and, later, SCB's live data: only `SourceData` differs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from geodata.areacodes import kommun_of
from geodata.catalog import Catalogue, load_catalogue
from geodata.levels import EDITIONS, SMALL_AREA_LEVELS
from geodata.sources import SourceData
from geodata.steps.areas import build_register
from geodata.steps.crosswalk import build_crosswalk, class_counts, link_maps, shape_links, split_sums
from geodata.steps.indicators import compute_indicators, derive_counts
from geodata.steps.neighbours import neighbour_table
from geodata.steps.regso_shapes import complete_regso
from geodata.steps.rollup import rollup
from geodata.steps.segregation import compute_area_types, compute_lisa, compute_measures
from geodata.steps.web_geometry import outline_layer, simplify_for_web, web_outlines
from geodata.store import StoreWriter

BUILD_STEPS = 6


def count_variables(catalogue: Catalogue) -> set[str]:
    """Raw variables that are counts and may be summed: those in formulas of aggregable indicators."""
    out: set[str] = set()
    for ind in catalogue.indicators:
        if ind.aggregation != "none":
            out |= ind.variables
    return out


def edition_crosswalk(register: pd.DataFrame, boundaries: dict, crosswalk: pd.DataFrame) -> dict:
    """For each small-area level: how many codes of one edition can be drawn on the other edition's
    geometry, by the rule the maps use (`steps.crosswalk.shape_links`: the same area, or the parts of
    an area split exactly); the rest are counted and listed on the map, never dropped silently."""
    links = link_maps(crosswalk)
    out: dict = {}
    for level in SMALL_AREA_LEVELS:
        for edition in EDITIONS:
            for geometry_edition in EDITIONS:
                if geometry_edition == edition or (level, geometry_edition) not in boundaries:
                    continue
                codes = register[(register["level"] == level) & (register["edition"] == edition)]
                shapes = boundaries[(level, geometry_edition)]["code"]
                drawn_kommuner = {kommun_of(c) for c in shapes}
                relevant = codes[codes["kommun"].isin(drawn_kommuner)]
                found = relevant["code"].isin(set(shape_links(links, level, edition, shapes)["source_code"]))
                out[f"{level} {edition} on {geometry_edition} geometry"] = {
                    "codes_in_drawn_municipalities": len(relevant),
                    "drawable": int(found.sum()),
                    "not_drawable": sorted(relevant.loc[~found, "code"].tolist()),
                }
    return out


def build_store(
    load: Callable[[Callable[[str], None]], SourceData],
    store_root: Path,
    source_description: str,
    catalogue: Catalogue | None = None,
    show_progress: bool | None = None,
) -> str:
    """Build a complete new store version from `load` and make it current. Returns the version id.

    `show_progress=None` shows the bar only on a terminal."""
    catalogue = catalogue or load_catalogue()
    writer = StoreWriter(store_root)
    disable = None if show_progress is None else not show_progress
    with (
        tqdm(total=BUILD_STEPS, desc="Bygger datalagret", unit="steg", disable=disable) as bar,
        writer.stage() as staged,
    ):
        bar.set_postfix_str("läser källan")
        source = load(lambda msg: bar.set_postfix_str(msg))
        own_shapes = {key: len(frame) for key, frame in source.boundaries.items()}
        source.boundaries = complete_regso(source.boundaries, source.links)
        bar.update()

        bar.set_postfix_str("områdesregister")
        register = build_register(source)
        bar.update()

        bar.set_postfix_str("summerar uppåt")
        raw, report = rollup(derive_counts(source.statistics, catalogue), register, count_variables(catalogue))
        bar.update()

        bar.set_postfix_str("indikatorer")
        values = compute_indicators(raw, catalogue)
        crosswalk = build_crosswalk(source.changes, source.links)
        carried = split_sums(values, crosswalk, catalogue)
        with_shapes = {k for (lv, _ed), f in source.boundaries.items() if lv == "deso" for k in f["kommun"]}
        bar.update()

        bar.set_postfix_str("segregationsmått")
        measures = compute_measures(raw, register, catalogue)
        area_types = compute_area_types(raw, values)
        lisa_local, lisa_global = compute_lisa(values, source.boundaries, catalogue)
        bar.update()

        bar.set_postfix_str("skriver")
        staged.write_table("measures", measures)
        staged.write_table("area_types", area_types)
        staged.write_table("lisa", lisa_local)
        staged.write_table("moran", lisa_global)
        staged.write_table("neighbours", neighbour_table(source.boundaries, SMALL_AREA_LEVELS))
        staged.write_table("values", values)
        staged.write_table("crosswalk", crosswalk)
        staged.write_table("split_sums", carried)
        staged.write_table("raw", raw)
        staged.write_table("areas", register)
        for (level, edition), frame in source.boundaries.items():
            staged.write_boundaries(level, edition, frame)
            web = simplify_for_web(frame, level)
            staged.write_boundaries(level, edition, web, web=True)
            if level in SMALL_AREA_LEVELS:
                staged.write_boundaries(outline_layer(level), edition, web_outlines(web), web=True)
        manifest = {
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "source": source_description,
            "inputs": source.provenance,
            "rows": {"values": len(values), "raw": len(raw), "areas": len(register), "measures": len(measures)},
            "boundaries": {f"{lv}_{ed}": len(f) for (lv, ed), f in source.boundaries.items()},
            "derived_boundaries": {
                f"{lv}_{ed}": len(f) - own_shapes.get((lv, ed), 0)
                for (lv, ed), f in source.boundaries.items()
                if len(f) != own_shapes.get((lv, ed), 0)
            },
            "rollup": asdict(report),
            "editions": edition_crosswalk(register, source.boundaries, crosswalk),
            "crosswalk": {"sweden": class_counts(crosswalk), "with_shapes": class_counts(crosswalk, with_shapes)},
            "licence": "CC0 1.0; Källa: SCB",
        }
        version = writer.commit(staged, manifest)
        bar.update()
    return version


def build_from_bundle(bundle: Path, store_root: Path, show_progress: bool | None = None) -> str:
    """Build the store from SCB's reference bundle at `bundle`."""
    from geodata.sources.bundle import read_bundle

    return build_store(
        lambda progress: read_bundle(bundle, progress),
        store_root,
        f"reference bundle at {Path(bundle).resolve()}",
        show_progress=show_progress,
    )


def build_from_scb(
    scope, years: set[int], store_root: Path, http, show_progress: bool | None = None, years_text: str = ""
) -> tuple[str, list]:
    """Fetch the scope from SCB's live services and build the store. Returns the version and the fetch
    reports (what was fetched and skipped) for the caller's summary."""
    from geodata.sources.scb_live import read_scb

    reports: list = []

    def load(progress: Callable[[str], None]) -> SourceData:
        source, report = read_scb(scope, years, http, progress=progress, show_bar=show_progress)
        reports.append(report)
        return source

    label = years_text or f"{min(years)}-{max(years)}"
    version = build_store(load, store_root, f"SCB live ({scope.describe()}; {label})", show_progress=show_progress)
    return version, reports
