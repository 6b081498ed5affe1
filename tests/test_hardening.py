"""Hardening: every input checked at the edge (4xx with a message, never 5xx), forged callbacks, frame
rules and security headers, oEmbed per the spec, bounded and checked renders, the shared cache (disk and a
real Redis), health and readiness, a damaged store, standards-true downloads."""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import shapely

from tests.dash_calls import call, callback_body, find_output
from tests.test_explore_browser import DRAWN

MAP_Q = "level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&classes=quantiles&lang=sv"
CHART_Q = "areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023&lang=sv"
SEG_Q = "municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022&level=deso&lang=sv"
SITE = "https://atlas.example"


@pytest.fixture(scope="module")
def app():
    from dashboard import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PUBLIC_URL", SITE)
        yield create_app()


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def directives(response) -> dict[str, str]:
    return dict(d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";"))


# ---------------------------------------------------------------- input at the edge


def test_a_year_that_only_looks_like_digits_falls_back_on_every_route(client) -> None:
    from dashboard.urlstate import parse_year

    assert [parse_year(t) for t in ("2022", "²", "٢٠٢٢", "0999", "99999", "", None, " 2022")] == [2022] + [None] * 7
    for path in (
        "/?year=²",
        "/snapshot/map.svg?municipality=1490&year=²",
        "/download/map.csv?municipality=1490&year=²",
        "/download/chart.csv?areas=1480R044&year=²",
        "/download/segregation.csv?year=²",
        "/embed/segregation?year=²&width=400",
    ):
        assert client.get(path).status_code == 200, path


def test_municipality_lists_are_capped_with_a_notice(atlas) -> None:
    from dashboard.urlstate import MAX_MUNICIPALITIES, MAX_SEGREGATION_MUNICIPALITIES, parse, parse_segregation

    every = ",".join(sorted(atlas.municipality_codes()))
    state, notices = parse(f"?municipality={every}", atlas)
    assert len(state.municipalities) == MAX_MUNICIPALITIES
    assert sum(n.key == "too_many_municipalities" for n in notices) == 290 - MAX_MUNICIPALITIES
    seg, _ = parse_segregation(f"?municipality={every}", atlas)
    assert len(seg.municipalities) == MAX_SEGREGATION_MUNICIPALITIES


def test_unknown_paths_are_a_real_404_and_only_the_views_serve_the_app(client) -> None:
    for path in ("/nope", "/embed/map/", "/embed/x/compare", "/x/segregation", "/_dash-component-suites/nope/x.js"):
        res = client.get(path, headers={"Accept": "text/html"})
        assert res.status_code == 404, path
        assert "_dash-config" not in res.get_data(as_text=True) and "frame-ancestors 'self'" in str(res.headers)
    for path in ("/", "/compare", "/segregation", "/segregation/"):
        assert "_dash-config" in client.get(path).get_data(as_text=True), path
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and robots.mimetype == "text/plain" and "Disallow: /snapshot/" in robots.text


def test_headers_are_set_and_only_the_embed_routes_may_be_framed(client) -> None:
    for path in ("/", "/compare", f"/snapshot/map.svg?{MAP_Q}", "/healthz", "/embed/nope"):
        res = client.get(path)
        assert res.headers["X-Content-Type-Options"] == "nosniff"
        assert res.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        policy = directives(res)
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
        assert "'unsafe-eval'" not in policy["script-src"] and policy["frame-ancestors"] == "'self'", path
    embed = client.get(f"/embed/map?{MAP_Q}")
    assert directives(embed)["frame-ancestors"] == "*" and "'sha256-" in directives(embed)["script-src"]
    script = client.get("/assets/map.js")  # a page's script runs under the page's policy: it needs none of its own
    assert script.status_code == 200 and "Content-Security-Policy" not in script.headers
    assert script.headers["X-Content-Type-Options"] == "nosniff"
    long_lived = [
        p for p in ("/", f"/snapshot/map.svg?{MAP_Q}", "/robots.txt") if "immutable" in str(client.get(p).headers)
    ]
    assert long_lived == []  # only versioned addresses (/geo/<version>/…) are kept for a year


def test_bodies_and_query_strings_are_bounded(client) -> None:
    assert (
        client.post("/_dash-update-component", data=b"x" * 200_000, content_type="application/json").status_code == 413
    )
    assert client.get("/?municipality=" + "1480," * 2000).status_code == 414


