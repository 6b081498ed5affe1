"""Press routes: /snapshot, /embed, /oembed, /download, and who may frame which page.

Every route takes the same query parameters as the view it depicts (parsed by `dashboard.urlstate`,
so bad parameters fall back visibly rather than fail). Sizes are snapped to a few widths and scales and
capped in pixels; renders run a few at a time per worker (memory collected after each), are checked
before they are kept, and are cached in the shared cache (`dashboard.cache`) by their canonical parameters
and the store version; responses carry Cache-Control and an ETag.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import json
import math
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pandas as pd
import pyogrio
from flask import Flask, Response, abort, g, request
from markupsafe import escape

from dashboard.cache import CODE_VERSION, cached_bytes
from dashboard.charts import bar_figure, bar_table, line_figure, line_table
from dashboard.classify import NO_DATA
from dashboard.components.legend import LISA_COLORS, LISA_ORDER, class_labels
from dashboard.edge import REQUEST_BUDGET, csp, script_hash
from dashboard.press.alt_text import bar_alt, line_alt, map_alt, segregation_alt
from dashboard.press.downloads import SHEETS, metadata, places
from dashboard.press.links import chart_links, embed_snippet, map_links, public_url, segregation_links
from dashboard.press.map_image import render_map
from dashboard.press.meta import oembed_links
from dashboard.press.spreadsheet import TABLE_FORMATS, content_filename, table_bytes
from dashboard.texts import text
from dashboard.urlstate import (
    CompareState,
    SegregationState,
    ViewState,
    compare_to_search,
    parse,
    parse_compare,
    parse_segregation,
    segregation_to_search,
    to_search,
)
from dashboard.views.explore import _render_map
from dashboard.views.segregation import interval_figure
from geodata.levels import LEVEL_NAMES, edition_of_year, vintage_label
from geodata.queries import Atlas, current_atlas

ATLAS_NAME = "Segregationsatlas"
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
DOWNLOADS = {**TABLE_FORMATS, "geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3"}
MAX_AGE = 3600
SOURCE_OFFSET = 100  # px between a chart's plot area and its source line
WIDTHS = (320, 400, 480, 600, 640, 700, 800, 900, 1000, 1200, 1600, 2000, 2400)  # CSS px a picture is drawn at
SCALES = (1, 2, 3)
MAX_PIXEL_WIDTH = 3200  # width × scale of a PNG; a larger request gets the largest scale that fits
RENDER_SLOTS = 2  # renders at once per worker; more wait (up to the request budget), then get 503
_render_slots = threading.BoundedSemaphore(RENDER_SLOTS)
NARROW = 480  # px: embeds at most this wide show a PNG of this width
_kaleido_lock = threading.Lock()
_kaleido_started = False


class RenderFailed(Exception):
    """A renderer returned something that is not a picture; it is never cached."""


def snap_width(text: str | None, default: int = 800) -> int:
    """The allowed width nearest to the asked one (400 for anything that is not a whole number)."""
    if text is None:
        return default
    if not (text.isascii() and text.isdecimal() and len(text) <= 6):
        abort(400, description="width is a whole number of pixels, e.g. width=800")
    return min(WIDTHS, key=lambda w: (abs(w - int(text)), w))


def snap_size(default_width: int = 800) -> tuple[int, int]:
    """(width, scale) from the request: width snapped to `WIDTHS`, scale to 1–3, width × scale ≤ 3200."""
    width = snap_width(request.args.get("width"), default_width)
    text = request.args.get("scale", "1")
    try:
        scale = float(text)
    except ValueError:
        scale = math.nan
    if not math.isfinite(scale):
        abort(400, description="scale is a number from 1 to 3, e.g. scale=2")
    scale = min(max(round(scale), SCALES[0]), SCALES[-1])
    while scale > 1 and width * scale > MAX_PIXEL_WIDTH:
        scale -= 1
    return width, scale


@contextmanager
def render_slot() -> Iterator[None]:
    """One of a few render slots of this worker, waited for within the request's budget (else 503); the
    memory a render leaves behind (matplotlib's cycles) is collected when it is done."""
    left = REQUEST_BUDGET - (time.monotonic() - g.get("started", time.monotonic()))
    if left <= 0 or not _render_slots.acquire(timeout=left):
        abort(503, description="the server is busy drawing pictures; try again in a moment")
    try:
        yield
    finally:
        gc.collect()
        _render_slots.release()


def checked(body: bytes, fmt: str) -> bytes:
    """The body if it is a whole picture of its format, else RenderFailed (never cached, never served)."""
    ok = body.startswith(b"\x89PNG\r\n\x1a\n") and len(body) > 100 if fmt == "png" else b"<svg" in body[:4000]
    if not ok:
        raise RenderFailed(f"the {fmt} renderer returned {len(body)} bytes that are not a picture")
    return body


def shared(atlas: Atlas, kind: str, params: tuple, render: Callable[[], bytes]) -> bytes:
    """A result from the shared cache, or rendered in a slot, checked, and kept for every worker."""

    def guarded() -> bytes:
        with render_slot():
            return render()

    return cached_bytes(atlas.version, kind, params, guarded)


def source_line(atlas: Atlas, indicator: str, year: int | str, lang: str) -> str:
    tables = "; ".join(atlas.catalogue.get(indicator).tables)
    if lang == "sv":
        return f"Källa: SCB, tabell {tables}; bearbetning: {ATLAS_NAME}. Referensår {year}."
    return f"Source: Statistics Sweden, table {tables}; processing: {ATLAS_NAME}. Reference year {year}."


def cached(body: bytes, mimetype: str, version: str, filename: str | None = None) -> Response:
    """A response that browsers and proxies may keep; the body is a pure function of the store version
    and the request's address, so those make the ETag (no hashing of large bodies per request)."""
    etag = hashlib.sha256(f"{version} {CODE_VERSION} {request.full_path}".encode()).hexdigest()[:32]
    if request.if_none_match.contains(etag):
        return Response(status=304, headers={"ETag": f'"{etag}"'})
    headers = {"ETag": f'"{etag}"', "Cache-Control": f"public, max-age={MAX_AGE}"}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(body, mimetype=mimetype, headers=headers)


# ---------------------------------------------------------------- maps


def map_parts(atlas: Atlas, state: ViewState) -> dict:
    """Everything a map snapshot, embed or download needs: the live map's own layer, classes and colours."""
    ind = atlas.catalogue.get(state.indicator)
    out = _render_map(atlas, state)
    layer, hideout, lang = out["layer"], out["hideout"], state.lang
    if state.layer == "lisa" and hideout["col"] == list(LISA_COLORS):
        counts = pd.Series(list(hideout["cls"].values())).value_counts()
        legend = [(LISA_COLORS[i], text(f"lisa_{k}", lang), int(counts.get(i, 0))) for i, k in enumerate(LISA_ORDER)]
    else:
        classes = out["classes"]
        legend = list(zip(classes.colors, class_labels(classes, ind, lang), classes.counts, strict=True))
        legend.append((NO_DATA, text("no_data", lang), layer.shapes_without_value))
    places = [atlas.name(m, "kommun") for m in state.municipalities]
    level_name = LEVEL_NAMES[lang][state.level]
    vintage = vintage_label(state.level, layer.value_edition, lang)  # kommun and län have no vintage to name
    subtitle = " · ".join(dict.fromkeys([level_name, ", ".join(places), vintage]))
    if layer.other_vintage:
        other = vintage_label(state.level, layer.geometry_edition)
        subtitle += f" ({other}-gränser)" if lang == "sv" else f" (on {other} boundaries)"
    parts = {
        "shapes": layer.frame,
        "hideout": hideout,
        "legend": legend,
        "title": f"{ind.name[lang]} {state.year}",
        "subtitle": subtitle,
        "source": source_line(atlas, state.indicator, state.year, lang),
        "alt": map_alt(ind, lang, state.year, level_name, places, layer.frame),
    }
    if state.layer == "lisa" and hideout["col"] == list(LISA_COLORS):  # a hot/cold-spot map says so
        title = text("lisa_title", lang, name=ind.name[lang], year=state.year)
        parts.update(title=title, alt=f"{title}. {parts['alt']}")
    if change := out["change"]:  # the change map: its own title, legend (pp or %), years and alt text
        parts.update(
            legend=change.legend_items(out["classes"], lang),
            title=change.title(lang),
            source=source_line(atlas, state.indicator, f"{change.first}–{change.last}", lang),
            alt=change.alt(lang, level_name, places),
        )
    return parts


def map_image(atlas: Atlas, state: ViewState, width: int, scale: float, fmt: str) -> bytes:
    def render() -> bytes:
        parts = map_parts(atlas, state)
        shapes = parts["shapes"]
        if shapes.empty:
            abort(404, description="the data store has no boundaries for this level and these municipalities")
        cls, col = parts["hideout"]["cls"], parts["hideout"]["col"]
        colors = [col[cls[c]] if c in cls else NO_DATA for c in shapes["code"]]
        image = render_map(
            shapes.to_crs("EPSG:3006"),
            colors,
            parts["legend"],
            parts["title"],
            parts["subtitle"],
            parts["source"],
            width,
            scale,
            fmt,
            edge="#b0b0b0" if state.year_from is not None else "white",  # the change map's middle is near white
        )
        return checked(image, fmt)

    return shared(atlas, "map_image", (state, width, scale, fmt), render)


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


def chart_kind() -> str:
    kind = request.args.get("chart", "bar")
    if kind not in ("bar", "line"):
        abort(400, description="chart is bar or line")
    return kind


def chart_parts(atlas: Atlas, state: CompareState, kind: str) -> dict:
    ind = atlas.catalogue.get(state.indicator)
    if not state.areas:
        abort(400, description="name 1–6 areas, e.g. ?areas=1480R044,1490R019")
    if kind == "line":
        fig = line_figure(atlas, state.areas, state.indicator, state.lang)
        table = line_table(atlas, state.areas, state.indicator)
        alt = line_alt(ind, state.lang, table)
        known = table.dropna(subset=["value"])
        span = f"{int(known['year'].min())}–{int(known['year'].max())}" if len(known) else str(state.year)
        title = f"{ind.name[state.lang]} {span}"
    else:
        span = str(state.year)
        fig = bar_figure(atlas, state.areas, state.indicator, state.year, state.lang)
        table = bar_table(atlas, state.areas, state.indicator, state.year)
        alt = bar_alt(ind, state.lang, state.year, table)
        title = f"{ind.name[state.lang]} {state.year}"
    return {
        "figure": fig,
        "table": table,
        "alt": alt,
        "title": title,
        "span": span,
        "source": source_line(atlas, state.indicator, span, state.lang),
    }


def chart_image(atlas: Atlas, state: CompareState, kind: str, width: int, scale: float, fmt: str) -> bytes:
    def render() -> bytes:
        parts = chart_parts(atlas, state, kind)
        return figure_image(parts["figure"], parts["title"], parts["source"], width, round(width * 0.6), scale, fmt)

    return shared(atlas, "chart_image", (state, kind, width, scale, fmt), render)


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
    return checked(fig.to_image(format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1), fmt)


# ---------------------------------------------------------------- embeds


def svg_size(svg: bytes) -> tuple[int, int]:
    match = re.search(rb'<svg[^>]*?width="([\d.]+)(?:px)?"[^>]*?height="([\d.]+)(?:px)?"', svg)
    return (round(float(match.group(1))), round(float(match.group(2)))) if match else (800, 600)


# what an embed runs: report its height to the parent page, which sizes the iframe (`links.RESIZER`)
EMBED_SCRIPT = (
    "(function(){function send(){var h=document.documentElement.getBoundingClientRect().height;\n"
    'parent.postMessage({"segatlas-height":Math.ceil(h)},"*")}\n'
    'window.addEventListener("load",send);window.addEventListener("resize",send);\n'
    "if(window.ResizeObserver){new ResizeObserver(send).observe(document.body)}})();"
)
EMBED_CSP = csp([script_hash(EMBED_SCRIPT)], framable=True)


def embed_html(
    title: str, image_url: str, alt: str, size: tuple[int, int], source: str, view_url: str, link_text: str, lang: str
) -> str:
    """A page with only the picture, its caption and a link back, reporting its height to the parent.
    A narrow screen gets a PNG drawn for its width (1× and 2×, scales the snapshot route draws) instead of the
    detailed SVG."""
    w, h = size
    png = image_url.replace(".svg?", ".png?").rsplit("&width=", 1)[0] + f"&width={NARROW}"
    narrow = f"{png} {NARROW}w, {png}&scale=2 {NARROW * 2}w"
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title>
<meta name="description" content="{escape(alt)}">
<link rel="canonical" href="{escape(public_url() + view_url)}">
{oembed_links(public_url() + view_url, title)}
<style>html,body{{margin:0;background:#fff}}
body{{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733}}
figure{{margin:0}}img{{width:100%;height:auto;display:block}}figcaption{{padding:4px 2px 6px;font-size:12px;color:#555}}
a{{color:#0b5cad}}</style></head>
<body><main><figure><picture><source media="(max-width: {NARROW}px)" srcset="{escape(narrow)}">
<img src="{escape(image_url)}" alt="{escape(alt)}" width="{w}" height="{h}"></picture>
<figcaption>{escape(source)} · <a href="{escape(view_url)}" target="_blank" rel="noopener">{escape(link_text)}</a>
</figcaption></figure></main>
<script>{EMBED_SCRIPT}</script>
</body></html>"""


def map_embed(atlas: Atlas, state: ViewState, width: int) -> bytes:
    def render() -> bytes:
        parts = map_parts(atlas, state)
        image = f"/snapshot/map.svg{to_search(state)}&width={width}"
        size = svg_size(map_image(atlas, state, width, 1, "svg"))
        return embed_html(
            parts["title"],
            image,
            parts["alt"],
            size,
            parts["source"],
            map_links(state)["view"],
            text("explore", state.lang),
            state.lang,
        ).encode()

    return cached_bytes(atlas.version, "map_embed", (state, width), render)


def chart_embed(atlas: Atlas, state: CompareState, kind: str, width: int) -> bytes:
    def render() -> bytes:
        parts = chart_parts(atlas, state, kind)
        image = f"/snapshot/chart.svg{compare_to_search(state)}&chart={kind}&width={width}"
        return embed_html(
            parts["title"],
            image,
            parts["alt"],
            (width, round(width * 0.6)),
            parts["source"],
            chart_links(state, kind)["view"],
            text("compare_title", state.lang),
            state.lang,
        ).encode()

    return cached_bytes(atlas.version, "chart_embed", (state, kind, width), render)


SPLIT_INDICATOR = {"utbildning": "forgymnasial"}  # the indicator whose SCB table a split's counts come from


def segregation_parts(atlas: Atlas, state: SegregationState) -> dict:
    lang = state.lang
    split = atlas.catalogue.split(state.group)
    rows = atlas.measures(state.measure, state.group, state.year, state.level, list(state.municipalities))
    level_name = LEVEL_NAMES[lang][state.level]
    measure_name = text(state.measure, lang)
    return {
        "title": f"{measure_name}: {split.name[lang]} {state.year}",
        "rows": rows,
        "figure": interval_figure(atlas, state),
        "alt": segregation_alt(measure_name, split.name[lang], lang, state.year, level_name, rows),
        "source": source_line(atlas, SPLIT_INDICATOR.get(state.group, state.group), state.year, lang),
    }


def segregation_height(state: SegregationState) -> int:
    """The dot-and-whisker picture's height: a row per municipality."""
    return max(320, 160 + 70 * len(state.municipalities))


def segregation_image(atlas: Atlas, state: SegregationState, width: int, scale: float, fmt: str) -> bytes:
    def render() -> bytes:
        parts = segregation_parts(atlas, state)
        height = segregation_height(state)
        return figure_image(parts["figure"], parts["title"], parts["source"], width, height, scale, fmt)

    return shared(atlas, "segregation_image", (state, width, scale, fmt), render)


def segregation_embed(atlas: Atlas, state: SegregationState, width: int) -> bytes:
    def render() -> bytes:
        parts = segregation_parts(atlas, state)
        image = f"/snapshot/segregation.svg{segregation_to_search(state)}&width={width}"
        size = (width, segregation_height(state))
        return embed_html(
            parts["title"],
            image,
            parts["alt"],
            size,
            parts["source"],
            segregation_links(state)["view"],
            text("seg_title", state.lang),
            state.lang,
        ).encode()

    return cached_bytes(atlas.version, "segregation_embed", (state, width), render)


# ---------------------------------------------------------------- downloads


def map_stem(state: ViewState) -> str:
    """A map layer's name in a GeoPackage: indicator, level and year (or both years of a change map)."""
    years = f"{state.year_from}_{state.year}" if state.year_from is not None else str(state.year)
    return f"{state.indicator}_{state.level}_{years}"


def map_filename(atlas: Atlas, state: ViewState, extension: str) -> str:
    """E.g. `utlandsk-bakgrund_deso_2025_goteborg.csv`, or `…_2024-2025_…` for a change map."""
    years = f"{state.year_from}-{state.year}" if state.year_from is not None else state.year
    name = atlas.catalogue.get(state.indicator).name[state.lang]
    parts = [name, state.level, years, places(atlas, state.municipalities, state.lang)]
    return content_filename(parts, extension)


def map_table(atlas: Atlas, state: ViewState) -> tuple[pd.DataFrame, dict]:
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
    if state.year_from is not None:
        change = _render_map(atlas, state)["change"]
        span = f"{state.year_from}–{state.year}"
        meta.update(unit=change.unit, year=span, source=source_line(atlas, state.indicator, span, state.lang))
        return change.download_table(state.lang), meta
    values = atlas.values(state.indicator, state.level, state.year, list(state.municipalities))
    return values[["code", "name", "kommun", "value"]], meta


def map_download(atlas: Atlas, state: ViewState, fmt: str) -> bytes:
    """The map's values as CSV, GeoJSON (RFC 7946: WGS 84, counter-clockwise exteriors, 6 decimals) or
    GeoPackage (EPSG:3006, the indicator's metadata in the layer description and gpkg_metadata); the
    metadata columns are on every row and feature, with or without a value."""
    ind = atlas.catalogue.get(state.indicator)
    table, meta = map_table(atlas, state)
    if fmt in TABLE_FORMATS:
        return table_bytes(table, metadata(atlas, meta, state.lang), fmt, SHEETS[state.lang])
    layer = atlas.map_layer(state.indicator, state.level, state.year, list(state.municipalities))
    if layer.frame.empty:
        abort(404, description="the data store has no boundaries for this level and these municipalities")
    frame = layer.frame[["code", "geometry", "other_vintage"]].merge(table, on="code", how="left")
    names = atlas.register(state.level, layer.geometry_edition)["name"]
    frame["name"] = frame["name"].fillna(frame["code"].map(names))
    frame["kommun"] = frame["kommun"].fillna(frame["code"].str[:4])
    frame = frame.assign(**meta, boundaries=vintage_label(state.level, layer.geometry_edition))
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


# ---------------------------------------------------------------- oEmbed


def oembed_answer(url: str, maxwidth: int | None, maxheight: int | None) -> dict:
    """oEmbed 1.0 `rich` fields for one of this site's addresses, within maxwidth × maxheight (else 501)."""
    base = public_url()
    parsed = urlparse(url)
    if (parsed.scheme, parsed.netloc.lower()) != (urlparse(base).scheme, urlparse(base).netloc.lower()):
        abort(404, description=f"only addresses on {base} can be embedded")
    fitting = [w for w in WIDTHS if w <= min(maxwidth or 800, WIDTHS[-1])]
    if not fitting:
        abort(501, description=f"an embed is at least {WIDTHS[0]} pixels wide")
    width = fitting[-1]
    atlas = current_atlas()
    query = "?" + parsed.query
    path = parsed.path.rstrip("/")
    if path in ("", "/embed/map"):
        state, _ = parse(query, atlas)
        parts = map_parts(atlas, state)
        w, h = svg_size(map_image(atlas, state, 800, 1, "svg"))
        embed = lambda width: f"/embed/map{to_search(state)}&width={width}"  # noqa: E731
    elif path in ("/segregation", "/embed/segregation"):
        sstate, _ = parse_segregation(query, atlas)
        parts = segregation_parts(atlas, sstate)
        w, h = 800, segregation_height(sstate)
        embed = lambda width: f"/embed/segregation{segregation_to_search(sstate)}&width={width}"  # noqa: E731
    elif path in ("/compare", "/embed/chart"):
        cstate, _ = parse_compare(query, atlas)
        kind = dict(p.split("=", 1) for p in parsed.query.split("&") if "=" in p).get("chart", "bar")
        kind = kind if kind in ("bar", "line") else "bar"
        parts = chart_parts(atlas, cstate, kind)
        w, h = 5, 3
        embed = lambda width: f"/embed/chart{compare_to_search(cstate)}&chart={kind}&width={width}"  # noqa: E731
    else:
        abort(404, description="only maps (/), comparisons (/compare) and /segregation can be embedded")
    heights = {width: round(width * h / w) + 40 for width in fitting}  # the picture scales with the frame
    if maxheight is not None:
        fitting = [width for width in fitting if heights[width] <= maxheight]
        if not fitting:
            abort(501, description=f"this embed cannot be made {maxheight} pixels high or less")
        width = fitting[-1]
    return {
        "version": "1.0",
        "type": "rich",
        "provider_name": ATLAS_NAME,
        "provider_url": base + "/",
        "title": parts["title"],
        "width": width,
        "height": heights[width],
        "html": embed_snippet(base + embed(width), parts["title"], heights[width]),
        "description": parts["alt"],
    }


def oembed_xml(payload: dict) -> bytes:
    root = ElementTree.Element("oembed")
    for key, value in payload.items():
        ElementTree.SubElement(root, key).text = str(value)
    return b'<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n' + ElementTree.tostring(root, "utf-8")


def pixels(name: str) -> int | None:
    text = request.args.get(name)
    if text is None:
        return None
    if not (text.isascii() and text.isdecimal() and len(text) <= 6):
        abort(400, description=f"{name} is a whole number of pixels")
    return int(text)


# ---------------------------------------------------------------- routes


def request_state(parser):
    """The current store and the state the request's parameters describe (bad ones fall back)."""
    atlas = current_atlas()
    state, _notices = parser("?" + request.query_string.decode(errors="replace"), atlas)
    return atlas, state


# view → (parameter parser, renderer); the routes below are the same for every view
SNAPSHOTS = {
    "map": (parse, map_image),
    "chart": (parse_compare, lambda atlas, state, *size: chart_image(atlas, state, chart_kind(), *size)),
    "segregation": (parse_segregation, segregation_image),
}
EMBEDS = {
    "map": (parse, map_embed),
    "chart": (parse_compare, lambda atlas, state, width: chart_embed(atlas, state, chart_kind(), width)),
    "segregation": (parse_segregation, segregation_embed),
}


def register_press_routes(server: Flask) -> None:
    @server.errorhandler(RenderFailed)
    def render_failed(exc: RenderFailed) -> Response:
        server.logger.error("render failed on %s: %s", request.full_path, exc)
        return Response(
            "503: this picture could not be drawn; try a smaller width or scale\n",
            status=503,
            mimetype="text/plain",
            headers={"Cache-Control": "no-store", "Retry-After": "30"},
        )

    @server.get("/snapshot/<view>.<fmt>")
    def snapshot(view: str, fmt: str) -> Response:
        if view not in SNAPSHOTS or fmt not in FORMATS:
            abort(404)
        parser, render = SNAPSHOTS[view]
        width, scale = snap_size()
        atlas, state = request_state(parser)
        return cached(render(atlas, state, width, scale, fmt), FORMATS[fmt], atlas.version)

    @server.get("/embed/<view>")
    def embed(view: str) -> Response:
        if view not in EMBEDS:
            abort(404)
        parser, render = EMBEDS[view]
        width, _scale = snap_size()
        atlas, state = request_state(parser)
        response = cached(render(atlas, state, width), "text/html", atlas.version)
        response.headers["Content-Security-Policy"] = EMBED_CSP  # its own script by hash; any site may frame it
        return response

    @server.get("/download/segregation.<fmt>")
    def download_segregation(fmt: str) -> Response:
        if fmt not in TABLE_FORMATS:
            abort(404)
        atlas, state = request_state(parse_segregation)
        rows = atlas.measures(state.measure, state.group, state.year, state.level, list(state.municipalities))
        split = atlas.catalogue.split(state.group)
        meta = {
            "measure": text(state.measure, state.lang),
            "group": split.name[state.lang],
            "level": state.level,
            "year": int(state.year),
            "source": source_line(atlas, SPLIT_INDICATOR.get(state.group, state.group), state.year, state.lang),
        }
        body = table_bytes(rows, metadata(atlas, meta, state.lang), fmt, SHEETS[state.lang])
        parts = [text(f"{state.measure}_short", state.lang), split.name[state.lang], state.year, state.level]
        return cached(body, TABLE_FORMATS[fmt], atlas.version, content_filename(parts, fmt))

    @server.get("/oembed")
    def oembed() -> Response:
        url = request.args.get("url", "")
        if not urlparse(url).netloc:
            abort(400, description="give the page to embed: /oembed?url=<a map or compare address>")
        fmt = request.args.get("format", "json")
        if fmt not in ("json", "xml"):
            abort(501, description="oEmbed answers in json or xml")
        payload = oembed_answer(url, pixels("maxwidth"), pixels("maxheight"))
        if fmt == "xml":
            body, mimetype = oembed_xml(payload), "text/xml"
        else:
            body, mimetype = json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json"
        return Response(body, mimetype=mimetype, headers={"Cache-Control": f"public, max-age={MAX_AGE}"})

    @server.get("/download/map.<fmt>")
    def download_map(fmt: str) -> Response:
        if fmt not in DOWNLOADS:
            abort(404)
        atlas, state = request_state(parse)
        body = cached_bytes(atlas.version, "map_download", (state, fmt), lambda: map_download(atlas, state, fmt))
        return cached(body, DOWNLOADS[fmt], atlas.version, map_filename(atlas, state, fmt))

    @server.get("/download/chart.<fmt>")
    def download_chart(fmt: str) -> Response:
        if fmt not in TABLE_FORMATS:
            abort(404)
        atlas, state = request_state(parse_compare)
        kind = chart_kind()
        parts = chart_parts(atlas, state, kind)
        ind = atlas.catalogue.get(state.indicator)
        meta = {
            "indicator": ind.id,
            "indicator_name": ind.name[state.lang],
            "unit": ind.unit,
            "year": parts["span"],
            "scb_table": "; ".join(ind.tables),
            "definition": ind.definition[state.lang],
            "source": parts["source"],
        }
        body = table_bytes(parts["table"], metadata(atlas, meta, state.lang), fmt, SHEETS[state.lang])
        name = content_filename([ind.name[state.lang], parts["span"], *state.areas], fmt)
        return cached(body, TABLE_FORMATS[fmt], atlas.version, name)
