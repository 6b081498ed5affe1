"""The area table ("Visa som tabell") in headless Chromium, at desktop and phone sizes: after a year change
its rows are the new year's, in order, with their values; the area the keyboard was on keeps the focus;
every row is in the accessibility tree as a row of a table with its cells, and reachable by Tab. Göteborg's
320 rows fill two of the table's bodies (map.js `table` lays them out a body a frame). Generous bounds, no
timing: `benchmarks/interaction.py` times it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.components.area_table import area_table
from dashboard.urlstate import parse
from tests.test_explore_browser import READY

SEARCH = "?level=deso&municipality=1480&indicator=utlandsk_bakgrund&year={year}"
SIZES = {"desktop": {"width": 1440, "height": 1100}, "phone": {"width": 390, "height": 844}}
# Every body laid out since the table was last written (generation `g` or later).
SETTLED = "(g) => ((window.atlas.table || {}).settled || {}).generation > g"
SHOWN = """() => Array.from(document.querySelectorAll('#area-table tbody tr'))
  .map(tr => [tr.cells[0].textContent, tr.cells[1].textContent, tr.cells[2].textContent, tr.cells[3].textContent])"""


HREFS = "() => [...document.querySelectorAll('#area-table tbody a')].map(a => a.getAttribute('href'))"


def expected(atlas, year: int) -> list[list[str]]:
    """The rows the server sends for that year: name, code, municipality, value shown."""
    rows = area_table(atlas, parse(SEARCH.format(year=year), atlas)[0])["rows"]
    return [[name, code, kommun, value] for code, name, kommun, value in rows]


def open_table(page, size: str) -> None:
    page.set_viewport_size(SIZES[size])
    page.goto(page.base + "/" + SEARCH.format(year=2025))
    page.wait_for_function(READY, timeout=30_000)
    page.locator("#area-table-details summary").click()
    expect(page.locator("#area-table tbody tr")).to_have_count(320, timeout=30_000)
    page.wait_for_function(SETTLED, arg=0, timeout=30_000)


@pytest.mark.parametrize("size", SIZES)
def test_after_a_year_change_the_rows_are_the_new_years_and_the_focus_stays_on_its_area(
    page, atlas, size: str, tmp_path: Path
) -> None:
    open_table(page, size)
    assert page.evaluate(SHOWN) == expected(atlas, 2025)
    assert page.locator("#area-table tbody").count() == 2  # 250 rows a body
    link = page.locator("#area-table tbody tr").nth(100).locator("a")
    code = link.get_attribute("data-code")
    link.focus()
    generation = page.evaluate("() => window.atlas.table.generation")
    # a restyle while the keyboard is on the row: the year's radio clicked from script keeps the focus here
    page.evaluate("() => document.querySelector(\"#year input[value='2024']\").click()")
    expect(page.locator("#area-table caption")).to_contain_text("2024", timeout=30_000)
    page.wait_for_function(SETTLED, arg=generation, timeout=30_000)
    rows = expected(atlas, 2024)
    assert page.evaluate(SHOWN) == rows
    assert [r[1] for r in rows] != [r[1] for r in expected(atlas, 2025)]  # the order did change
    assert page.evaluate("() => document.activeElement.getAttribute('data-code')") == code
    at = page.evaluate("() => [...document.querySelectorAll('#area-table tbody a')].indexOf(document.activeElement)")
    assert rows[at][1] == code
    assert all("year=2024" in href for href in page.evaluate(HREFS))  # every link is to the new state
    page.screenshot(path=str(tmp_path / f"table-{size}.png"))

    page.keyboard.press("Enter")  # the focused area opens its panel and is marked in the table
    page.wait_for_url(f"**area={code}**")
    expect(page.locator("#panel-title")).to_contain_text(code)
    selected = page.locator("#area-table tr.selected")
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text(code)
    expect(selected.locator("a")).to_have_attribute("aria-current", "true")
    assert page.evaluate("() => document.activeElement.getAttribute('data-code')") == code
    assert page.evaluate("() => document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert page.errors == []


def test_a_new_class_method_rewrites_every_rows_link_though_no_row_moves(page) -> None:
    """The rows stay in place (same values, same order), but each link carries the whole state."""
    open_table(page, "desktop")
    before = page.evaluate(HREFS)
    generation = page.evaluate("() => window.atlas.table.generation")
    page.locator("#classes").click()
    page.locator(".dash-options-list-option", has_text="Fisher-Jenks").click()
    page.wait_for_url("**classes=fisher_jenks**")
    page.wait_for_function(SETTLED, arg=generation, timeout=30_000)
    after = page.evaluate(HREFS)
    assert len(after) == len(before) == 320
    assert all("classes=fisher_jenks" in href for href in after), [h for h in after if "fisher_jenks" not in h][:3]
    page.locator("#area-table tbody a").nth(7).click()  # an unmoved row keeps the new state when followed
    page.wait_for_url("**area=**")
    assert "classes=fisher_jenks" in page.url
    assert page.errors == []


def test_every_row_is_a_table_row_for_assistive_technology_and_reachable_by_tab(page, atlas) -> None:
    open_table(page, "desktop")
    rows = expected(atlas, 2025)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    by_id = {n["nodeId"]: n for n in nodes}
    table = [n for n in nodes if n.get("role", {}).get("value") == "table" and n.get("name", {}).get("value")]
    assert [t["name"]["value"] for t in table] == [page.locator("#area-table caption").inner_text()]

    def below(node, role: str) -> list[dict]:
        found = []
        for child in node.get("childIds", []):
            if child in by_id:
                n = by_id[child]
                found += [n] if n.get("role", {}).get("value") == role else below(n, role)
        return found

    table_rows = below(table[0], "row")
    assert len(table_rows) == 1 + len(rows)  # the head's and every area's, off-screen ones too
    last = table_rows[-1]
    assert [n["name"]["value"] for n in below(last, "rowheader")] == [rows[-1][0]]
    assert [n["name"]["value"] for n in below(last, "cell")] == rows[-1][1:]
    assert [n["name"]["value"] for n in below(last, "link")] == [rows[-1][0]]

    page.locator("#area-table tbody a").first.focus()
    for _ in rows[1:]:
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('data-code')") == rows[-1][1]
    assert page.errors == []
