"""Drawing a view's render model outside the page: maps with matplotlib, charts with plotly through warm
kaleido, and the downloads behind them (CSV, Excel, GeoJSON, GeoPackage). The press adapters in the view
modules point here; `dashboard.press.routes` serves the results.
"""

from __future__ import annotations

import atexit
import tempfile
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
from werkzeug.exceptions import NotFound

from dashboard.models import ChartModel, MapModel, SegregationModel
from dashboard.press.downloads import SHEETS, metadata, places, source_line
from dashboard.press.map_image import render_map
from dashboard.press.spreadsheet import TABLE_FORMATS, content_filename, table_bytes
from dashboard.texts import MEASURE_KEYS, MEASURE_SYMBOL_KEYS, text
from dashboard.urlstate import CompareState, SegregationState, ViewState
from geodata.levels import edition_of_year, vintage_label
from geodata.queries import Atlas

SOURCE_OFFSET = 100  # px between a chart's plot area and its source line
MAP_DOWNLOADS = (*TABLE_FORMATS, "geojson", "gpkg")
_kaleido_lock = threading.Lock()
_kaleido_started = False


class RenderFailed(Exception):
    """A renderer returned something that is not a picture; it is never cached."""


def checked(body: bytes, fmt: str) -> bytes:
    """The body if it is a whole picture of its format, else RenderFailed (never cached, never served)."""
    ok = body.startswith(b"\x89PNG\r\n\x1a\n") and len(body) > 100 if fmt == "png" else b"<svg" in body[:4000]
    if not ok:
        raise RenderFailed(f"the {fmt} renderer returned {len(body)} bytes that are not a picture")
    return body


def no_shapes() -> NotFound:
    return NotFound("the data store has no boundaries for this level and these municipalities")


# ---------------------------------------------------------------- maps


def draw_map(_atlas: Atlas, _state: ViewState, model: MapModel, width: int, scale: float, fmt: str) -> bytes:
    """The live map's areas in its colours, with its legend, title, subtitle and source line."""
    shapes = model.shapes
    if shapes.empty:
        raise no_shapes()
    colors = [model.hideout.color_of(code) for code in shapes["code"]]
    legend = [(row.color, row.label, row.count) for row in model.legend]
    return render_map(
        shapes.to_crs("EPSG:3006"),
        colors,
        legend,
        model.title,
        model.subtitle,
        model.source,
        width,
        scale,
        fmt,
        edge=model.edge,
    )


def map_stem(state: ViewState) -> str:
    """A map layer's name in a GeoPackage: indicator, level and year (or both years of a change map)."""
    years = f"{state.year_from}_{state.year}" if state.year_from is not None else str(state.year)
    return f"{state.indicator}_{state.level}_{years}"


def map_filename(atlas: Atlas, state: ViewState, _model: MapModel, extension: str) -> str:
    """E.g. `utlandsk-bakgrund_deso_2025_goteborg.csv`, or `…_2024-2025_…` for a change map."""
    years = f"{state.year_from}-{state.year}" if state.year_from is not None else state.year
    name = atlas.catalogue.get(state.indicator).name[state.lang]
    parts = [name, state.level, years, places(atlas, state.municipalities, state.lang)]
    return content_filename(parts, extension)


def map_table(atlas: Atlas, state: ViewState, model: MapModel) -> tuple[pd.DataFrame, dict]:
    """The rows of a map download and the metadata every row and feature carries; a change map's rows hold
    both years' values, the change and why there is none."""
    ind = atlas.catalogue.get(state.indicator)
    meta = {
        "indicator": ind.id,
        "indicator_name": ind.name[state.lang],
        "unit": ind.unit,
        "year": int(state.year),
        "vintage": vintage_label(state.level, edition_of_year(state.year)),
        "scb_table": "; ".join(ind.tables),
        "definition": ind.definition[state.lang],
        "source": source_line(atlas, state.indicator, state.year, state.lang),
    }
    if change := model.change:
        span = f"{state.year_from}–{state.year}"
        meta.update(unit=change.unit, year=span, source=source_line(atlas, state.indicator, span, state.lang))
        return change.download_table(state.lang), meta
    values = atlas.values(state.indicator, state.level, state.year, list(state.municipalities))
    return values[["code", "name", "kommun", "value"]], meta


