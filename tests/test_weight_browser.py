"""What a page costs: every text response compressed; chart code only where there are charts."""

from __future__ import annotations

from dashboard import ASSETS

VENDORED = next((ASSETS / "vendor").glob("plotly-scatter-bar-*.min.js"))

READY = "() => window.atlas && Object.values(window.atlas.layers).filter(l => l._map).length >= 42"


def test_page_script_and_callback_arrive_compressed(page) -> None:
    seen: dict[str, dict[str, str]] = {}
    page.on("response", lambda r: seen.setdefault(r.url.removeprefix(page.base), r.all_headers()))
    page.goto(page.base + "/?municipality=1481&indicator=utlandsk_bakgrund&year=2025")
    page.wait_for_function(READY, timeout=30_000)
    with page.expect_response(lambda r: "_dash-update-component" in r.url):  # the page opens with none
        page.locator("#year").get_by_text("2024").click()
    page.wait_for_load_state("networkidle")

    def encoding(match) -> set[str]:
        found = {h.get("content-encoding") for url, h in seen.items() if match(url)}
        assert found, "no such response was seen"
        return found

    assert encoding(lambda u: u.startswith("/?")) <= {"br", "gzip"}
    assert encoding(lambda u: ".js" in u and "dash_renderer" in u) <= {"br", "gzip"}
    assert encoding(lambda u: "/_dash-update-component" in u) <= {"br", "gzip"}
    assert encoding(lambda u: u.startswith("/geo/")) == {"br"}  # compressed once per payload, never twice
    for url, headers in seen.items():
        if url.startswith(("/?", "/_dash", "/assets/", "/geo/")):
            assert "accept-encoding" in headers.get("vary", "").lower(), url
    assert page.errors == []


def test_charts_load_the_partial_plotly_bundle_and_the_map_none(page) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page.base + "/?municipality=1481&indicator=utlandsk_bakgrund&year=2025")
    page.wait_for_function(READY, timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "plotly" in u and "plotly-bundle.js" not in u]
    requested.clear()
    page.goto(page.base + "/compare?areas=1480R044,1490R019&indicator=hyresratt&year=2023")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2")
    assert [u for u in requested if "plotly" in u and u.endswith(".min.js")] == [
        page.base + f"/assets/vendor/{VENDORED.name}"
    ]
    assert page.errors == []


def test_the_vendored_bundle_is_plotly_pys_own_version() -> None:
    from plotly.offline import get_plotlyjs_version

    assert f"plotly.js (scatter, bar - minified) v{get_plotlyjs_version()}" in VENDORED.read_text()[:200]
    assert VENDORED.name in (ASSETS / "plotly-bundle.js").read_text()
    assert (VENDORED.parent / VENDORED.name.replace(".min.js", ".LICENSE.txt")).is_file()
