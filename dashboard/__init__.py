"""The web app: `create_app()` returns a Dash app whose `.server` gunicorn serves.

The web layer reads the data only through `geodata.queries` and `geodata.catalog`."""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard.compression import enable_compression
from dashboard.geo_routes import register_geo_routes
from dashboard.pageurl import page_path
from dashboard.press.routes import register_press_routes
from dashboard.views import compare, explore, segregation

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def page_for_path():
    """One layout per view, by path: /compare, /segregation, else the explore view."""
    path = page_path().rstrip("/")
    if path.endswith("/compare"):
        return compare.layout()
    if path.endswith("/segregation"):
        return segregation.layout()
    return explore.layout()


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
    enable_compression(app.server)
    register_geo_routes(app.server)
    register_press_routes(app.server)

    @app.server.get("/healthz")
    def healthz() -> tuple[str, int]:
        return "ok", 200

    return app
