"""The web app: `create_app()` returns a Dash app whose `.server` gunicorn serves.

The web layer reads the data only through `geodata.queries` and `geodata.catalog`."""

from __future__ import annotations

from pathlib import Path

import dash

from dashboard.geo_routes import register_geo_routes
from dashboard.pageurl import page_path, page_search
from dashboard.press.routes import register_press_routes
from dashboard.urlstate import lang_of
from dashboard.views import about, compare, explore, segregation

ASSETS = Path(__file__).resolve().parent.parent / "assets"

# Dash's own page, with the page's language on <html> and its scripts outside any landmark (Dash puts
# them in a <footer>, which would be a second "contentinfo" beside the page's own footer).
INDEX = """<!DOCTYPE html>
<html lang="{lang}">
    <head>
        {%metas%}
        <title>{%title%}</title>
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


class AtlasDash(dash.Dash):
    """Dash with `<html lang>` set per request from the page's `lang` parameter."""

    def interpolate_index(self, **kwargs) -> str:
        return super().interpolate_index(**kwargs).replace("{lang}", lang_of(page_search()), 1)


def page_for_path():
    """One layout per view, by path: /compare, /segregation, /om, /tillganglighet, else the explore view."""
    path = page_path().rstrip("/")
    if path.endswith("/compare"):
        return compare.layout()
    if path.endswith("/segregation"):
        return segregation.layout()
    if path.endswith("/om"):
        return about.layout()
    if path.endswith("/tillganglighet"):
        return about.statement_layout()
    return explore.layout()


def create_app() -> dash.Dash:
    app = AtlasDash(
        __name__,
        title="Segregationsatlas",
        assets_folder=str(ASSETS),
        suppress_callback_exceptions=True,
        update_title=None,
        index_string=INDEX,
    )
    app.layout = page_for_path
    explore.register_explore_callbacks(app)
    compare.register_compare_callbacks(app)
    segregation.register_segregation_callbacks(app)
    register_geo_routes(app.server)
    register_press_routes(app.server)

    @app.server.get("/healthz")
    def healthz() -> tuple[str, int]:
        return "ok", 200

    return app
