"""Leave out Dash's scripts that a page would otherwise download and never run.

- `@babel/polyfill` (99 kB, 30 kB compressed): core-js for browsers older than any the app supports.
  The one thing Dash's bundles take from it is the global `regeneratorRuntime`, which they call when
  a component loads lazily; `assets/runtime/regenerator-runtime-*.min.js` (7 kB) provides that alone.
- `dash_table` (34 kB, 9 kB compressed): the app draws no DataTable.

Dash lists both in module-level tables that every `Dash` app reads when it writes its page, so they
are taken out of those tables, once per process. And dash-leaflet (82 kB compressed, the page's costliest
script to evaluate) is loaded with the page only by views whose first view is a map (`View.maps`); the
other pages carry its tag inert (`type="text/x-lazy"`), for `assets/lazy.js` to load when a map comes into
view (compare's locator, `dashboard.components.lazy`).
"""

from __future__ import annotations

import re

from dash import _dash_renderer, dash_table

LEAFLET_SCRIPT = re.compile(r'<script[^>]* src="([^"]*/_dash-component-suites/dash_leaflet/[^"]*)"></script>')
INERT_LEAFLET = r'<script type="text/x-lazy" data-namespace="dash_leaflet" data-src="\1"></script>'


def without_polyfill(paths: list[str]) -> list[str]:
    return [p for p in paths if "polyfill@" not in p]


def trim_dash_scripts() -> None:
    for dependency in _dash_renderer._js_dist_dependencies:
        for key in ("relative_package_path", "external_url"):
            modes = dependency.get(key, {})
            for mode, paths in modes.items():
                modes[mode] = without_polyfill(paths)
    dash_table._js_dist.clear()


def page_scripts(scripts: str, maps: bool) -> str:
    """The page's script tags, deferred (they do not hold up the first paint; `dashboard.RENDERER` starts
    Dash after them), dash-leaflet's inert (loaded on demand) unless its view opens on a map."""
    kept = scripts if maps else LEAFLET_SCRIPT.sub(INERT_LEAFLET, scripts)
    return kept.replace("<script src=", "<script defer src=")
