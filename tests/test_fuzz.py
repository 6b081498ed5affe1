"""Property-based fuzzing through the Flask test client: no generated address and no forged callback body
ever gets a 5xx. Bounded examples; `HYPOTHESIS_PROFILE=ci` (set by `.ci/run`) makes them a fixed set,
`HYPOTHESIS_PROFILE=long` runs the benchmark-sized sweep (10,000 addresses, 500 bodies); `python -m
benchmarks.fuzz` sends the same kinds of addresses and bodies at random and counts the answers."""

from __future__ import annotations

import json
import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.dash_calls import callback_body

settings.register_profile("dev", max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("ci", parent=settings.get_profile("dev"), derandomize=True, print_blob=True)
settings.register_profile("long", parent=settings.get_profile("ci"), max_examples=10_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"

PATHS = [
    "/",
    "/compare",
    "/segregation",
    "/snapshot/map.svg",
    "/snapshot/map.png",
    "/snapshot/chart.svg",
    "/snapshot/chart.png",
    "/snapshot/segregation.svg",
    "/snapshot/segregation.png",
    "/embed/map",
    "/embed/chart",
    "/embed/segregation",
    "/download/map.csv",
    "/download/map.geojson",
    "/download/map.gpkg",
    "/download/chart.csv",
    "/download/segregation.csv",
    "/oembed",
    "/healthz",
    "/readyz",
    "/robots.txt",
    "/_dash-layout",
    "/_dash-dependencies",
    "/_dash-component-suites/dash/x.js",
    "/geo/x/deso/2025/1480.geojson",
]
KEYS = [
    "level",
    "municipality",
    "kommun",
    "indicator",
    "year",
    "år",
    "classes",
    "area",
    "areas",
    "layer",
    "lang",
    "measure",
    "group",
    "width",
    "scale",
    "chart",
    "format",
    "maxwidth",
    "maxheight",
    "url",
]
GOOD = [
    "deso",
    "regso",
    "kommun",
    "lan",
    "1480",
    "1480,1481",
    "0180",
    "1480,0180,1490",
    "1480C3050",
    "1480R044,1490R019",
    "utlandsk_bakgrund",
    "hyresratt",
    "omradestyp",
    "2022",
    "2025",
    "2018",
    "quantiles",
    "box",
    "lisa",
    "en",
    "sv",
    "theil",
    "exposure",
    "utbildning",
    "bar",
    "line",
    "xml",
    "json",
    "320",
    "800",
    "2400",
    "1",
    "3",
    "https://atlas.example/?municipality=1490",
    "https://atlas.example/compare?areas=1480R044",
    "https://atlas.example/segregation",
    "http://evil.example/",
]
ODD_VALUES = [
    "²",
    "٢٠٢٢",
    "-1",
    "0",
    "1e9",
    "nan",
    "inf",
    "99999999999",
    "",
    " ",
    ",,,",
    "%00",
    "<script>",
    "1480," * 40,
]
ODD = st.sampled_from(ODD_VALUES)
VALUES = st.one_of(st.sampled_from(GOOD), ODD, st.text(max_size=12), st.integers(-(10**12), 10**12).map(str))


@pytest.fixture(scope="module")
def client():
    from dashboard import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PUBLIC_URL", "https://atlas.example")
        yield create_app().server.test_client()


@given(path=st.sampled_from(PATHS), params=st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=6))
def test_no_generated_address_gets_a_5xx(client, path: str, params: list[tuple[str, str]]) -> None:
    query = "&".join(f"{quote(k)}={quote(v, safe=',')}" for k, v in params)
    res = client.get(f"{path}?{query}")
    assert res.status_code < 500, (path, query, res.status_code, res.get_data(as_text=True)[:500])


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10) | VALUES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def callbacks(client):
    app = client.application.extensions.get("dash_app")  # not set by Dash; fall back to a fresh app
    if app is None:
        from dashboard import create_app

        app = create_app()
    return app


@settings(max_examples=500 if LONG else 80)
@given(data=st.data())
def test_no_forged_callback_body_gets_a_5xx(client, callbacks, data) -> None:
    app = callbacks
    output = data.draw(st.sampled_from(sorted(app.callback_map)))
    spec = app.callback_map[output]
    names = [f"{d['id']}.{d['property']}" for d in (*spec["inputs"], *spec.get("state", []))]
    values = {name: data.draw(JSON) for name in names}
    body = callback_body(app, output, values, [data.draw(st.sampled_from(names))])
    mutation = data.draw(st.sampled_from(["none", "drop", "replace", "extra"]))
    if mutation == "drop":
        body.pop(data.draw(st.sampled_from(sorted(body))))
    elif mutation == "replace":
        body[data.draw(st.sampled_from(sorted(body)))] = data.draw(JSON)
    elif mutation == "extra":
        body[data.draw(st.text(max_size=8))] = data.draw(JSON)
    res = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert res.status_code < 500, (body, res.status_code, res.get_data(as_text=True)[:500])
