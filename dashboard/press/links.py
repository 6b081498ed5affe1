"""Addresses of a view's embed, snapshots and downloads, and the embed snippet: one place builds them."""

from __future__ import annotations

import os

from markupsafe import escape

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


def press_links(name: str, path: str, search: str, variant: str = "", downloads: tuple[str, ...] = ()) -> dict:
    """A view's page (`view`), embed, PNG and SVG, and one link per download format (`excel` for
    `excel.csv`); `variant` (e.g. `&chart=line`) picks what the press routes draw, not the page."""
    q = search + variant
    links = {"embed": f"/embed/{name}{q}", "png": f"/snapshot/{name}.png{q}&scale=2", "svg": f"/snapshot/{name}.svg{q}"}
    links.update({fmt.split(".")[0]: f"/download/{name}.{fmt}{q}" for fmt in downloads})
    links["view"] = path + search
    return links
