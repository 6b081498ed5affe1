"""The web app: `create_app()` returns a Dash app whose `.server` gunicorn serves.

The web layer reads the data only through `geodata.queries` and `geodata.catalog`."""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard.geo_routes import register_geo_routes
from dashboard.views.explore import layout, register_explore_callbacks

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app() -> dash.Dash:
    app = dash.Dash(
        __name__,
        title="Segregationsatlas",
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.layout = layout
    register_explore_callbacks(app)
    register_geo_routes(app.server)

    @app.server.get("/healthz")
    def healthz() -> tuple[str, int]:
        return "ok", 200

    return app
