"""Press routes: /snapshot, /embed, /oembed, /download, and who may frame which page.

Every route serves each registered view with a press adapter (`dashboard.registry`) the same way: it takes
the same query parameters as the view (parsed by the view's state type, so bad parameters fall back
visibly rather than fail), builds the view's render model and hands it to the adapter. Sizes are snapped
to a few widths and scales and capped in pixels; renders run a few at a time per worker (memory collected
after each), are checked before they are kept, and are cached in the shared cache (`dashboard.cache`) by
their canonical parameters and the store version; responses carry Cache-Control and an ETag.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import math
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlparse
from xml.etree import ElementTree

from flask import Flask, Response, abort, current_app, g, request
from flask_compress.flask_compress import _compress_data
from markupsafe import escape

from dashboard import registry
from dashboard.cache import CODE_VERSION, cached_bytes
from dashboard.compression import encoding_for
from dashboard.edge import REQUEST_BUDGET, csp, script_hash
from dashboard.models import EmptyView
from dashboard.press.downloads import ATLAS_NAME
from dashboard.press.links import embed_snippet, public_url
from dashboard.press.meta import oembed_links
from dashboard.press.pictures import RenderFailed, checked
from dashboard.press.spreadsheet import TABLE_FORMATS
from dashboard.texts import text
from dashboard.viewtypes import View
from geodata.queries import Atlas, current_atlas

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
DOWNLOADS = {**TABLE_FORMATS, "geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3"}
MAX_AGE = 3600
WIDTHS = (320, 400, 480, 600, 640, 700, 800, 900, 1000, 1200, 1600, 2000, 2400)  # CSS px a picture is drawn at
SCALES = (1, 2, 3)
MAX_PIXEL_WIDTH = 3200  # width × scale of a PNG; a larger request gets the largest scale that fits
RENDER_SLOTS = 2  # renders at once per worker; more wait (up to the request budget), then get 503
_render_slots = threading.BoundedSemaphore(RENDER_SLOTS)
REFREEZE_EVERY = 50  # renders between collections that look again at what earlier ones froze
_renders = itertools.count(1)
NARROW = 480  # px: embeds at most this wide show a PNG of this width


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


def collect_after_render() -> None:
    """Return what a render left behind (matplotlib's figures hold reference cycles). What is alive after a
    collection is frozen (`gc.freeze`), so the next one looks only at what later requests made, not at the
    store's hundreds of thousands of objects: a full collection held the worker for ~250 ms, one after a
    freeze for a few. Every `REFREEZE_EVERY` renders the frozen objects are looked at again, so garbage that
    was alive when frozen is not kept for good."""
    if next(_renders) % REFREEZE_EVERY == 0:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


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
        collect_after_render()
        _render_slots.release()


def shared(atlas: Atlas, kind: str, params: tuple, render: Callable[[], bytes]) -> bytes:
    """A result from the shared cache, or rendered in a slot, checked, and kept for every worker."""

    def guarded() -> bytes:
        with render_slot():
            return render()

    return cached_bytes(atlas.version, kind, params, guarded)


def cached(body: bytes, mimetype: str, version: str, filename: str | None = None) -> Response:
    """A response that browsers and proxies may keep; the body is a pure function of the store version
    and the request's address, so those make the ETag (no hashing of large bodies per request). A text
    body is sent compressed as flask-compress would (same algorithm, level and ETag suffix), but the
    compressed copy is kept in the shared cache: a map's SVG took ~14 ms and a GeoJSON ~30 ms of
    compression per request."""
    etag = hashlib.sha256(f"{version} {CODE_VERSION} {request.full_path}".encode()).hexdigest()[:32]
    if request.if_none_match.contains(etag):
        return Response(status=304, headers={"ETag": f'"{etag}"'})
    headers = {"ETag": f'"{etag}"', "Cache-Control": f"public, max-age={MAX_AGE}"}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    algorithm = encoding_for(mimetype, len(body))
    if algorithm:
        tag = f"{etag}:{algorithm}"
        if request.if_none_match.contains(tag):
            return Response(status=304, headers={"ETag": f'"{tag}"'})
        app, raw = current_app._get_current_object(), body
        body = cached_bytes(
            version, "compressed", (request.full_path, algorithm), lambda: _compress_data(app, raw, algorithm)
        )
        headers.update({"ETag": f'"{tag}"', "Content-Encoding": algorithm, "Vary": "Accept-Encoding"})
    return Response(body, mimetype=mimetype, headers=headers)


# ---------------------------------------------------------------- a view's model and pictures


def variant_of(view: View, args: Any, strict: bool = True) -> str:
    """The variant a request names (e.g. `chart=line`); an unknown one is 400, or the default if not strict."""
    press = view.press
    if not press.variant_key:
        return press.variants[0]
    value = args.get(press.variant_key) or press.variants[0]
    if value not in press.variants:
        if strict:
            abort(400, description=f"{press.variant_key} is {' or '.join(press.variants)}")
        return press.variants[0]
    return value


def model_of(view: View, atlas: Atlas, state: Any, variant: str) -> Any:
    """The view's render model for a state (400 when there is nothing to draw)."""
    try:
        return view.press.model(atlas, state, variant)
    except EmptyView as exc:
        abort(400, description=exc.description)


def picture(view: View, atlas: Atlas, state: Any, variant: str, width: int, scale: float, fmt: str) -> bytes:
    """The view drawn as PNG or SVG, from the shared cache or rendered in a slot and checked. An SVG has
    no pixels to scale: it is drawn and kept once per width (an embed's size reads the snapshot's SVG)."""
    if fmt == "svg":
        scale = 1

    def render() -> bytes:
        model = model_of(view, atlas, state, variant)
        return checked(view.press.draw(atlas, state, model, width, scale, fmt), fmt)

    return shared(atlas, f"{view.press.name}_image", (state, variant, width, scale, fmt), render)


def natural_size(view: View, atlas: Atlas, state: Any, variant: str, model: Any, width: int) -> tuple[int, int]:
    """The picture's size at a width: the adapter's, or read from the drawn SVG."""
    if view.press.size:
        return view.press.size(model, width)
    return svg_size(picture(view, atlas, state, variant, width, 1, "svg"))


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


def embed_page(view: View, atlas: Atlas, state: Any, variant: str, width: int) -> bytes:
    """The embed of any view: its SVG snapshot, title, alt text, source and a link back to the view."""

    def render() -> bytes:
        model = model_of(view, atlas, state, variant)
        links = view.links(state, variant)
        return embed_html(
            model.title,
            f"{links['svg']}&width={width}",
            model.alt,
            natural_size(view, atlas, state, variant, model, width),
            model.source,
            links["view"],
            text(view.title_key, state.lang),
            state.lang,
        ).encode()

    return cached_bytes(atlas.version, f"{view.press.name}_embed", (state, variant, width), render)


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
    path = parsed.path.rstrip("/") or "/"
    view = registry.press_view(path.removeprefix("/embed/")) if path.startswith("/embed/") else registry.view_at(path)
    if view is None or view.press is None:
        pages = ", ".join(v.path for v in registry.press_views())
        abort(404, description=f"only these pages can be embedded: {pages}")
    atlas = current_atlas()
    state, _ = view.state.parse("?" + parsed.query, atlas)
    variant = variant_of(view, {k: v[0] for k, v in parse_qs(parsed.query).items()}, strict=False)
    model = model_of(view, atlas, state, variant)
    w, h = natural_size(view, atlas, state, variant, model, 800)
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
        "title": model.title,
        "width": width,
        "height": heights[width],
        "html": embed_snippet(
            f"{base}{view.links(state, variant)['embed']}&width={width}", model.title, heights[width]
        ),
        "description": model.alt,
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


def press_view(name: str, formats: Any = None, fmt: str = "") -> View:
    """The view whose press routes are named `name`; 404 if none, or if `fmt` is not among `formats`
    (a function of the view's press adapter)."""
    view = registry.press_view(name)
    if view is None or (formats is not None and fmt not in formats(view.press)):
        abort(404)
    return view


def request_state(view: View) -> tuple[Atlas, Any, str]:
    """The current store, the state the request's parameters describe (bad ones fall back) and the
    variant it asks for (an unknown one is 400)."""
    variant = variant_of(view, request.args)
    atlas = current_atlas()
    state, _notices = view.state.parse("?" + request.query_string.decode(errors="replace"), atlas)
    return atlas, state, variant


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

    @server.get("/snapshot/<file>")
    def snapshot(file: str) -> Response:
        name, _, fmt = file.partition(".")
        view = press_view(name, lambda _press: FORMATS, fmt)
        width, scale = snap_size()
        atlas, state, variant = request_state(view)
        return cached(picture(view, atlas, state, variant, width, scale, fmt), FORMATS[fmt], atlas.version)

    @server.get("/embed/<name>")
    def embed(name: str) -> Response:
        view = press_view(name)
        width, _scale = snap_size()
        atlas, state, variant = request_state(view)
        response = cached(embed_page(view, atlas, state, variant, width), "text/html", atlas.version)
        response.headers["Content-Security-Policy"] = EMBED_CSP  # its own script by hash; any site may frame it
        return response

    @server.get("/download/<file>")
    def download(file: str) -> Response:
        name, _, fmt = file.partition(".")
        view = press_view(name, lambda press: press.downloads, fmt)
        atlas, state, variant = request_state(view)
        model = model_of(view, atlas, state, variant)
        press = view.press
        body = cached_bytes(
            atlas.version,
            f"{press.name}_download",
            (state, variant, fmt),
            lambda: press.download(atlas, state, model, fmt),
        )
        return cached(body, DOWNLOADS[fmt], atlas.version, press.filename(atlas, state, model, fmt))

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
