"""Press routes: /snapshot, /embed, /oembed, /download, and who may frame which page.

Every route takes the same query parameters as the view it depicts (parsed by `dashboard.urlstate`,
so bad parameters fall back visibly rather than fail). Renders are cached by their parameters and the
store version; responses carry Cache-Control and an ETag.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import re
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pyogrio
from flask import Flask, Response, abort, request
from markupsafe import escape

from dashboard.charts import bar_figure, bar_table, line_figure, line_table
from dashboard.classify import NO_DATA
from dashboard.components.legend import LISA_COLORS, LISA_ORDER, class_labels
from dashboard.press.alt_text import bar_alt, line_alt, map_alt, segregation_alt
from dashboard.press.links import chart_links, embed_snippet, map_links, segregation_links
from dashboard.press.map_image import render_map
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
MAX_AGE = 3600
SOURCE_OFFSET = 100  # px between a chart's plot area and its source line
_kaleido_lock = threading.Lock()
_kaleido_started = False


def clamp_size(default_width: int = 800) -> tuple[int, float]:
    try:
        width = int(request.args.get("width", default_width))
        scale = float(request.args.get("scale", 1))
    except ValueError:
        abort(400, description="width and scale are numbers, e.g. width=800&scale=2")
    return max(300, min(width, 2400)), max(1.0, min(scale, 3.0))


def source_line(atlas: Atlas, indicator: str, year: int | str, lang: str) -> str:
    tables = "; ".join(atlas.catalogue.get(indicator).tables)
    if lang == "sv":
        return f"Källa: SCB, tabell {tables}; bearbetning: {ATLAS_NAME}. Referensår {year}."
    return f"Source: Statistics Sweden, table {tables}; processing: {ATLAS_NAME}. Reference year {year}."


def cached(body: bytes, mimetype: str, version: str, filename: str | None = None) -> Response:
    """A response that browsers and proxies may keep; the body is a pure function of the store version
    and the request's address, so those make the ETag (no hashing of large bodies per request)."""
    etag = hashlib.sha256(f"{version} {request.full_path}".encode()).hexdigest()[:32]
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
    if change := out["change"]:  # the change map: its own title, legend (pp or %), years and alt text
        parts.update(
            legend=change.legend_items(out["classes"], lang),
            title=change.title(lang),
            source=source_line(atlas, state.indicator, f"{change.first}–{change.last}", lang),
            alt=change.alt(lang, level_name, places),
        )
    return parts


@lru_cache(maxsize=256)
def map_image(atlas: Atlas, state: ViewState, width: int, scale: float, fmt: str) -> bytes:
    parts = map_parts(atlas, state)
    shapes = parts["shapes"]
    if shapes.empty:
        abort(404, description="the data store has no boundaries for this level and these municipalities")
    cls, col = parts["hideout"]["cls"], parts["hideout"]["col"]
    colors = [col[cls[c]] if c in cls else NO_DATA for c in shapes["code"]]
    return render_map(
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
        "source": source_line(atlas, state.indicator, span, state.lang),
    }


@lru_cache(maxsize=256)
def chart_image(atlas: Atlas, state: CompareState, kind: str, width: int, scale: float, fmt: str) -> bytes:
    parts = chart_parts(atlas, state, kind)
    return figure_image(parts["figure"], parts["title"], parts["source"], width, round(width * 0.6), scale, fmt)


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


# ---------------------------------------------------------------- embeds


def svg_size(svg: bytes) -> tuple[int, int]:
    match = re.search(rb'<svg[^>]*?width="([\d.]+)(?:px)?"[^>]*?height="([\d.]+)(?:px)?"', svg)
    return (round(float(match.group(1))), round(float(match.group(2)))) if match else (800, 600)


