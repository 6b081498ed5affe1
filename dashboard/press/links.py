"""Addresses of a view's embed, snapshots and downloads, and the embed snippet: one place builds them."""

from __future__ import annotations

import os

from markupsafe import escape

from dashboard.urlstate import (
    CompareState,
    SegregationState,
    ViewState,
    compare_to_search,
    segregation_to_search,
    to_search,
)

RESIZER = (
    '<script>window.addEventListener("message",function(e){var d=e.data;if(!d||!d["segatlas-height"])'
    'return;document.querySelectorAll("iframe[data-segatlas]").forEach(function(f){if(f.contentWindow==='
    'e.source)f.style.height=d["segatlas-height"]+"px"})});</script>'
)


DEFAULT_PUBLIC_URL = "http://127.0.0.1:8050"


def public_url() -> str:
    """The site's public address (`PUBLIC_URL`), for oEmbed answers: never taken from a request's Host."""
    return (os.environ.get("PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/")


def embed_snippet(embed_url: str, title: str, height: int) -> str:
    """An iframe and the tiny script that sizes it from the embed's height messages (as Datawrapper does)."""
    return (
        f'<iframe src="{escape(embed_url)}" title="{escape(title)}" loading="lazy" data-segatlas scrolling="no" '
        f'style="width:100%;border:0" height="{height}"></iframe>\n{RESIZER}'
    )


def map_links(state: ViewState) -> dict[str, str]:
    q = to_search(state)
    return {
        "embed": f"/embed/map{q}",
        "png": f"/snapshot/map.png{q}&scale=2",
        "svg": f"/snapshot/map.svg{q}",
        "csv": f"/download/map.csv{q}",
        "excel": f"/download/map.excel.csv{q}",
        "xlsx": f"/download/map.xlsx{q}",
        "geojson": f"/download/map.geojson{q}",
        "gpkg": f"/download/map.gpkg{q}",
        "view": f"/{q}",
    }


def chart_links(state: CompareState, kind: str) -> dict[str, str]:
    q = compare_to_search(state) + f"&chart={kind}"
    return {
        "embed": f"/embed/chart{q}",
        "png": f"/snapshot/chart.png{q}&scale=2",
        "svg": f"/snapshot/chart.svg{q}",
        "csv": f"/download/chart.csv{q}",
        "excel": f"/download/chart.excel.csv{q}",
        "xlsx": f"/download/chart.xlsx{q}",
        "view": f"/compare{compare_to_search(state)}",
    }


def segregation_links(state: SegregationState) -> dict[str, str]:
    q = segregation_to_search(state)
    return {
        "embed": f"/embed/segregation{q}",
        "png": f"/snapshot/segregation.png{q}&scale=2",
        "svg": f"/snapshot/segregation.svg{q}",
        "csv": f"/download/segregation.csv{q}",
        "excel": f"/download/segregation.excel.csv{q}",
        "xlsx": f"/download/segregation.xlsx{q}",
        "view": f"/segregation{q}",
    }
