"""The press kit: snapshots, embeds, oEmbed, downloads, alt text and frame rules."""

from __future__ import annotations

import io
import json
import re
import struct
import tempfile
from pathlib import Path

import httpx
import pandas as pd
import pyogrio
import pytest

MAP_Q = "level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&classes=quantiles&lang=sv"
CHART_Q = "areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023&lang=sv"


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", body[16:24])


def frame_ancestors(response) -> str:
    """The frame-ancestors directive of a response's Content-Security-Policy."""
    directives = dict(d.strip().split(" ", 1) for d in response.headers["Content-Security-Policy"].split(";"))
    return "frame-ancestors " + directives["frame-ancestors"]


@pytest.fixture(scope="module")
def client():
    from dashboard import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PUBLIC_URL", "https://atlas.example")  # oEmbed answers only for the site's own addresses
        yield create_app().server.test_client()


@pytest.mark.parametrize(("width", "scale"), [(800, 1), (640, 2)])
def test_map_png_has_the_requested_size(client, width: int, scale: int) -> None:
    res = client.get(f"/snapshot/map.png?{MAP_Q}&width={width}&scale={scale}")
    assert res.status_code == 200 and res.mimetype == "image/png"
    w, h = png_size(res.data)
    assert w == width * scale and 0.6 * w < h < 1.6 * w


def test_map_svg_carries_title_legend_and_source_as_text(client) -> None:
    svg = client.get(f"/snapshot/map.svg?{MAP_Q}&width=900").get_data(as_text=True)
    assert re.search(r'<svg[^>]*width="900"', svg)
    for words in (
        "Utländsk bakgrund 2022",
        "Ingen data",
        "Källa: SCB, tabell TAB6571",
        "Referensår 2022",
        "DeSO 2025-gränser",
    ):
        assert words in svg, words


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_chart_snapshots_render_with_kaleido(client, kind: str) -> None:
    png = client.get(f"/snapshot/chart.png?{CHART_Q}&chart={kind}&width=700&scale=2")
    assert png.status_code == 200 and png_size(png.data) == (1400, 840)
    svg = client.get(f"/snapshot/chart.svg?{CHART_Q}&chart={kind}&width=700").get_data(as_text=True)
    assert "Hyresrätter" in svg and "Källa: SCB" in svg and 'width="700"' in svg