def test_the_segregation_view_and_csv_for_a_municipality_without_measures(client, app) -> None:
    res = call(client, app, "seg-state.data", {"seg-url.search": "?municipality=0180&group=hyresratt"})
    assert res.status_code == 200
    state = res.json["response"]["seg-state"]["data"]
    assert state["municipalities"] == ["0180"]
    assert call(client, app, "seg-body.children", {"seg-state.data": state}).status_code == 200
    csv = client.get("/download/segregation.csv?municipality=0180&group=hyresratt")
    assert csv.status_code == 200 and csv.text.startswith("\ufeffkommun,")  # a BOM, for Excel
    assert client.get("/snapshot/segregation.svg?municipality=0180&group=hyresratt").status_code == 200


def test_compare_search_without_a_match_offers_nothing(client, app) -> None:
    res = call(client, app, "compare-search.options", {"compare-search.search_value": "zzqqxx"})
    assert res.status_code == 200 and res.json["response"]["compare-search"]["options"] == []


FORGED_STATES = [
    None,
    [],
    "x",
    {"municipalities": 1480},
    {"municipalities": [1480]},
    {"nope": 1},
    {"year": {"a": 1}},
    {"lang": True},
    {"municipalities": ["1480"], "year": "²", "level": "x", "indicator": None, "lang": "xx"},
]


@pytest.mark.parametrize("store", ["state", "compare-state", "seg-state"])
def test_forged_callback_values_get_400_or_a_fallback_never_500(client, app, store: str) -> None:
    renders = {"state": "map-style.data", "compare-state": "compare-body.children", "seg-state": "seg-body.children"}
    for data in FORGED_STATES:
        res = call(client, app, renders[store], {f"{store}.data": data})
        assert res.status_code in (200, 204, 400), (data, res.status_code, res.text[:300])
        if store == "state" and isinstance(data, dict) and data.get("year") == "²":
            assert res.status_code == 200  # odd values fall back as in the URL
    controls = {
        "year.value": ["²", 2.5, {"x": 1}, True, "1900"],
        "municipality.value": [7, [7], "1480", ["zz"]],
        "areas.clickData": [1, {"properties": 1}, {"properties": {"code": 5}}, {"properties": {"code": "zz"}}],
        "layer.value": [3, ["lisa"], "lisa"],
    }
    if store == "state":
        good = {"level": "deso", "municipalities": ["1480"], "indicator": "utlandsk_bakgrund", "year": 2022}
        for control, values in controls.items():
            for value in values:
                res = call(client, app, "state.data", {"state.data": good, control: value}, changed=[control])
                assert res.status_code in (200, 204, 400), (control, value, res.text[:300])


def test_forged_callback_bodies_get_400(client, app) -> None:
    output = find_output(app, "seg-body.children")
    good = callback_body(app, output, {"seg-state.data": {}}, ["seg-state.data"])
    forged = [
        b"",
        b"not json",
        b"[]",
        b"{}",
        json.dumps({"output": "nope.children", "inputs": []}).encode(),
        json.dumps({**good, "inputs": []}).encode(),
        json.dumps({**good, "inputs": "x"}).encode(),
        json.dumps({**good, "inputs": [{"id": "other", "property": "data", "value": {}}]}).encode(),
        json.dumps({**good, "outputs": 5}).encode(),
        json.dumps({**good, "changedPropIds": [1]}).encode(),
        json.dumps({**good, "state": [1]}).encode(),
    ]
    for body in forged:
        res = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert res.status_code == 400, (body, res.status_code, res.text[:200])
    assert client.post("/_dash-update-component", json=good).status_code == 200


# ---------------------------------------------------------------- oEmbed


def test_oembed_only_for_this_sites_addresses_and_never_from_the_host_header(client) -> None:
    assert client.get("/oembed", query_string={"url": f"https://evil.example/?{MAP_Q}"}).status_code == 404
    res = client.get("/oembed", query_string={"url": f"{SITE}/?{MAP_Q}"}, headers={"Host": "evil.example"})
    data = res.json
    assert res.status_code == 200 and "evil" not in res.text
    assert data["provider_url"] == SITE + "/" and f'src="{SITE}/embed/map?' in data["html"]


def test_oembed_honours_maxwidth_and_maxheight_or_says_501(client) -> None:
    url = f"{SITE}/compare?{CHART_Q}"
    small = client.get("/oembed", query_string={"url": url, "maxwidth": 450}).json
    assert small["width"] <= 450 and f"width={small['width']}" in small["html"]
    low = client.get("/oembed", query_string={"url": url, "maxwidth": 1000, "maxheight": 400}).json
    assert low["height"] <= 400 and low["width"] <= 1000
    assert client.get("/oembed", query_string={"url": url, "maxwidth": 100}).status_code == 501
    assert client.get("/oembed", query_string={"url": url, "maxheight": 50}).status_code == 501
    assert client.get("/oembed", query_string={"url": url, "maxwidth": "wide"}).status_code == 400
    assert client.get("/oembed", query_string={"url": url, "format": "yaml"}).status_code == 501
    xml = client.get("/oembed", query_string={"url": url, "format": "xml", "maxwidth": 600})
    root = ET.fromstring(xml.data)
    assert xml.mimetype == "text/xml" and root.tag == "oembed"
    assert root.findtext("version") == "1.0" and root.findtext("type") == "rich" and root.findtext("width") == "600"


