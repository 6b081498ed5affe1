"""The explore view in a real headless Chromium: drawn areas, restyles, clicks, URL and Back, no errors."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

ISSUE_URL = (
    "/?level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&classes=quantiles&area=1480C3050&lang=sv"
)
# Colours have arrived and the areas are drawn (the geometry and the colours come by separate requests; the
# areas are added in batches, assets/map_chunks.js)
READY = (
    "() => window.atlas && Object.keys((window.atlas.hideout || {}).cls || {}).length > 0"
    " && Object.values(window.atlas.layers).some(l => l._map) && !window.atlas.adding"
)
# The maps have stopped moving (fitting the view animates a zoom and a pan) and the sentence is written.
SETTLED = """() => { const maps = Object.values(window.atlas.layers).map(l => l._map).filter(Boolean);
  const text = (document.querySelector('#sentence') || {}).innerText || '';
  return maps.length > 0 && text.trim().length > 0
    && maps.every(m => !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress)); }"""
DRAWN = "() => Object.values(window.atlas.layers).filter(l => l._map).length"
CHANGED = "(before) => Object.entries(before).some(([c, f]) => window.atlas.layers[c].options.fillColor !== f)"
SAME = "(fills) => Object.entries(fills).every(([c, f]) => window.atlas.layers[c].options.fillColor === f)"
FILLS = """() => Object.fromEntries(Object.entries(window.atlas.layers).filter(([c, l]) => l._map)
                    .map(([c, l]) => [c, l.options.fillColor]))"""
# A page point well inside an area's shape and no other's (Leaflet's own hit test, which counts a stroke's
# width as inside: every point within 4 px must hit this area alone), for a real mouse click.
POINT_IN = """(code) => {
  const layer = window.atlas.layers[code]; const map = layer._map; const el = map.getContainer();
  const others = Object.values(window.atlas.layers).filter(l => l !== layer && l._map);
  const ll = layer.getBounds(); const box = el.getBoundingClientRect(); const size = map.getSize();
  const alone = (lp) => [[0, 0], [4, 0], [-4, 0], [0, 4], [0, -4]].every(([dx, dy]) => {
    const q = lp.add([dx, dy]); return layer._containsPoint(q) && !others.some(l => l._containsPoint(q)); });
  for (let i = 1; i < 30; i++) for (let j = 1; j < 30; j++) {
    const lat = ll.getSouth() + (ll.getNorth() - ll.getSouth()) * i / 30;
    const lng = ll.getWest() + (ll.getEast() - ll.getWest()) * j / 30;
    const cp = map.latLngToContainerPoint([lat, lng]);
    if (cp.x > 40 && cp.y > 40 && cp.x < size.x - 60 && cp.y < size.y - 20 && alone(map.latLngToLayerPoint([lat, lng])))
      return [box.left + el.clientLeft + cp.x, box.top + el.clientTop + cp.y];
  }
  return null; }"""


def open_view(page, path: str) -> None:
    page.goto(page.base + path)
    page.wait_for_function(READY, timeout=30_000)
    page.wait_for_function(SETTLED)


def test_the_issue_url_draws_every_area_and_opens_the_panel(page, tmp_path: Path) -> None:
    open_view(page, ISSUE_URL)
    assert page.evaluate(DRAWN) == 320 + 42
    assert page.locator("#panel-title").inner_text().endswith("1480C3050")
    assert "Plats" in page.locator("#panel-rank").inner_text()
    assert page.locator("#panel-refs").inner_text().count("%") == 2
    assert page.locator("#year input[value='2022']").is_checked()
    assert "39,1" in page.locator("#sentence").inner_text()
    page.screenshot(path=str(tmp_path / "explore.png"))
    assert page.errors == []


def test_colours_change_with_year_and_indicator_and_back_restores_them(page) -> None:
    open_view(page, ISSUE_URL)
    before = page.evaluate(FILLS)
    centre = page.evaluate("() => Object.values(window.atlas.layers)[0]._map.getCenter()")
    page.locator("#year label", has_text="2025").click()
    page.wait_for_url("**year=2025**")
    page.wait_for_function(CHANGED, arg=before)
    after_year = page.evaluate(FILLS)
    changed = sum(before[c] != after_year[c] for c in before)
    assert changed > 40  # of 362 areas, in quantile classes (49 when this was written)
    assert page.evaluate(DRAWN) == 320 + 42  # same geometry, restyled
    assert page.evaluate("() => Object.values(window.atlas.layers)[0]._map.getCenter()") == centre  # not refitted

    page.locator("#indicator").click()
    page.get_by_role("radio", name="Hyresrätter").locator("xpath=ancestor::label").click()
    page.wait_for_url("**indicator=hyresratt**")
    page.wait_for_function(CHANGED, arg=after_year)
    after_indicator = page.evaluate(FILLS)
    assert sum(after_year[c] != after_indicator[c] for c in after_year) > 50

    page.go_back()
    page.wait_for_url("**indicator=utlandsk_bakgrund**year=2025**")
    page.go_back()
    page.wait_for_url("**year=2022**")
    page.wait_for_function(SAME, arg=before)  # two restyles in flight: wait for the last, not the first
    assert page.locator("#year input[value='2022']").is_checked()
    assert page.evaluate(FILLS) == before
    assert page.errors == []


def test_clicking_an_area_opens_its_panel_and_puts_it_in_the_url(page) -> None:
    open_view(page, "/?level=deso&municipality=1481&indicator=utlandsk_bakgrund&year=2025")
    code = "1481C1070"
    point = page.evaluate(POINT_IN, code)
    assert point, "no clickable point found inside the area"
    page.mouse.move(*point)
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert code in tooltip.inner_text() and "%" in tooltip.inner_text()
    page.mouse.click(*point)
    page.wait_for_url(f"**area={code}**")
    page.wait_for_function(f"() => (document.querySelector('#panel-title') || {{}}).innerText?.includes('{code}')")
    # The panel and the map restyle are separate callbacks: wait for the outline the user sees.
    page.wait_for_function("(c) => window.atlas.layers[c].options.weight === 3", arg=code)
    assert page.evaluate("() => window.atlas.hideout.sel") == code
    page.locator("#pin").click()
    page.wait_for_selector("#pinned-list li")
    assert code in page.locator("#pinned-list").inner_text()
    assert page.errors == []


def test_a_bad_url_shows_a_notice_and_a_working_map(page) -> None:
    open_view(page, "/?indicator=nope&year=1850&municipality=1480")
    notice = page.locator("#notice [role=alert]").inner_text()
    assert "okänd indikator «nope»" in notice and "«1850»" in notice
    assert page.evaluate(DRAWN) == 320
    assert "indicator=utlandsk_bakgrund" in page.url
    assert page.errors == []


# The view fits the drawn areas: all inside, and the map not much larger than they are.
FITTED = """() => { const ls = Object.values(window.atlas.layers).filter(l => l._map);
  const drawn = L.latLngBounds([]); ls.forEach(l => drawn.extend(l.getBounds()));
  const v = ls[0]._map.getBounds(); const span = (b) => (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
  return v.contains(drawn) && span(v) / span(drawn) < 4; }"""


def test_the_map_fits_the_chosen_municipalities(page) -> None:
    open_view(page, "/?municipality=1490&indicator=hyresratt&year=2022")
    assert page.evaluate(DRAWN) == 77
    page.wait_for_function(FITTED)
    page.locator("#municipality").click()
    page.locator("#municipality-search, .dash-dropdown-search").first.fill("Mölndal")
    page.get_by_role("checkbox", name="Mölndal (1481)").locator("xpath=ancestor::label").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('1481') && location.search.includes('1490')")
    page.wait_for_function(f"() => ({DRAWN})() === 77 + 42")
    page.wait_for_function(FITTED)
    assert page.errors == []


def test_english_on_request(page) -> None:
    open_view(page, "/?municipality=1490&indicator=hyresratt&year=2022&lang=en")
    assert page.locator("h1").inner_text() == "Segregation Atlas"
    assert page.locator("#sentence").inner_text().startswith("Rental dwellings in 2022: 46.6% in Borås.")
    assert page.locator("#lang-link").inner_text() == "På svenska"
    assert page.errors == []


def test_the_hot_spot_layer_toggles_from_the_url_and_the_checkbox(page) -> None:
    from dashboard.components.legend import LISA_COLORS

    open_view(page, "/?level=deso&municipality=1480&indicator=utlandsk_bakgrund&year=2025&area=1480C3050")
    assert "Global Moran's I i Göteborg: 0,8" in page.locator("#panel-moran").inner_text()
    page.get_by_text("Visa heta och kalla fläckar (LISA)").click()
    page.wait_for_url("**layer=lisa**")
    page.wait_for_function(
        "(cols) => JSON.stringify(window.atlas.hideout.col) === JSON.stringify(cols)", arg=list(LISA_COLORS)
    )
    assert "Heta och kalla fläckar" in page.locator("#legend-box h2").inner_text()
    assert "Het fläck" in page.locator("#panel-lisa").inner_text()
    page.go_back()
    page.wait_for_function("() => window.atlas.hideout.col.length === 5")
    assert page.errors == []


def test_the_table_lists_every_area_and_opens_one_from_the_keyboard(page) -> None:
    from playwright.sync_api import expect

    open_view(page, "/?level=deso&municipality=1481&indicator=utlandsk_bakgrund&year=2025")
    assert page.locator("#area-table").count() == 0  # built only when opened
    page.locator("#area-table-details summary").click()
    rows = page.locator("#area-table tbody tr")
    expect(rows).to_have_count(42)
    first = rows.first.locator("a")
    assert first.inner_text() == "Kållered centrum" and rows.first.locator("td").nth(2).inner_text() == "48,3\u00a0%"
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**area=1481C1130**")
    expect(page.locator("#panel-title")).to_contain_text("1481C1130")
    expect(page.locator("#area-table tr.selected")).to_contain_text("1481C1130")
    page.wait_for_function("() => window.atlas.layers['1481C1130'].options.weight === 3")
    assert page.errors == []


def test_the_table_opens_quickly_for_goteborg_and_a_restyle_completes_while_it_is_open(page) -> None:
    from playwright.sync_api import expect

    open_view(page, "/?level=deso&municipality=1480&indicator=utlandsk_bakgrund&year=2025")
    before = page.evaluate(FILLS)
    page.locator("#area-table-details summary").click()
    expect(page.locator("#area-table tbody tr")).to_have_count(320, timeout=10_000)  # generous: seconds, not 44 s
    page.locator("#year label", has_text="2024").click()
    page.wait_for_url("**year=2024**")
    page.wait_for_function(CHANGED, arg=before, timeout=10_000)
    expect(page.locator("#area-table caption")).to_contain_text("2024", timeout=10_000)
    expect(page.locator("#area-table tbody tr")).to_have_count(320)
    assert page.evaluate(DRAWN) == 320  # recoloured in place: the same layers, none re-added
    assert page.errors == []


def test_the_map_page_opens_whole_without_a_callback_round_trip(page) -> None:
    """The layout is the address's state drawn (sentence, legend, map, panel): nothing waits for the server again,
    and an address that was not canonical is corrected in place."""
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if "_dash-update-component" in r.url else None)
    page.goto(page.base + "/?municipality=1481&year=2025&area=1481C1130")
    page.wait_for_function(READY, timeout=30_000)
    expect(page.locator("#panel-title")).to_contain_text("1481C1130")
    page.wait_for_function("() => location.search.includes('indicator=')")
    assert posts == []
    assert page.errors == []