def embed_html(
    title: str, image_url: str, alt: str, size: tuple[int, int], source: str, view_url: str, link_text: str, lang: str
) -> str:
    """A page with only the picture, its caption and a link back, reporting its height to the parent."""
    w, h = size
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title>
<style>html,body{{margin:0;background:#fff}}
body{{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733}}
figure{{margin:0}}img{{width:100%;height:auto;display:block}}figcaption{{padding:4px 2px 6px;font-size:12px;color:#555}}
a{{color:#0b5cad}}</style></head>
<body><figure><img src="{escape(image_url)}" alt="{escape(alt)}" width="{w}" height="{h}">
<figcaption>{escape(source)} · <a href="{escape(view_url)}" target="_blank" rel="noopener">{escape(link_text)}</a>
</figcaption></figure>
<script>(function(){{function send(){{var h=document.documentElement.getBoundingClientRect().height;
parent.postMessage({{"segatlas-height":Math.ceil(h)}},"*")}}
window.addEventListener("load",send);window.addEventListener("resize",send);
if(window.ResizeObserver){{new ResizeObserver(send).observe(document.body)}}}})();</script>
</body></html>"""


@lru_cache(maxsize=256)
def map_embed(atlas: Atlas, state: ViewState, width: int) -> bytes:
    parts = map_parts(atlas, state)
    image = f"/snapshot/map.svg{to_search(state)}&width={width}"
    size = svg_size(map_image(atlas, state, width, 1.0, "svg"))
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


@lru_cache(maxsize=256)
def chart_embed(atlas: Atlas, state: CompareState, kind: str, width: int) -> bytes:
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


@lru_cache(maxsize=256)
def segregation_image(atlas: Atlas, state: SegregationState, width: int, scale: float, fmt: str) -> bytes:
    parts = segregation_parts(atlas, state)
    return figure_image(parts["figure"], parts["title"], parts["source"], width, segregation_height(state), scale, fmt)


@lru_cache(maxsize=256)
def segregation_embed(atlas: Atlas, state: SegregationState, width: int) -> bytes:
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


def base_url() -> str:
    return request.host_url.rstrip("/")


# ---------------------------------------------------------------- routes


def request_state(parser):
    """The current store and the state the request's parameters describe (bad ones fall back)."""
    atlas = current_atlas()
    state, _notices = parser("?" + request.query_string.decode(), atlas)
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
    @server.after_request
    def frame_rules(response: Response) -> Response:
        """Embeds may be framed by any site; every other page only by the atlas itself."""
        framable = request.path.startswith("/embed/")
        response.headers["Content-Security-Policy"] = "frame-ancestors *" if framable else "frame-ancestors 'self'"
        return response

    @server.get("/snapshot/<view>.<fmt>")
    def snapshot(view: str, fmt: str) -> Response:
        if view not in SNAPSHOTS or fmt not in FORMATS:
            abort(404)
        parser, render = SNAPSHOTS[view]
        atlas, state = request_state(parser)
        width, scale = clamp_size()
        return cached(render(atlas, state, width, scale, fmt), FORMATS[fmt], atlas.version)

    @server.get("/embed/<view>")
    def embed(view: str) -> Response:
        if view not in EMBEDS:
            abort(404)
        parser, render = EMBEDS[view]
        atlas, state = request_state(parser)
        width, _scale = clamp_size()
        return cached(render(atlas, state, width), "text/html", atlas.version)

    @server.get("/download/segregation.csv")
    def download_segregation() -> Response:
        atlas, state = request_state(parse_segregation)
        rows = segregation_parts(atlas, state)["rows"].assign(
            measure=state.measure, group=state.group, level=state.level
        )
        return cached(
            rows.to_csv(index=False).encode("utf-8"),
            "text/csv",
            atlas.version,
            f"{state.measure}_{state.group}_{state.year}.csv",
        )

    @server.get("/oembed")
    def oembed() -> Response:
        url = request.args.get("url", "")
        parsed = urlparse(url)
        if not parsed.path:
            abort(400, description="give the page to embed: /oembed?url=<a map or compare address>")
        try:
            maxwidth = int(request.args.get("maxwidth", 800))
        except ValueError:
            abort(400, description="maxwidth is a number of pixels")
        width = max(300, min(maxwidth, 2400))
        atlas = current_atlas()
        query = "?" + parsed.query
        if parsed.path.rstrip("/") in ("", "/embed/map"):
            state, _ = parse(query, atlas)
            parts = map_parts(atlas, state)
            w, h = svg_size(map_image(atlas, state, width, 1.0, "svg"))
            embed = f"/embed/map{to_search(state)}&width={width}"
        elif parsed.path.rstrip("/") in ("/segregation", "/embed/segregation"):
            sstate, _ = parse_segregation(query, atlas)
            parts = segregation_parts(atlas, sstate)
            w, h = width, max(320, 160 + 70 * len(sstate.municipalities))
            embed = f"/embed/segregation{segregation_to_search(sstate)}&width={width}"
        elif parsed.path.rstrip("/") in ("/compare", "/embed/chart"):
            cstate, _ = parse_compare(query, atlas)
            kind = dict(p.split("=", 1) for p in parsed.query.split("&") if "=" in p).get("chart", "bar")
            kind = kind if kind in ("bar", "line") else "bar"
            parts = chart_parts(atlas, cstate, kind)
            w, h = width, round(width * 0.6)
            embed = f"/embed/chart{compare_to_search(cstate)}&chart={kind}&width={width}"
        else:
            abort(404, description="only maps (/), comparisons (/compare) and /segregation can be embedded")
        height = round(width * h / w) + 40
        payload = {
            "version": "1.0",
            "type": "rich",
            "provider_name": ATLAS_NAME,
            "provider_url": base_url() + "/",
            "title": parts["title"],
            "width": width,
            "height": height,
            "html": embed_snippet(base_url() + embed, parts["title"], height),
            "description": parts["alt"],
        }
        return Response(
            json.dumps(payload, ensure_ascii=False),
            mimetype="application/json",
            headers={"Cache-Control": f"public, max-age={MAX_AGE}"},
        )

    @server.get("/download/map.<fmt>")
    def download_map(fmt: str) -> Response:
        atlas, state = request_state(parse)
        ind = atlas.catalogue.get(state.indicator)
        values = atlas.values(state.indicator, state.level, state.year, list(state.municipalities))
        meta = {
            "indicator": ind.id,
            "indicator_name": ind.name[state.lang],
            "unit": ind.unit,
            "year": state.year,
            "vintage": vintage_label(state.level, edition_of_year(state.year)),
            "scb_table": "; ".join(ind.tables),
            "definition": ind.definition[state.lang],
            "source": source_line(atlas, state.indicator, state.year, state.lang),
        }
        stem = f"{ind.id}_{state.level}_{state.year}"
        table = values[["code", "name", "kommun", "value"]].assign(**meta)
        if state.year_from is not None:  # the change map's own rows: both values, the change, why none
            change = _render_map(atlas, state)["change"]
            span = f"{state.year_from}–{state.year}"
            meta.update(unit=change.unit, year=span, source=source_line(atlas, state.indicator, span, state.lang))
            stem = f"{ind.id}_{state.level}_{state.year_from}_{state.year}"
            table = change.download_table(state.lang).assign(**meta)
        if fmt == "csv":
            return cached(table.to_csv(index=False).encode("utf-8"), "text/csv", atlas.version, f"{stem}.csv")
        if fmt not in ("geojson", "gpkg"):
            abort(404)
        layer = atlas.map_layer(state.indicator, state.level, state.year, list(state.municipalities))
        if layer.frame.empty:
            abort(404, description="the data store has no boundaries for this level and these municipalities")
        frame = layer.frame[["code", "geometry", "other_vintage"]].merge(table, on="code", how="left")
        frame["boundaries"] = vintage_label(state.level, layer.geometry_edition)
        if fmt == "geojson":
            body = frame.to_crs("EPSG:4326").to_json(drop_id=True).encode("utf-8")
            return cached(body, "application/geo+json", atlas.version, f"{stem}.geojson")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{stem}.gpkg"
            pyogrio.write_dataframe(frame, path, layer=stem, driver="GPKG")
            body = path.read_bytes()
        return cached(body, "application/geopackage+sqlite3", atlas.version, f"{stem}.gpkg")

    @server.get("/download/chart.csv")
    def download_chart() -> Response:
        atlas, state = request_state(parse_compare)
        parts = chart_parts(atlas, state, chart_kind())
        body = parts["table"].to_csv(index=False).encode("utf-8")
        return cached(body, "text/csv", atlas.version, f"{state.indicator}_{chart_kind()}.csv")