# ---------------------------------------------------------------- renders and the cache


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", body[16:24])


def test_sizes_are_snapped_and_pixels_capped(client) -> None:
    from dashboard.press.routes import MAX_PIXEL_WIDTH

    png = client.get(f"/snapshot/map.png?{MAP_Q}&width=803&scale=1.4")
    assert png_size(png.data)[0] == 800
    big = client.get(f"/snapshot/map.png?{MAP_Q}&width=2400&scale=3")
    assert big.status_code == 200 and png_size(big.data)[0] <= MAX_PIXEL_WIDTH
    for bad in ("width=-5", "width=1e9", "scale=nan", "scale=inf", "width=²"):
        assert client.get(f"/snapshot/map.png?{MAP_Q}&{bad}").status_code == 400, bad


def test_every_segregation_snapshot_is_a_whole_picture(client, atlas) -> None:
    every = ",".join(sorted(atlas.municipality_codes()))
    res = client.get(f"/snapshot/segregation.png?municipality={every}&width=2400&scale=3")
    assert res.status_code == 200 and len(res.data) > 10_000 and png_size(res.data)[0] <= 3200


def test_a_failed_render_is_answered_503_and_never_cached(client, monkeypatch) -> None:
    import dashboard.press.pictures as pictures

    q = f"/snapshot/map.png?{MAP_Q}&width=480&scale=3"
    monkeypatch.setattr(pictures, "render_map", lambda *a, **k: b"abc")
    res = client.get(q)
    assert res.status_code == 503 and "no-store" in res.headers["Cache-Control"]
    monkeypatch.undo()
    assert png_size(client.get(q).data)[0] == 1440


def test_the_disk_cache_is_shared_atomic_and_keyed_by_version(tmp_path: Path) -> None:
    from dashboard.cache import DiskCache

    (tmp_path / "versions" / "v1").mkdir(parents=True)
    cache = DiskCache(tmp_path / "cache")
    cache.put("v1", "ab" * 32, b"one")
    assert DiskCache(tmp_path / "cache").get("v1", "ab" * 32) == b"one"  # another worker sees it
    assert cache.get("v2", "ab" * 32) is None  # a rebuild misses, nothing flushed
    assert not list((tmp_path / "cache").rglob(".tmp-*"))
    (tmp_path / "versions" / "v1").rename(tmp_path / "versions" / "v3")
    cache.put("v3", "cd" * 32, b"three")  # v1 has left the store: its entries go
    assert not (tmp_path / "cache" / "v1").exists() and cache.get("v3", "cd" * 32) == b"three"


def test_redis_holds_renders_for_every_worker(client, redis_url: str, monkeypatch) -> None:
    import redis

    from dashboard.cache import backend

    monkeypatch.setenv("REDIS_URL", redis_url)
    r = redis.Redis.from_url(redis_url)
    before = set(r.scan_iter("segatlas:*"))
    first = client.get(f"/snapshot/map.svg?{MAP_Q}&width=480")
    keys = set(r.scan_iter("segatlas:*")) - before
    assert first.status_code == 200 and len(keys) == 1
    (key,) = keys
    version = key.decode().split(":")[1]
    assert r.get(key) == first.data and r.ttl(key) > 0 and type(backend()).__name__ == "RedisCache"
    r.set(key, b"<svg from another machine/>")
    assert client.get(f"/snapshot/map.svg?{MAP_Q}&width=480").data == b"<svg from another machine/>"
    from geodata.queries import current_atlas

    assert version == current_atlas().version


def test_rendering_twenty_distinct_pngs_returns_its_memory(client) -> None:
    psutil = pytest.importorskip("psutil")
    proc = psutil.Process()
    client.get(f"/snapshot/map.png?{MAP_Q}&width=320")  # warm: fonts, imports
    before = proc.memory_full_info().uss
    indicators = ["utlandsk_bakgrund", "hyresratt", "bostadsratt", "eftergymnasial", "befolkning"]
    for i in range(20):
        q = f"municipality=1480,1481&indicator={indicators[i % 5]}&width={(800, 1000, 1200, 1600)[i // 5]}&scale=2"
        assert client.get(f"/snapshot/map.png?{q}").status_code == 200
    growth = (proc.memory_full_info().uss - before) / 2**20
    assert growth < 250, f"{growth:.0f} MB kept after 20 renders"


# ---------------------------------------------------------------- health and a damaged store


