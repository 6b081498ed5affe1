"""Charts and compare's locator map are drawn when they come into view (`dashboard/components/lazy.py`,
`assets/lazy.js`), in headless Chromium: on a phone, compare's charts below the fold wait (their boxes keep
the chart's height) and are drawn when scrolled to, without a request to the server; the locator map loads
dash-leaflet only then, and says so if it cannot; on a desktop the charts in view are drawn at once;
printing draws them all."""

from __future__ import annotations

from playwright.sync_api import expect

from dashboard.charts import PALETTE
from tests.test_time_place_browser import PAINTED

COMPARE = "/compare?areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023&lang=sv"
SEGREGATION = "/segregation?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022"
DRAWN = "#react-entry-point .lazy-box .js-plotly-plot"
LEAFLET = "**/_dash-component-suites/dash_leaflet/dash_leaflet.*"


def test_on_a_phone_a_chart_below_the_fold_is_drawn_when_scrolled_to(page) -> None:
    page.set_viewport_size({"width": 390, "height": 700})
    calls: list[str] = []
    page.on("request", lambda r: calls.append(r.url) if "_dash-update-component" in r.url else None)
    page.goto(page.base + COMPARE)
    expect(page.locator("#react-entry-point .lazy-box")).to_have_count(3, timeout=30_000)  # two charts, a map
    box = page.locator("#react-entry-point .lazy-box").first
    assert box.bounding_box()["y"] > 700 and box.bounding_box()["height"] >= 300  # below the fold, its height kept
    assert page.locator(DRAWN).count() == 0
    box.scroll_into_view_if_needed()
    expect(page.locator("#compare-line .js-plotly-plot")).to_have_count(1, timeout=30_000)
    expect(page.locator("#compare-line .scatterlayer .trace")).to_have_count(3)  # the three areas' lines
    assert calls == []  # the figure was in the page: no round trip
    assert page.errors == []


def test_on_a_desktop_the_charts_in_view_are_drawn_at_once_and_printing_draws_every_chart(page) -> None:
    page.set_viewport_size({"width": 1440, "height": 1100})
    page.goto(page.base + SEGREGATION)
    expect(page.locator("#seg-intervals .js-plotly-plot")).to_have_count(1, timeout=30_000)
    boxes = page.locator("#react-entry-point .lazy-box").count()
    assert boxes >= 3
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator(DRAWN)).to_have_count(boxes, timeout=30_000)
    assert page.errors == []


def test_on_a_phone_the_locator_map_loads_dash_leaflet_only_when_scrolled_to(page) -> None:
    page.set_viewport_size({"width": 390, "height": 700})
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if "/dash_leaflet/" in r.url else None)
    page.goto(page.base + COMPARE)
    expect(page.locator("#compare-table")).to_be_visible(timeout=30_000)
    box = page.locator("#react-entry-point .lazy-box").last
    assert box.bounding_box()["y"] > 700 and box.bounding_box()["height"] >= 330
    assert scripts == [] and page.evaluate("() => window.dash_leaflet === undefined")
    box.scroll_into_view_if_needed()
    for colour in PALETTE[:3]:  # each area's marker, painted on the map's canvas in its chart colour
        page.wait_for_function(PAINTED, arg=[int(colour[i : i + 2], 16) for i in (1, 3, 5)], timeout=30_000)
    assert len([s for s in scripts if "/dash_leaflet.v" in s]) == 1
    assert page.errors == []


def test_a_locator_map_whose_script_cannot_load_says_so(page) -> None:
    page.set_viewport_size({"width": 390, "height": 700})
    page.route(LEAFLET, lambda route: route.fulfill(status=503, body="down"))
    page.goto(page.base + COMPARE)
    expect(page.locator("#compare-table")).to_be_visible(timeout=30_000)
    page.locator("#react-entry-point .lazy-box").last.scroll_into_view_if_needed()
    expect(page.locator("#locator-failed")).to_have_text(
        "Kartan kunde inte laddas. Ladda om sidan för att försöka igen.", timeout=30_000
    )
    assert [e for e in page.errors if "503" not in e] == []  # the failed request alone