def test_snapshots_are_cached_with_an_etag(client) -> None:
    first = client.get(f"/snapshot/map.svg?{MAP_Q}")
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    again = client.get(f"/snapshot/map.svg?{MAP_Q}", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_bad_snapshot_parameters_get_clear_answers(client) -> None:
    assert client.get(f"/snapshot/map.gif?{MAP_Q}").status_code == 404
    assert client.get(f"/snapshot/map.png?{MAP_Q}&width=wide").status_code == 400
    assert client.get("/snapshot/chart.png?indicator=hyresratt").status_code == 400
    assert client.get(f"/snapshot/map.png?{MAP_Q.replace('1480,1481', '1280')}").status_code == 404  # no shapes
    fallback = client.get("/snapshot/map.svg?indicator=nope&municipality=1490").get_data(as_text=True)
    assert "Utländsk bakgrund" in fallback  # an unknown indicator falls back, never a 500


def test_the_map_embed_is_the_picture_with_alt_text_source_and_a_link_back(client) -> None:
    res = client.get(f"/embed/map?{MAP_Q}")
    page = res.get_data(as_text=True)
    assert frame_ancestors(res) == "frame-ancestors *"
    assert '<img src="/snapshot/map.svg?' in page and "segatlas-height" in page
    assert "Karta över DeSO i Göteborg och Mölndal: utländsk bakgrund 2022 varierar från" in page
    assert "Källa: SCB" in page and f'href="/?{MAP_Q}' in page.replace("&amp;", "&")


def test_other_pages_may_only_be_framed_by_the_atlas(client) -> None:
    for path in ("/", "/compare", f"/snapshot/map.svg?{MAP_Q}", "/healthz"):
        assert frame_ancestors(client.get(path)) == "frame-ancestors 'self'", path


def test_oembed_returns_an_iframe_for_a_map_and_a_chart(client) -> None:
    for url in (f"https://atlas.example/?{MAP_Q}", f"https://atlas.example/compare?{CHART_Q}&chart=line"):
        res = client.get("/oembed", query_string={"url": url, "maxwidth": 600})
        data = json.loads(res.data)
        assert {"version", "type", "html", "width", "height", "title", "provider_name"} <= set(data)
        assert data["version"] == "1.0" and data["type"] == "rich" and data["width"] == 600
        assert "<iframe" in data["html"] and "segatlas-height" in data["html"] and data["height"] > 200
    assert client.get("/oembed", query_string={"url": "https://atlas.example/healthz"}).status_code == 404
    assert client.get("/oembed").status_code == 400


def test_downloads_carry_the_values_and_the_metadata(client, atlas) -> None:
    csv = pd.read_csv(io.BytesIO(client.get(f"/download/map.csv?{MAP_Q}").data), dtype={"code": str, "kommun": str})
    expected = atlas.values("utlandsk_bakgrund", "deso", 2022, ["1480", "1481"])
    assert csv["code"].tolist() == expected["code"].tolist()
    assert set(csv["scb_table"]) == {"TAB6571 (FolkmDesoBakgrKon)"} and set(csv["vintage"]) == {"DeSO 2018"}
    geo = json.loads(client.get(f"/download/map.geojson?{MAP_Q}").data)
    assert len(geo["features"]) == 362 and "value" in geo["features"][0]["properties"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.gpkg"
        path.write_bytes(client.get(f"/download/map.gpkg?{MAP_Q}").data)
        frame = pyogrio.read_dataframe(path)
    assert len(frame) == 362 and str(frame.crs) == "EPSG:3006" and frame["value"].notna().sum() > 300
    chart = pd.read_csv(io.BytesIO(client.get(f"/download/chart.csv?{CHART_Q}&chart=bar").data))
    assert chart["code"].tolist() == ["1480R044", "1490R019", "1481R021"]


def test_an_embed_in_an_iframe_resizes_it(browser, live_server: str, tmp_path: Path) -> None:
    """A news site on another origin (another port) pastes the snippet; the iframe takes the embed's height."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from dashboard.press.links import embed_snippet

    snippet = embed_snippet(f"{live_server}/embed/map?{MAP_Q}&width=600", "Karta", 150)
    (tmp_path / "article.html").write_text(
        f"<!doctype html><html><body style='margin:0'><p>Artikel</p>{snippet}<p>Slut</p></body></html>", "utf-8"
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    site = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    page = browser.new_page(viewport={"width": 500, "height": 900})
    page.goto(f"http://127.0.0.1:{site.server_address[1]}/article.html")
    page.wait_for_function(
        "() => document.querySelector('iframe').getBoundingClientRect().height > 300", timeout=30_000
    )
    height = page.evaluate("() => document.querySelector('iframe').getBoundingClientRect().height")
    frame = page.frame_locator("iframe")
    assert "Källa: SCB" in frame.locator("figcaption").inner_text()
    inner = page.frames[1].evaluate("() => document.documentElement.getBoundingClientRect().height")
    assert abs(height - inner) <= 2
    page.set_viewport_size({"width": 320, "height": 900})
    page.wait_for_function(f"() => document.querySelector('iframe').getBoundingClientRect().height < {height - 50}")
    page.close()
    site.shutdown()


def test_the_explore_view_offers_embed_code_and_downloads(page) -> None:
    page.goto(page.base + f"/?{MAP_Q}")
    page.wait_for_selector("#map-press")
    page.locator("#map-press summary").click()
    snippet = page.locator("#map-press-snippet").input_value()
    assert snippet.startswith(f'<iframe src="{page.base}/embed/map?') and "segatlas-height" in snippet
    assert "varierar från" in page.locator("#map-press-alt").inner_text()
    png = page.locator("#map-press-png").get_attribute("href")
    assert httpx.get(page.base + png).headers["content-type"] == "image/png"
    assert page.errors == []


SEG_Q = "municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022&level=deso&lang=sv"


def test_the_segregation_view_is_snapshot_and_embeddable(client) -> None:
    png = client.get(f"/snapshot/segregation.png?{SEG_Q}&width=700&scale=2")
    assert png.status_code == 200 and png_size(png.data)[0] == 1400
    svg = client.get(f"/snapshot/segregation.svg?{SEG_Q}&width=700").get_data(as_text=True)
    assert "Segregationsindex D" in svg and "Göteborg" in svg and "Källa: SCB, tabell TAB6571" in svg
    embed = client.get(f"/embed/segregation?{SEG_Q}")
    assert frame_ancestors(embed) == "frame-ancestors *"
    assert "Punktdiagram: Segregationsindex D" in embed.get_data(as_text=True)
    csv = pd.read_csv(io.BytesIO(client.get(f"/download/segregation.csv?{SEG_Q}").data), dtype={"kommun": str})
    assert csv["kommun"].tolist() == ["1480", "1481", "1490"] and (csv["low"] <= csv["value"]).all()
    data = json.loads(client.get("/oembed", query_string={"url": f"https://atlas.example/segregation?{SEG_Q}"}).data)
    assert "/embed/segregation?" in data["html"] and data["type"] == "rich"


def test_an_embed_loads_lazily_and_a_phone_gets_a_png_drawn_for_its_width(browser, live_server: str) -> None:
    from dashboard.press.links import embed_snippet

    assert 'loading="lazy"' in embed_snippet(f"{live_server}/embed/map?{MAP_Q}", "Karta", 150)
    for width, kind in ((390, "image/png"), (1000, "image/svg+xml")):
        page = browser.new_page(viewport={"width": width, "height": 844})
        images: list[str] = []
        page.on("response", lambda r, seen=images: seen.append(r.headers.get("content-type", "")))
        page.goto(f"{live_server}/embed/map?{MAP_Q}&width=640")
        page.wait_for_function("() => { const i = document.querySelector('img'); return i.complete && i.naturalWidth }")
        assert [t.split(";")[0] for t in images if t.startswith("image/")] == [kind]
        if kind == "image/png":
            assert "map.png?" in page.evaluate("() => document.querySelector('img').currentSrc")
        page.close()
