"""The explore map's view in the address, in headless Chromium: a reader's zoom (wheel or keyboard) is kept in the
URL, survives a change of year and opens again from a shared link."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.test_explore_browser import READY

# The map has ended its own move (the fit to the areas, or a shared view): Leaflet ignores a zoom asked for while it
# animates one, as a reader sees the map keep its course.
SETTLED = (
    "() => { const l = Object.values(window.atlas.layers).find(l => l._map); return !!l && !l._map._animatingZoom; }"
)
VIEW = "/?level=deso&municipality=1481&indicator=utlandsk_bakgrund&year=2025&lang=sv"


def test_a_moved_view_is_kept_in_the_url_and_opens_again(page) -> None:
    page.goto(page.base + VIEW)
    page.wait_for_function(READY, timeout=30_000)
    page.wait_for_function(SETTLED)
    fitted = page.evaluate("Object.values(window.atlas.layers).find(l => l._map)._map.getZoom()")
    box = page.locator("#map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.wheel(0, -400)  # the reader zooms in (a wheel never counts as a click on an area)
    page.wait_for_url(re.compile(r"map=[\d.]+/[\d.]+/[\d.]+"))
    view = re.search(r"map=([\d.]+/[\d.]+/[\d.]+)", page.url).group(1)
    assert "year=2025" in page.url
    assert float(view.split("/")[0]) > fitted  # the reader's zoom, not the map's own fit

    page.locator("#year input[value='2024']").locator("xpath=ancestor::label").click()
    page.wait_for_url("**year=2024**")
    assert f"map={view}" in page.url  # the view goes with the next address Dash writes

    page.goto(page.base + VIEW + f"&map={view}")
    page.wait_for_function(READY, timeout=30_000)
    zoom, lat, lng = (float(v) for v in view.split("/"))
    page.wait_for_function(
        "([z, lat, lng]) => { const m = Object.values(window.atlas.layers).find(l => l._map)._map;"
        " const c = m.getCenter(); return m.getZoom() === z && Math.abs(c.lat - lat) < 1e-3"
        " && Math.abs(c.lng - lng) < 1e-3; }",
        arg=[zoom, lat, lng],
    )
    expect(page.locator("#notice")).not_to_contain_text("kartläget")
    page.wait_for_function(SETTLED)

    page.locator("#map").focus()  # a keyboard reader zooms out with the minus key
    page.keyboard.press("Minus")
    page.wait_for_url(lambda url: "map=" in url and f"map={view}" not in url)
    assert float(re.search(r"map=([\d.]+)/", page.url).group(1)) < zoom
    assert page.errors == []
