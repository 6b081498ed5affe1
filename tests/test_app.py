"""The app process: health, first page, geometry route and its caching, a missing store."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import httpx

from dashboard.geo_routes import geometry_url
from geodata.queries import current_atlas


def test_gunicorn_serves_the_app(live_server: str) -> None:
    assert httpx.get(live_server + "/healthz").text == "ok"
    page = httpx.get(live_server + "/")
    assert page.status_code == 200 and "Segregationsatlas" in page.text


def test_geometry_is_compressed_and_cached_for_a_year(live_server: str, store_dir: Path) -> None:
    atlas = current_atlas(store_dir)
    url = live_server + geometry_url(atlas.version, "deso", "2025", ("1481", "1480"))
    first = httpx.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] == "gzip"
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    features = first.json()["features"]
    assert len(features) == 320 + 42
    assert set(features[0]["properties"]) == {"code", "name", "nb"}  # nb: bordering areas, for the keyboard
    assert int(first.headers["Content-Length"]) < 200_000
    again = httpx.get(url, headers={"If-None-Match": first.headers["ETag"], "Accept-Encoding": "gzip"})  # as cached
    assert again.status_code == 304
    plain = httpx.get(url, headers={"Accept-Encoding": "identity"})
    assert json.loads(plain.content) == first.json() and "Content-Encoding" not in plain.headers
    assert len(gzip.compress(plain.content)) < len(plain.content) / 3
    # brotli for browsers: at a quick level at once, at brotli 11 once the worker's background thread (of the
    # lowest CPU priority, so as long as the machine is busy) has made its copy — tests/test_compression.py
    best = httpx.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})  # what browsers send
    assert best.headers["Content-Encoding"] == "br" and best.content == plain.content  # httpx decodes brotli
    assert int(best.headers["Content-Length"]) < int(first.headers["Content-Length"])


def test_outlines_are_served_beside_the_areas(live_server: str, store_dir: Path) -> None:
    atlas = current_atlas(store_dir)
    res = httpx.get(live_server + geometry_url(atlas.version, "outline-deso", "2025", ("1480", "1481", "1484")))
    features = res.json()["features"]
    assert res.status_code == 200 and [f["properties"]["code"] for f in features] == ["1480", "1481", "1484"]
    assert features[0]["properties"]["name"] == "Göteborg"
    assert httpx.get(f"{live_server}/geo/{atlas.version}/outline-stadsdel/2025/1480.geojson").status_code == 404


def test_bad_geometry_urls_get_clear_errors_not_500(live_server: str, store_dir: Path) -> None:
    version = current_atlas(store_dir).version
    assert httpx.get(f"{live_server}/geo/old/deso/2025/1480.geojson").status_code == 404
    assert httpx.get(f"{live_server}/geo/{version}/deso/2025/Göteborg.geojson").status_code == 400
    assert httpx.get(f"{live_server}/geo/{version}/stadsdel/2025/1480.geojson").status_code == 404


def test_without_a_store_the_page_says_how_to_build_one(monkeypatch, tmp_path: Path) -> None:
    from dashboard import create_app

    monkeypatch.setenv("GEODATA_STORE", str(tmp_path))
    client = create_app().server.test_client()
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "python -m geodata build --from" in layout
