"""The web app: `create_app()` returns a Dash app whose `.server` gunicorn serves.

The web layer reads the data only through `geodata.queries` and `geodata.catalog`."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import html

from dashboard.compression import enable_compression
from dashboard.edge import VIEW_PATHS, register_edge
from dashboard.geo_routes import register_geo_routes
from dashboard.pageurl import page_path
from dashboard.press.routes import register_press_routes
from dashboard.views import compare, explore, segregation
from geodata.errors import GeodataError

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def page_for_path():
    """One layout per view, by its exact path (`dashboard.edge.VIEW_PATHS`): /compare, /segregation, /; without
    a readable store, what is wrong and how to build one."""
    path = page_path().rstrip("/") or "/"
    view = {VIEW_PATHS[1]: compare, VIEW_PATHS[2]: segregation}.get(path, explore)
    try:
        return view.layout()
    except GeodataError as exc:  # no store yet, or a damaged file (named in the message)
        return html.Main(
            [html.H1("Segregationsatlas"), html.P(str(exc), className="error", role="alert")], className="page"
        )


def create_app() -> dash.Dash:
    app = dash.Dash(
        __name__,
        title="Segregationsatlas",
        assets_folder=str(ASSETS),
        assets_path_ignore=["^vendor$"],  # the plotly.js bundle loads only when a chart mounts (plotly-bundle.js)
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.layout = page_for_path
    explore.register_explore_callbacks(app)
    compare.register_compare_callbacks(app)
    segregation.register_segregation_callbacks(app)
    register_edge(app)
    enable_compression(app.server)
    register_geo_routes(app.server)
    register_press_routes(app.server)
    return app
