"""The page's own path and query string while Dash builds a layout.

Dash fetches layouts from `/_dash-layout`; the page's address is then the request's referrer.
"""

from __future__ import annotations

from urllib.parse import urlparse

from flask import has_request_context, request


def _page_url() -> tuple[str, str]:
    if not has_request_context():
        return "/", ""
    if request.path.endswith("_dash-layout") and request.referrer:
        url = urlparse(request.referrer)
        return url.path, url.query
    return request.path, request.query_string.decode()


def page_path() -> str:
    return _page_url()[0]


def page_search() -> str:
    return "?" + _page_url()[1]
