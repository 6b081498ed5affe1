"""Every page leaves out Dash's scripts the atlas never runs, and keeps what its lazy loading needs."""

from __future__ import annotations

import re

import pytest

from dashboard import ASSETS, create_app


def test_pages_load_no_polyfill_and_no_dash_table_but_the_regenerator_runtime() -> None:
    html = create_app().server.test_client().get("/om").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert not [s for s in scripts if "polyfill" in s or "dash_table" in s]
    runtime = [s for s in scripts if "/assets/runtime/regenerator-runtime-" in s]
    assert len(runtime) == 1
    renderer = next(i for i, s in enumerate(scripts) if "dash_renderer" in s)
    assert scripts.index(runtime[0]) < renderer  # there before Dash starts loading components lazily
    vendored = next((ASSETS / "runtime").glob("regenerator-runtime-*.min.js"))
    assert (vendored.parent / vendored.name.replace(".min.js", ".LICENSE.txt")).is_file()


@pytest.mark.parametrize(
    ("path", "maps"),
    [
        ("/", True),
        ("/compare?areas=1480R044,1490R019", False),  # its locator map loads it when in view
        ("/segregation?municipality=1480", False),
        ("/om", False),
    ],
)
def test_only_pages_that_open_on_a_map_load_dash_leaflet(store_dir, path: str, maps: bool) -> None:
    html = create_app().server.test_client().get(path).get_data(as_text=True)
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert any("/dash_leaflet/" in s for s in scripts) == maps
    assert any("dash_renderer" in s for s in scripts)
    inert = re.findall(r'<script type="text/x-lazy" data-namespace="dash_leaflet" data-src="([^"]+)"></script>', html)
    assert len(inert) == (0 if maps else 1)  # the others carry it inert, for a map that comes into view
    assert all("/_dash-component-suites/dash_leaflet/dash_leaflet" in s for s in inert)
