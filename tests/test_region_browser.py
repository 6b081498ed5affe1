"""The whole region in one map, in headless Chromium: Stockholm and Uppsala counties and Göteborgsregionen
(47 municipalities). The store has DeSO 2018 shapes for the two counties only, so their 1,525 areas are
drawn on DeSO 2018 and Göteborgsregionen's on its 584 DeSO 2025 shapes (the values SCB's change log
carries, flagged): 2,109 areas; the 22 values with no shape to carry them are counted in the legend; the
table lists all 2,090. Generous bounds (a loaded machine), not a benchmark: `benchmarks/interaction.py`
times it."""

from __future__ import annotations

from pathlib import Path

from dashboard import regions
from tests.test_explore_browser import CHANGED, DRAWN, FILLS, READY, SETTLED

DRAWN_AREAS = 1287 + 238 + 584  # Stockholm's and Uppsala's DeSO 2018, Göteborgsregionen's DeSO 2025
TABLE_ROWS = 2090  # every DeSO 2018 area of the 47 municipalities, drawn or not


def test_the_whole_region_draws_and_a_year_change_recolours_it_in_place(page, atlas, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    region = ",".join(regions.region_municipalities(atlas, "all"))
    page.goto(page.base + f"/?level=deso&municipality={region}&indicator=befolkning&year=2022")
    page.wait_for_function(READY, timeout=60_000)
    page.wait_for_function(SETTLED, timeout=30_000)
    assert len(region.split(",")) == 47
    assert page.evaluate(DRAWN) == DRAWN_AREAS
    legend = page.locator("#legend").inner_text()
    assert "22 områden med värde saknar gräns i DeSO 2025 och" in legend  # Göteborgsregionen's edition
    assert "Ale, Alingsås" in page.locator("#vintage-note").inner_text()  # those on DeSO 2025, by name
    before = page.evaluate(FILLS)
    page.screenshot(path=str(tmp_path / "region.png"))

    page.locator("#year label", has_text="2023").click()
    page.wait_for_url("**year=2023**")
    page.wait_for_function(CHANGED, arg=before, timeout=30_000)
    after = page.evaluate(FILLS)
    assert sum(before[c] != after[c] for c in before) > 100
    assert page.evaluate(DRAWN) == DRAWN_AREAS  # recoloured in place: the same layers, none re-added

    page.locator("#area-table-details summary").click()
    expect(page.locator("#area-table tbody tr")).to_have_count(TABLE_ROWS, timeout=30_000)
    expect(page.locator("#area-table caption")).to_contain_text("2023")
    assert page.errors == []


def test_a_region_is_one_keypress_away_and_lands_in_the_url(page) -> None:
    page.goto(page.base + "/?level=deso&municipality=1480&indicator=befolkning&year=2022&lang=en")
    page.wait_for_function(READY, timeout=60_000)
    group = page.get_by_role("group", name="Or a whole region:")
    labels = ["Stockholms län", "Uppsala län", "Gothenburg region", "All three (47 municipalities)"]
    assert group.get_by_role("button").all_inner_texts() == labels
    group.get_by_role("button", name="Uppsala län").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**municipality=0305,0319,0330,0331,0360,0380,0381,0382&**")
    page.wait_for_function(f"() => ({DRAWN}) () === 238", timeout=60_000)
    assert "lang=en" in page.url and "year=2022" in page.url
    assert page.errors == []


def test_the_regions_municipalities_fit_one_view(atlas) -> None:
    from dashboard.regions import REGIONS, region_label, region_municipalities
    from dashboard.urlstate import MAX_MUNICIPALITIES

    sizes = {key: len(region_municipalities(atlas, key)) for key in REGIONS}
    assert sizes == {"stockholm": 26, "uppsala": 8, "goteborg": 13, "all": 47} and MAX_MUNICIPALITIES >= 47
    counties = region_municipalities(atlas, "stockholm") + region_municipalities(atlas, "uppsala")
    assert all(code[:2] == "01" for code in counties[:26]) and all(code[:2] == "03" for code in counties[26:])
    assert region_municipalities(atlas, "all") == counties + regions.GOTEBORGSREGIONEN
    assert region_municipalities(atlas, "nope") == ()
    assert region_label(atlas, "all", "sv") == "Alla tre (47 kommuner)"
