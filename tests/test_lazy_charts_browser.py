"""Charts are drawn when they come into view (`dashboard/components/lazy_chart.py`, `assets/lazy_charts.js`), in
headless Chromium: on a phone, compare's charts below the fold wait (their boxes keep the chart's height) and
are drawn when scrolled to, without a request to the server; on a desktop the charts in view are drawn at
once; printing draws them all."""

from __future__ import annotations

from playwright.sync_api import expect

COMPARE = "/compare?areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023&lang=sv"
SEGREGATION = "/segregation?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022"
DRAWN = "#react-entry-point .chart-box .js-plotly-plot"


def test_on_a_phone_a_chart_below_the_fold_is_drawn_when_scrolled_to(page) -> None:
    page.set_viewport_size({"width": 390, "height": 700})
    calls: list[str] = []
    page.on("request", lambda r: calls.append(r.url) if "_dash-update-component" in r.url else None)
    page.goto(page.base + COMPARE)
    expect(page.locator("#react-entry-point .chart-box")).to_have_count(2, timeout=30_000)
    box = page.locator("#react-entry-point .chart-box").first
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
    boxes = page.locator("#react-entry-point .chart-box").count()
    assert boxes >= 3
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator(DRAWN)).to_have_count(boxes, timeout=30_000)
    assert page.errors == []
