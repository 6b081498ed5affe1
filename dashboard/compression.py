"""Compress every text response (HTML, JS, CSS, callback JSON, SVG, GeoJSON, CSV, icons) with flask-compress.

Brotli when the client accepts it, else gzip; `Vary: Accept-Encoding` on every response. A response
that already carries a Content-Encoding is passed through untouched.

Static files (Dash's component bundles, `/assets/`, the favicon) and map geometry (`/geo/`, immutable per
address) are the same bytes for every request,
and most of a page's weight: they are compressed once per worker at the highest level (brotli 11,
gzip 9) by a background thread of the lowest CPU priority, and served from memory thereafter. Until
that copy is ready a request gets flask-compress's quick per-request level, so no request waits for
the slow one. Fingerprinted files (`?m=` on assets, `?v=` on the favicon, a version in the file name)
are cached by the browser for a year.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

import brotli
from flask import Flask, Response, current_app, request
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm

TEXT_TYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "image/svg+xml",
    "image/x-icon",
    "image/vnd.microsoft.icon",
]
ALGORITHMS = ("br", "gzip")
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/_favicon.ico", "/geo/")
YEAR = 31_536_000
MAX_ENTRIES = 512  # (file, encoding) pairs: far more than the app has; a bound, not a tuning knob


def encoding_for(mimetype: str, size: int) -> str | None:
    """The encoding a response of this type and size gets for this request (None: sent as it is) — the
    choice flask-compress makes, also for the bodies compressed here (static files, press downloads)."""
    config, kind = current_app.config, mimetype.split(";")[0].strip()
    if kind not in config.get("COMPRESS_MIMETYPES", ()) or size < config.get("COMPRESS_MIN_SIZE", 500):
        return None
    return _choose_algorithm(tuple(config.get("COMPRESS_ALGORITHM", ())), request.headers.get("Accept-Encoding", ""))


def _lowest_priority() -> None:
    """Let the compressing thread yield the CPU to request threads (Linux nices threads one by one)."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


def best(data: bytes, algorithm: str) -> bytes:
    """`data` compressed at the highest level of `algorithm`."""
    if algorithm == "br":
        return brotli.compress(data, quality=11)
    return gzip.compress(data, compresslevel=9, mtime=0)


class StaticCache:
    """Highest-level compressed copies of static files, keyed by (path, content checksum, encoding), filled
    by one background thread per process."""

    def __init__(self) -> None:
        self.copies: dict[tuple[str, int, str], bytes] = {}
        self.pending: set[tuple[str, int, str]] = set()
        self.lock = threading.Lock()
        self.pid = -1
        self.pool: ThreadPoolExecutor | None = None

    def get(self, key: tuple[str, int, str], data: bytes) -> bytes | None:
        """The stored copy, or None after queueing its compression (once)."""
        with self.lock:
            if key in self.copies:
                return self.copies[key]
            if key in self.pending or len(self.copies) >= MAX_ENTRIES:
                return None
            self.pending.add(key)
            if self.pid != os.getpid():  # a pool made before a fork has no thread in the child
                self.pid, self.pool = os.getpid(), ThreadPoolExecutor(max_workers=1, initializer=_lowest_priority)
            pool = self.pool
        assert pool is not None
        pool.submit(self._fill, key, data)
        return None

    def drain(self) -> None:
        """Wait until every queued copy is stored (its one thread runs them in order)."""
        if self.pool is not None and self.pid == os.getpid():
            self.pool.submit(lambda: None).result()

    def _fill(self, key: tuple[str, int, str], data: bytes) -> None:
        copy = best(data, key[2])
        with self.lock:
            self.copies[key] = copy
            self.pending.discard(key)


def serve_static_compressed(cache: StaticCache, response: Response) -> Response:
    """After-request hook: a static file's highest-level copy when it is ready, and a year's caching for
    fingerprinted files. Anything else passes on to flask-compress unchanged."""
    if request.method not in ("GET", "HEAD") or not request.path.startswith(STATIC_PREFIXES):
        return response
    if "m" in request.args or "v" in request.args or request.path.startswith("/assets/vendor/"):
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.no_cache = None
    if response.status_code != 200 or "Content-Encoding" in response.headers:
        return response
    size = response.content_length
    if size is not None and encoding_for(response.mimetype, size) is None:
        return response  # sent as it is: no need to read the file
    response.direct_passthrough = False
    data = response.get_data()
    algorithm = encoding_for(response.mimetype, len(data))
    if algorithm is None:
        return response
    copy = cache.get((request.path, zlib.crc32(data), algorithm), data)
    if copy is None:
        return response  # flask-compress compresses this one at its quick level
    response.set_data(copy)
    response.headers["Content-Encoding"] = algorithm
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(f"{etag}:{algorithm}")
    return response.make_conditional(request)


def enable_compression(server: Flask) -> None:
    server.config.update(
        COMPRESS_MIMETYPES=TEXT_TYPES,
        COMPRESS_ALGORITHM=list(ALGORITHMS),
        COMPRESS_ALGORITHM_STREAMING=list(ALGORITHMS),  # static files are streamed: same choice
        COMPRESS_BR_LEVEL=5,
    )
    Compress(server)
    cache = server.extensions["static_compression"] = StaticCache()
    # registered after flask-compress, so it runs first (Flask runs after-request hooks in reverse)
    server.after_request(lambda response: serve_static_compressed(cache, response))