def map_download(atlas: Atlas, state: ViewState, model: MapModel, fmt: str) -> bytes:
    """The map's values as CSV, GeoJSON (RFC 7946: WGS 84, counter-clockwise exteriors, 6 decimals) or
    GeoPackage (EPSG:3006, the indicator's metadata in the layer description and gpkg_metadata); the
    metadata columns are on every row and feature, with or without a value."""
    ind = atlas.catalogue.get(state.indicator)
    table, meta = map_table(atlas, state, model)
    if fmt in TABLE_FORMATS:
        return table_bytes(table, metadata(atlas, meta, state.lang), fmt, SHEETS[state.lang])
    layer = atlas.map_layer(state.indicator, state.level, state.year, list(state.municipalities))
    if layer.frame.empty:
        raise no_shapes()
    # each shape with the value the page draws on it (by `source_code`: on the other edition's shapes the
    # same area's or, for a part of an exactly split area, the whole's: `join` "parent", so that a sum
    # counts each `source_code` once); its boundaries' edition per row
    values = table.drop(columns=["code"]).assign(source_code=table["code"])
    frame = layer.frame[["code", "source_code", "join", "geometry", "other_vintage"]].merge(
        values, on="source_code", how="left"
    )
    names = pd.concat([atlas.register(state.level, edition)["name"] for edition in layer.editions])
    frame["name"] = frame["name"].fillna(frame["code"].map(names[~names.index.duplicated()]))
    frame["kommun"] = frame["kommun"].fillna(frame["code"].str[:4])
    other = next((e for e in layer.editions if e != layer.value_edition), layer.value_edition)
    labels = (vintage_label(state.level, e) for e in (other, layer.value_edition))
    frame = frame.assign(**meta, boundaries=np.where(frame["other_vintage"], *labels))
    stem = map_stem(state)
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "geojson":
            path = Path(tmp) / f"{stem}.geojson"
            options = {"RFC7946": "YES", "COORDINATE_PRECISION": 6, "WRITE_NAME": "NO"}
            pyogrio.write_dataframe(frame.to_crs("EPSG:4326"), path, driver="GeoJSON", layer_options=options)
        else:
            path = Path(tmp) / f"{stem}.gpkg"
            description = f"{ind.name[state.lang]} {meta['year']}. {ind.definition[state.lang]} {meta['source']}"
            pyogrio.write_dataframe(
                frame,
                path,
                layer=stem,
                driver="GPKG",
                layer_options={"IDENTIFIER": f"{ind.name[state.lang]} {meta['year']}", "DESCRIPTION": description},
                layer_metadata={k: str(v) for k, v in meta.items()},
            )
        return path.read_bytes()


# ---------------------------------------------------------------- charts


def _start_kaleido() -> None:
    """One headless Chromium per worker, started on first use and kept warm (kaleido finds Debian's)."""
    global _kaleido_started
    with _kaleido_lock:
        if not _kaleido_started:
            import warnings

            import kaleido

            warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # plotly's, harmless
            kaleido.start_sync_server(silence_warnings=True)
            atexit.register(kaleido.stop_sync_server, silence_warnings=True)
            _kaleido_started = True


def figure_image(figure, title: str, source: str, width: int, height: int, scale: float, fmt: str) -> bytes:
    """A plotly figure with its title on top and the source line under the legend, through warm kaleido."""
    import plotly.graph_objects as go

    fig = go.Figure(figure)
    fig.update_layout(
        title={"text": f"<b>{title}</b>", "x": 0.02, "font": {"size": 17}},
        margin={"t": 70, "b": SOURCE_OFFSET + 30},
        width=width,
        height=height,
        paper_bgcolor="white",
    )
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yanchor="top",
        yshift=-SOURCE_OFFSET,  # pixels below the plot, under the legend, whatever the height
        showarrow=False,
        xanchor="left",
        font={"size": 11, "color": "#555"},
    )
    _start_kaleido()
    return fig.to_image(format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)


def chart_size(model: ChartModel, width: int) -> tuple[int, int]:
    return width, round(width * model.aspect)


def draw_chart(_atlas: Atlas, _state: CompareState, model: ChartModel, width: int, scale: float, fmt: str) -> bytes:
    return figure_image(model.figure, model.title, model.source, *chart_size(model, width), scale, fmt)


def chart_table(atlas: Atlas, state: CompareState, model: ChartModel, fmt: str) -> bytes:
    """Exactly the chart's table, with the indicator's metadata."""
    ind = atlas.catalogue.get(state.indicator)
    meta = {
        "indicator": ind.id,
        "indicator_name": ind.name[state.lang],
        "unit": ind.unit,
        "year": model.span,
        "scb_table": "; ".join(ind.tables),
        "definition": ind.definition[state.lang],
        "source": model.source,
    }
    return table_bytes(model.table, metadata(atlas, meta, state.lang), fmt, SHEETS[state.lang])


def chart_filename(atlas: Atlas, state: CompareState, model: ChartModel, fmt: str) -> str:
    return content_filename([atlas.catalogue.get(state.indicator).name[state.lang], model.span, *state.areas], fmt)


# ---------------------------------------------------------------- segregation


def segregation_size(model: SegregationModel, width: int) -> tuple[int, int]:
    return width, model.height


def draw_segregation(
    _atlas: Atlas, _state: SegregationState, model: SegregationModel, width: int, scale: float, fmt: str
) -> bytes:
    return figure_image(model.figure, model.title, model.source, *segregation_size(model, width), scale, fmt)


def segregation_table(atlas: Atlas, state: SegregationState, model: SegregationModel, fmt: str) -> bytes:
    """The measures with their intervals, and what they measure."""
    meta = {
        "measure": text(MEASURE_KEYS[state.measure], state.lang),
        "group": atlas.catalogue.split(state.group).name[state.lang],
        "level": state.level,
        "year": int(state.year),
        "source": model.source,
    }
    return table_bytes(model.rows, metadata(atlas, meta, state.lang), fmt, SHEETS[state.lang])


def segregation_filename(atlas: Atlas, state: SegregationState, _model: SegregationModel, fmt: str) -> str:
    split = atlas.catalogue.split(state.group)
    return content_filename(
        [text(MEASURE_SYMBOL_KEYS[state.measure], state.lang), split.name[state.lang], state.year, state.level], fmt
    )