def test_health_and_readiness(client) -> None:
    assert client.get("/healthz").text == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.text.startswith("ready")


def test_a_damaged_store_is_named_by_readyz_the_page_and_the_cli(store_dir: Path, tmp_path: Path, monkeypatch) -> None:
    from dashboard import create_app
    from geodata.store import current_version_dir

    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy, ignore=shutil.ignore_patterns("cache"))
    damaged = current_version_dir(copy) / "values.parquet"
    damaged.write_bytes(damaged.read_bytes()[:1000])
    monkeypatch.setenv("GEODATA_STORE", str(copy))
    client = create_app().server.test_client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503 and "values.parquet" in ready.text
    page = client.get("/download/map.csv?municipality=1480", headers={"Accept": "text/html"})
    assert page.status_code == 503 and "values.parquet" in page.text and "Traceback" not in page.text
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "prepare"],
        env={"GEODATA_STORE": str(copy), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3 and "values.parquet" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- downloads


def test_geojson_follows_rfc_7946_and_every_feature_carries_the_metadata(client) -> None:
    geo = json.loads(client.get(f"/download/map.geojson?{MAP_Q}").data)
    features = geo["features"]
    assert len(features) == 362 and "crs" not in geo
    for f in features:
        props = f["properties"]
        assert props["year"] == 2022 and isinstance(props["year"], int)
        assert props["indicator"] == "utlandsk_bakgrund" and props["scb_table"] and props["name"]
        shape = shapely.geometry.shape(f["geometry"])
        for poly in getattr(shape, "geoms", [shape]):
            assert poly.exterior.is_ccw and not any(ring.is_ccw for ring in poly.interiors)
        x = f["geometry"]["coordinates"][0][0][0] if f["geometry"]["type"] == "Polygon" else None
        if x is not None:
            assert len(repr(x).split(".")[-1]) <= 6
    assert any(f["properties"]["value"] is None for f in features)  # areas without a value keep their metadata


def test_the_geopackage_describes_its_layer(client) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.gpkg"
        path.write_bytes(client.get(f"/download/map.gpkg?{MAP_Q}").data)
        info = pyogrio.read_info(path)
        frame = pyogrio.read_dataframe(path)
        import sqlite3

        with sqlite3.connect(path) as db:
            (description,) = db.execute("select description from gpkg_contents").fetchone()
    assert "Utländsk bakgrund 2022" in description and "Källa: SCB" in description
    assert info["layer_metadata"]["scb_table"] == "TAB6571 (FolkmDesoBakgrKon)"
    assert frame["year"].dtype.kind == "i" and frame["indicator"].notna().all()
    csv = pd.read_csv(io.BytesIO(client.get(f"/download/map.csv?{MAP_Q}").data))
    assert csv["year"].dtype.kind == "i"


# ---------------------------------------------------------------- the policy in a real browser


def test_the_views_and_an_embed_run_under_the_policy_without_a_violation(page) -> None:
    """Every view draws (Dash's inline script by hash, plotly and Leaflet styles) and the basemap toggle
    asks for OpenStreetMap tiles; no policy violation is reported on the console."""
    page.add_init_script(
        "window.__csp=[];document.addEventListener('securitypolicyviolation',"
        "e=>window.__csp.push(e.violatedDirective+' '+e.blockedURI));"
    )
    page.goto(page.base + f"/?{MAP_Q}")
    page.wait_for_function(f"() => ({DRAWN})() > 300", timeout=30_000)
    page.locator(".leaflet-control-layers").hover()
    page.locator(".leaflet-control-layers-overlays input").check()
    page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile').length > 0")
    assert page.evaluate("() => window.__csp") == []
    for path in (f"/compare?{CHART_Q}", f"/segregation?{SEG_Q}"):
        page.goto(page.base + path)
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 1", timeout=30_000
        )
        assert page.evaluate("() => window.__csp") == [], path
    page.goto(page.base + f"/embed/map?{MAP_Q}&width=600")
    page.wait_for_function("() => document.querySelector('img').complete")
    assert page.evaluate("() => window.__csp") == []
    assert not [e for e in page.errors if "Content Security Policy" in e and "tile.openstreetmap" not in e]


def test_a_request_over_the_hard_limit_stops_its_worker_gracefully(app) -> None:
    import threading

    from dashboard.edge import Watchdog

    stopped = threading.Event()
    dog = Watchdog(limit=0.2, stop=stopped.set)
    with app.server.test_request_context("/snapshot/map.png"):
        dog.begin()
        assert dog.overdue() == []
        assert stopped.wait(timeout=30)  # the watcher saw the request run past the limit
        assert dog.overdue() == ["/snapshot/map.png"]
        dog.end()
    assert dog.overdue() == []
