"""The app's edge: what every request passes through before and after a view.

- Only the registered views' paths (`dashboard.registry`) serve the app; any other path is a real 404 page.
- Query strings and bodies are bounded; Dash callback bodies are checked for shape before Dash reads them,
  and a callback that fails on forged input answers 400, never 500.
- Security headers: a Content-Security-Policy that allows what Dash and Leaflet need (Dash's one inline
  script by its hash; OpenStreetMap tiles as images), framing by any site only for the exact embed routes,
  `nosniff` and a referrer policy.
- `/healthz` (the process answers), `/readyz` (the store opens and answers a query), `/robots.txt`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import signal
import threading
import time
from urllib.parse import urlparse

import dash
from flask import Flask, Response, g, request
from markupsafe import escape
from werkzeug.exceptions import BadRequest, HTTPException, NotFound

from dashboard.cache import ResponseCache
from dashboard.registry import embed_paths, view_paths
from dashboard.urlstate import InvalidInput
from geodata.errors import GeodataError, StoreMissingError
from geodata.queries import current_atlas

log = logging.getLogger(__name__)

MAX_QUERY = 4096  # bytes of query string
MAX_BODY = 64 * 1024  # bytes of request body (Dash callback bodies are a few kB)
REQUEST_BUDGET = 20.0  # seconds a request may wait for a render slot before it is refused (503)
HARD_LIMIT = 60.0  # seconds after which a request still running makes its worker stop gracefully
CALLBACK_PATH = "/_dash-update-component"
LAYOUT_PATH = "/_dash-layout"
# Responses a page fetches and never shows as a document: the page's own policy governs them, so they carry
# none of their own (a policy is ~0.35 kB of headers, sent with each of a page's ~30 responses).
SUBRESOURCE_TYPES = frozenset(
    {"text/javascript", "application/javascript", "text/css", "application/json", "application/geo+json"}
    | {"image/x-icon", "image/vnd.microsoft.icon"}
)
TILES = "https://tile.openstreetmap.org"
# embeds may be crawled (each names its view as canonical); pictures, files and oEmbed answers are not pages
ROBOTS = "User-agent: *\nDisallow: /snapshot/\nDisallow: /download/\nDisallow: /oembed\n"


def script_hash(script: str) -> str:
    """A CSP source allowing exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def csp(script_hashes: list[str], framable: bool) -> str:
    """The policy: only this origin, inline scripts only by their hash, OpenStreetMap tiles as images."""
    ancestors = "*" if framable else "'self'"
    scripts = " ".join(["'self'", *script_hashes])
    styles = "'self' 'unsafe-inline'"  # plotly.js and Leaflet inject <style> elements and style attributes
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            f"style-src {styles}",
            f"img-src 'self' data: blob: {TILES}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {ancestors}",
        ]
    )


def page(status: int, title: str, message: str) -> Response:
    body = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em">
