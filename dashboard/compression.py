"""Compress every text response (HTML, JS, CSS, callback JSON, SVG, GeoJSON, CSV) with flask-compress.

Brotli when the client accepts it, else gzip; `Vary: Accept-Encoding` on every response. A response
that already carries a Content-Encoding (the pre-gzipped `/geo` route) is passed through untouched.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress

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
]


def enable_compression(server: Flask) -> None:
    server.config.update(
        COMPRESS_MIMETYPES=TEXT_TYPES,
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_ALGORITHM_STREAMING=["br", "gzip"],  # static files are streamed: same choice
        COMPRESS_BR_LEVEL=5,
    )
    Compress(server)
