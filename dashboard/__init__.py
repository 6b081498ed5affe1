"""The web app: `create_app()` returns a Dash app whose `.server` gunicorn serves.

The web layer reads the data only through `geodata.queries` and `geodata.catalog`."""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard.layout import build_layout, register_callbacks

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def create_app() -> dash.Dash:
    app = dash.Dash(
        __name__,
        title="Segregationsatlas",
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.layout = build_layout
    register_callbacks(app)

    @app.server.get("/healthz")
    def healthz() -> tuple[str, int]:
        return "ok", 200

    return app