<h1>{escape(title)}</h1><p>{escape(message)}</p><p><a href="/">Segregationsatlas</a></p></body></html>"""
    return Response(body, status=status, mimetype="text/html")


def check_callback_body(app: dash.Dash) -> None:
    """A Dash callback body must name a registered callback and give exactly its inputs and states, each an
    object with that id and property (pattern-matching ones a list of such objects); else 400. The values
    themselves are checked by each callback's own parser."""
    try:
        body = json.loads(request.get_data(cache=True) or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("a callback body is JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        raise BadRequest("a callback body names its output")
    spec = app.callback_map.get(body["output"])
    if spec is None or "callback" not in spec:  # clientside callbacks run in the browser, never here
        raise BadRequest(f"no server callback has the output {body['output'][:100]!r}")
    if not _outputs_match(body.get("outputs"), body["output"]):
        raise BadRequest("a callback body lists the outputs its output names")
    for key, expected in (("inputs", spec["inputs"]), ("state", spec.get("state", []))):
        items = body.get(key, [])
        if not isinstance(items, list) or len(items) != len(expected):
            raise BadRequest(f"the callback takes {len(expected)} {key}")
        for item, dep in zip(items, expected, strict=True):
            if not _matches(item, dep):
                raise BadRequest(f"the callback's {key} are {dep['id']}.{dep['property']}, …")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        raise BadRequest("changedPropIds is a list of strings")


def _outputs_match(outputs: object, output: str) -> bool:
    """Whether `outputs` lists exactly the id.property pairs of the key `output` ('..a.b...c.d..' or 'a.b')."""
    multi = output.startswith("..")
    pairs = [p.rsplit(".", 1) for p in output.strip(".").split("...")] if multi else [output.rsplit(".", 1)]
    items = outputs if multi else [outputs]
    return (
        isinstance(items, list)
        and len(items) == len(pairs)
        and all(
            isinstance(item, dict) and [item.get("id"), item.get("property")] == pair
            for item, pair in zip(items, pairs, strict=True)
        )
    )


def _matches(item: object, dep: dict) -> bool:
    """Whether a body's input is the dependency `dep` (an id string, or a pattern given as JSON)."""
    if dep["id"].startswith("{"):  # pattern-matching (ALL): a list of objects with dict ids
        return isinstance(item, list) and all(
            isinstance(i, dict) and isinstance(i.get("id"), dict) and i.get("property") == dep["property"] for i in item
        )
    return isinstance(item, dict) and item.get("id") == dep["id"] and item.get("property") == dep["property"]


def response_key(environ: dict, body: bytes) -> tuple | None:
    """What a view's page, its layout or a server callback's answer depends on besides the store version
    and the host (`dashboard.cache.ResponseCache`): the path and query; for a layout, the page's address
    (its referrer, `dashboard.pageurl`); for a callback, its body. Anything else is not kept."""
    path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
    if environ["REQUEST_METHOD"] == "POST":
        return ("callback", hashlib.sha256(body).digest()) if path == CALLBACK_PATH else None
    if path == LAYOUT_PATH:
        page = urlparse(environ.get("HTTP_REFERER", ""))
        return ("layout", query, page.path, page.query)
    if (path.rstrip("/") or "/") in view_paths():
        return ("page", path, query)
    return None


class Watchdog:
    """Enforces the hard limit on a worker's requests: threads cannot be interrupted, so a request still
    running after `HARD_LIMIT` makes the worker stop gracefully (SIGTERM: its other requests finish, then
    gunicorn's graceful timeout ends the stuck one and the master starts a fresh worker). The caps keep
    every request far below it; this is the backstop for what they miss."""

    def __init__(self, limit: float = HARD_LIMIT, stop=lambda: os.kill(os.getpid(), signal.SIGTERM)) -> None:
        self.limit, self.stop = limit, stop
        self.running: dict[int, tuple[float, str]] = {}
        self._pid: int | None = None
        self._lock = threading.Lock()

    def begin(self) -> None:
        with self._lock:
            if self._pid != os.getpid():  # one watcher per worker process, started after the fork
                self._pid = os.getpid()
                threading.Thread(target=self._watch, daemon=True, name="request-watchdog").start()
            self.running[threading.get_ident()] = (time.monotonic(), request.path)

    def end(self) -> None:
        self.running.pop(threading.get_ident(), None)

    def overdue(self) -> list[str]:
        now = time.monotonic()
        return [path for started, path in list(self.running.values()) if now - started > self.limit]

    def _watch(self) -> None:
        while True:
            time.sleep(1.0)
            late = self.overdue()
            if late:
                log.critical("requests over %.0f s (%s): stopping this worker gracefully", self.limit, late[:3])
                self.stop()
                return


def register_edge(app: dash.Dash) -> None:
    server: Flask = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    # pages, layouts and callback answers asked for again are answered from memory, past Dash and pandas
    server.wsgi_app = ResponseCache(server.wsgi_app, response_key, lambda: current_atlas().version, max_body=MAX_BODY)
    app_csp = {framable: csp(app.csp_hashes(), framable) for framable in (True, False)}

    watchdog = Watchdog()

    @server.teardown_request
    def finished(_exc: BaseException | None) -> None:
        watchdog.end()

    @server.before_request
    def guard() -> Response | None:
        g.started = time.monotonic()
        watchdog.begin()
        if len(request.query_string) > MAX_QUERY:
            return page(414, "För lång adress", f"The address's query is longer than {MAX_QUERY} bytes.")
        rule = request.url_rule  # None: Flask answers the routing error itself (404, 405)
        path = request.path.rstrip("/") or "/"
        if rule is not None and rule.rule.endswith("<path:path>") and path not in view_paths():
            return not_found(NotFound())  # Dash's catch-all would serve the app shell on any path
        if request.path.endswith(CALLBACK_PATH) and request.method == "POST":
            check_callback_body(app)
        return None

    @server.after_request
    def headers(response: Response) -> Response:
        framable = request.path in embed_paths() and response.status_code < 400
        if "Content-Security-Policy" not in response.headers and response.mimetype not in SUBRESOURCE_TYPES:
            response.headers["Content-Security-Policy"] = app_csp[framable]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        return response

    @server.errorhandler(404)
    def not_found(_exc: HTTPException) -> Response:
        return page(404, "Sidan finns inte – Page not found", f"Det finns ingen sida på {request.path[:200]}.")

    @server.errorhandler(dash.exceptions.DependencyException)
    def unknown_dependency(_exc: Exception) -> Response:
        return not_found(NotFound())

    @server.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        if request.path.endswith(CALLBACK_PATH) or request.accept_mimetypes.best != "text/html":
            return Response(f"{exc.code} {exc.name}: {exc.description}\n", status=exc.code, mimetype="text/plain")
        return page(exc.code or 500, exc.name, exc.description or "")

    @server.errorhandler(InvalidInput)
    def invalid_input(exc: InvalidInput) -> Response:
        return Response(f"400 Bad Request: {exc}\n", status=400, mimetype="text/plain")

    @server.errorhandler(dash.exceptions.CallbackException)
    def callback_refused(exc: Exception) -> Response:
        """Dash's own checks of a callback request (outputs, context) refused a forged body."""
        if request.path.endswith(CALLBACK_PATH):
            return Response(f"400 Bad Request: {exc}\n", status=400, mimetype="text/plain")
        return internal_error(exc)

    @server.errorhandler(GeodataError)
    def store_error(exc: GeodataError) -> Response:
        if isinstance(exc, StoreMissingError) or exc.exit_code != 2:
            log.error("data store: %s", exc)
            return page(503, "Datalagret kan inte läsas – the data store cannot be read", str(exc))
        return page(400, "Ogiltig fråga – bad request", str(exc))

    @server.errorhandler(Exception)
    def internal_error(exc: Exception) -> Response:
        """A bug: logged with its traceback, a plain page for the reader (never a traceback)."""
        log.exception("unhandled error on %s", request.path)
        return page(500, "Internt fel – internal error", "Something went wrong; it has been logged.")

    @server.get("/healthz")
    def healthz() -> tuple[str, int]:
        return "ok", 200

    @server.get("/readyz")
    def readyz() -> Response:
        try:
            atlas = current_atlas()
            atlas.store.check()
            rows = atlas.values("befolkning", "riket", atlas.years("befolkning", "riket")[-1])
            if rows.empty:
                raise GeodataError("the store answers no population for Sweden")
        except Exception as exc:  # not ready, whatever the reason; say which
            return Response(f"not ready: {exc}\n", status=503, mimetype="text/plain")
        return Response(f"ready: store version {atlas.version}\n", mimetype="text/plain")

    @server.get("/robots.txt")
    def robots() -> Response:
        return Response(ROBOTS, mimetype="text/plain", headers={"Cache-Control": "public, max-age=86400"})
