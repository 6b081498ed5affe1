"""Issue 10 in headless Chromium, as a user checks it: Stockholm and Uppsala on the map, every RegSO of
Borås, an unbroken history across SCB's 2024 boundary change, and a change map."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.charts import PALETTE
from dashboard.classify import DIVERGING, NO_DATA
from tests.test_change_map import _population_years, _unchanged_deso
from tests.test_compare_browser import add_hassleholmen_vast, open_compare
from tests.test_explore_browser import DRAWN, FILLS, POINT_IN, open_view

PAINTED = """(rgb) => Array.from(document.querySelectorAll('#locator canvas')).some(c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 0; i < d.length; i += 4)
    if (Math.abs(d[i] - rgb[0]) < 8 && Math.abs(d[i + 1] - rgb[1]) < 8 && Math.abs(d[i + 2] - rgb[2]) < 8) return true;
  return false; })"""
SHOTS = Path(tempfile.gettempdir()) / "segatlas-screenshots"  # to look at after a run


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def click_an_area(page) -> str:
    """Click a real point inside some drawn area and wait for its panel; returns its code."""
    codes = sorted(page.evaluate("() => Object.keys(window.atlas.layers)"))
    code, point = next((c, p) for c in codes[len(codes) // 2 :] if (p := page.evaluate(POINT_IN, c)))
    page.mouse.click(*point)
    page.wait_for_url(f"**area={code}**")
    expect(page.locator("#panel-title")).to_contain_text(code)
    page.wait_for_function("(c) => window.atlas.layers[c].options.weight === 3", arg=code)
    return code


@pytest.mark.parametrize(
    ("level", "kommun", "indicator", "year"),
    [("deso", "0180", "befolkning", 2022), ("regso", "0380", "utlandsk_bakgrund", 2022)],
)
def test_stockholm_and_uppsala_draw_colour_click_and_open_the_panel(
    page, atlas, level: str, kommun: str, indicator: str, year: int
) -> None:
    open_view(page, f"/?level={level}&municipality={kommun}&indicator={indicator}&year={year}")
    edition = atlas.geometry_edition(level, year, [kommun])
    assert edition == "2018"  # drawn on the year's own boundaries
    areas = atlas.register(level, edition, [kommun])
    assert page.evaluate(DRAWN) == len(areas) > 0
    fills = page.evaluate(FILLS)
    coloured = [f for f in fills.values() if f != NO_DATA]
    assert len(set(coloured)) >= 4 and len(coloured) > 0.9 * len(fills)
    code = click_an_area(page)
    assert code[:4] == kommun
    expect(page.locator("#panel-history .scatterlayer .trace").first).to_be_visible()
    shot(page, f"{kommun}-{level}-{year}")
    assert page.errors == []


def test_boras_at_regso_draws_every_regso(page, atlas) -> None:
    open_view(page, "/?level=regso&municipality=1490&indicator=utlandsk_bakgrund&year=2025")
    regso = atlas.register("regso", "2025", ["1490"])
    assert len(regso) > 10
    page.wait_for_function(f"() => ({DRAWN})() === {len(regso)}")
    assert set(page.evaluate("() => Object.keys(window.atlas.layers)")) == set(regso.index)
    # the address falls back to 2022 (RegSO 2020 values): drawn only where SCB's change log says the RegSO
    # is the same, the rest counted (Borås has no RegSO 2020 shapes here)
    year = int(page.url.split("year=")[1][:4])
    layer = atlas.map_layer("utlandsk_bakgrund", "regso", year, ["1490"])
    missing = layer.values_without_shape
    assert year == 2022 and missing and all(atlas.crosswalk_class(c, "regso") == "moved" for c in missing)
    expect(page.locator("#legend-without-shape")).to_contain_text(f"{len(missing)} områden med värde")
    assert page.errors == []


def test_the_compare_locator_finds_hassleholmen_vast(page) -> None:
    open_compare(page, "/compare?areas=1480R044&indicator=utlandsk_bakgrund&year=2025")
    add_hassleholmen_vast(page)
    page.wait_for_url("**areas=1480R044,1490R019**")
    expect(page.locator("#compare-sentences li")).to_have_count(2)
    assert page.locator("#locator-missing").count() == 0  # no "Saknar gräns"
    # The locator draws on a canvas: wait until Hässleholmen väst's colour (the second pin's) is painted.
    page.wait_for_function(PAINTED, arg=[int(PALETTE[1][i : i + 2], 16) for i in (1, 3, 5)], timeout=30_000)
    assert page.errors == []


def test_an_unchanged_goteborg_deso_has_one_unbroken_population_history(page, atlas) -> None:
    code = _unchanged_deso(atlas)
    open_view(page, f"/?level=deso&municipality=1480&indicator=befolkning&year=2025&area={code}")
    years = _population_years(atlas)  # 2022, 2023, 2025 (and 2024 where the store has it)
    traces = page.locator("#panel-history .scatterlayer .trace")
    expect(traces).to_have_count(1)
    expect(traces.first.locator(".point")).to_have_count(len(years))
    assert page.locator("#panel-history .shapelayer path").count() == 0  # no break marked
    assert page.locator("#panel-break").count() == 0
    shot(page, "unchanged-deso-panel")
    open_compare(page, f"/compare?areas={code}&indicator=befolkning&year=2025")
    line = page.locator("#compare-line .scatterlayer .trace")
    expect(line).to_have_count(1)
    expect(line.first.locator(".point")).to_have_count(len(years))
    assert page.locator("#compare-line .shapelayer path").count() == 0
    assert page.errors == []


def test_the_goteborg_change_map_2024_to_2025_is_diverging_and_counts_what_it_leaves_out(page, atlas) -> None:
    open_view(page, "/?level=deso&municipality=1480&indicator=utlandsk_bakgrund&year=2025")
    page.locator("#change-from").click()
    page.get_by_role("radio", name="2024–2025").locator("xpath=ancestor::label").click()
    page.wait_for_url("**from=2024**")
    expect(page.locator("#legend-box h2")).to_contain_text("Förändring 2024–2025")
    page.wait_for_function("(cols) => window.atlas.hideout.col.every(c => cols.includes(c))", arg=list(DIVERGING))
    fills = page.evaluate(FILLS)
    change = atlas.change("utlandsk_bakgrund", "deso", 2024, 2025, ["1480"])
    left_out = change[change["change"].isna() & change["code"].isin(fills)]
    assert sum(f == NO_DATA for f in fills.values()) == len(left_out)
    assert len({f for f in fills.values() if f != NO_DATA}) >= 5  # both sides of zero
    grey = page.locator("#legend-box .legend-row", has_text="Ingen jämförbar serie")
    expect(grey.locator(".count")).to_have_text(str(len(left_out)))
    assert "procentenheter" in page.locator("#sentence").inner_text()
    shot(page, "change-map-goteborg-2024-2025")
    page.go_back()
    page.wait_for_function("() => window.atlas.hideout.col.length === 5")  # back to values
    page.set_viewport_size({"width": 390, "height": 844})
    open_view(page, "/?level=deso&municipality=1480&indicator=utlandsk_bakgrund&year=2025&from=2024")
    expect(page.locator("#legend-box h2")).to_contain_text("Förändring 2024–2025")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing wider than a phone
    shot(page, "change-map-goteborg-phone")
    assert page.errors == []
