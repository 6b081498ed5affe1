"""The web app: `create_app()` returns a Dash app whose `.server` gunicorn serves.

The web layer reads the data only through `geodata.queries` and `geodata.catalog`."""

from __future__ import annotations

from pathlib import Path

import dash
from markupsafe import escape

from dashboard import registry
from dashboard.bundles import page_scripts, trim_dash_scripts
from dashboard.by_version import by_store_version
from dashboard.components.chrome import missing_store
from dashboard.components.lazy import register_lazy
from dashboard.compression import enable_compression
from dashboard.edge import register_edge
from dashboard.geo_routes import register_geo_routes
from dashboard.pageurl import page_path, page_search
from dashboard.prerender import first_paint
from dashboard.press.meta import head_tags, page_meta
from dashboard.press.routes import register_press_routes
from dashboard.urlstate import lang_of
from dashboard.viewtypes import View
from geodata.errors import GeodataError
from geodata.queries import Atlas, current_atlas

ASSETS = Path(__file__).resolve().parent.parent / "assets"

# Dash's own page, with the page's language on <html> and its scripts outside any landmark (Dash puts
# them in a <footer>, which would be a second "contentinfo" beside the page's own footer).
INDEX = """<!DOCTYPE html>
<html lang="{lang}">
    <head>
        {%metas%}
        <title>{page_title}</title>
        {page_meta}
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""


# Dash's scripts load with `defer`: they no longer hold up the first paint (the HTML above them), and run
# in their order once the page is parsed; the renderer starts after the last of them.
RENDERER = 'document.addEventListener("DOMContentLoaded", function () { window.renderer = new DashRenderer(); });'


class AtlasDash(dash.Dash):
    """Dash with the page's language on `<html lang>`, its own title, description, link-preview tags
    and oEmbed discovery in `<head>` (`dashboard.press.meta`), the page's first paint as HTML before
    Dash's entry point (`dashboard.prerender`), per request, and its scripts deferred (`RENDERER`)."""

    def interpolate_index(self, **kwargs) -> str:
        search, lang, path = page_search(), lang_of(page_search()), page_path().rstrip("/") or "/"
        kwargs["app_entry"] = first_paint(page_for_path()) + kwargs["app_entry"]
        kwargs["scripts"] = page_scripts(kwargs["scripts"], page_view(path).maps)
        meta = page_meta(path, search)
        title = escape(f"{meta.title} · {self.title}" if meta.title != self.title else meta.title)
        page = super().interpolate_index(**kwargs)
        return (
            page.replace("{lang}", lang, 1)
            .replace("{page_title}", title, 1)
            .replace("{page_meta}", head_tags(meta, lang), 1)
        )


def page_view(path: str) -> View:
    """The registered view of a page's exact path (`dashboard.registry`), else the first (explore)."""
    return registry.view_at(path) or registry.VIEWS[0]


def page_for_path():
    """The layout of the page's view; without a readable store, what is wrong and how to build one, inside
    the same page chrome."""
    view = page_view(page_path().rstrip("/") or "/")
    try:
        return view_layout(current_atlas(), view.path, page_search())
    except GeodataError as exc:  # no store yet, or a damaged file (named in the message)
        return missing_store(view.path, lang_of(page_search()), "lang-link", str(exc))


@by_store_version(maxsize=64)
def view_layout(_atlas: Atlas, path: str, _search: str):
    """A view's layout for an address, kept per store version: the page's first paint and Dash's layout
    request that follows it (`_dash-layout`) are drawn once. The layout reads the address itself."""
    return registry.view_at(path).layout()


def create_app() -> dash.Dash:
    app = AtlasDash(
        __name__,
        title="Segregationsatlas",
        assets_folder=str(ASSETS),
        assets_path_ignore=["^vendor$"],  # the plotly.js bundle loads only when a chart mounts (plotly-bundle.js)
        suppress_callback_exceptions=True,
        update_title=None,
        index_string=INDEX,
    )
    app.renderer = RENDERER
    trim_dash_scripts()  # no @babel/polyfill, no dash_table: scripts no page runs (dashboard/bundles.py)
    app.layout = page_for_path
    register_lazy(app)
    for view in registry.VIEWS:
        if view.callbacks:
            view.callbacks(app)
    register_edge(app)
    enable_compression(app.server)
    register_geo_routes(app.server)
    register_press_routes(app.server)
    return app
