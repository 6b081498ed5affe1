"""The explore view from the keyboard alone, in headless Chromium: choose a municipality, an indicator and a
year, move across neighbouring areas with the arrow keys, pin two and reach the compare view."""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.test_explore_browser import READY

LIMIT = 120  # Tab presses before giving up: the page has fewer stops than this
MOVED = (
    "(v) => document.activeElement.classList.contains('dash-options-list-option-checkbox')"
    " && document.activeElement.value !== v"
)


def active(page) -> dict:
    """The focused element's id, and its value when it is an option of a list (not a search box)."""
    return page.evaluate(
        """() => { const e = document.activeElement;
                   const option = e.classList.contains('dash-options-list-option-checkbox');
                   return {id: e.id, value: option ? e.value : null, tag: e.tagName}; }"""
    )


def tab_to(page, element_id: str, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element with this id has the focus."""
    for _ in range(LIMIT):
        if active(page)["id"] == element_id:
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"#{element_id} was not reached with the keyboard")


def pick(page, dropdown_id: str, search: str, value: str) -> None:
    """Open a dropdown with Enter, search, arrow down to the option and choose it with Space or Enter."""
    tab_to(page, dropdown_id)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('[role=dialog]')")  # the list is open
    if page.evaluate("() => document.activeElement.classList.contains('dash-dropdown-search')"):
        page.keyboard.type(search, delay=60)  # at a typing pace: the list re-filters after each key
    for _ in range(60):  # through the (searched) options, one at a time as the focus moves
        before = active(page)["value"]
        if before == value:
            break
        for _attempt in range(3):  # a key pressed while the list redraws can be lost; press it again
            page.keyboard.press("ArrowDown")
            try:
                page.wait_for_function(MOVED, arg=before, timeout=3_000)
                break
            except PlaywrightTimeout:
                continue
    assert active(page)["value"] == value, f"{value} is not among the options of #{dropdown_id}"
    page.keyboard.press("Space")
    page.keyboard.press("Escape")


def test_choose_move_pin_and_compare_with_the_keyboard_only(page) -> None:
    page.goto(page.base + "/?lang=sv")
    page.wait_for_function(READY, timeout=30_000)

    pick(page, "municipality", "1481", "1481")  # Mölndal, searched by its code
    page.wait_for_url("**municipality=1480,1481**")
    pick(page, "indicator", "Utrikes", "utrikes_fodda")
    page.wait_for_url("**indicator=utrikes_fodda**")
    page.keyboard.press("Tab")  # into the level radios (DeSO is chosen)
    page.keyboard.press("ArrowRight")  # RegSO, which has this indicator for several years
    page.wait_for_url("**level=regso**")
    page.keyboard.press("Tab")  # into the year radios
    year = page.locator("#year input:checked").get_attribute("value")
    page.keyboard.press("ArrowLeft")  # the year before
    page.wait_for_function("(y) => !location.search.includes('year=' + y)", arg=year)

    page.wait_for_function(  # the RegSO map is drawn before the keys go to it (new geometry: generous on a loaded CI)
        "() => Object.values(window.atlas.layers).some(l => l._map && l.feature.properties.code.includes('R'))",
        timeout=90_000,
    )
    tab_to(page, "map")
    page.keyboard.press("Enter")  # the area nearest the centre
    expect(page.locator("#panel-title")).to_be_visible(timeout=30_000)
    visited = [page.evaluate("() => window.atlas.hideout.sel")]
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft"):
        page.keyboard.press(key)
        page.wait_for_function("(c) => window.atlas.hideout.sel && window.atlas.hideout.sel !== c", arg=visited[-1])
        code = page.evaluate("() => window.atlas.hideout.sel")
        layer = page.evaluate("(c) => window.atlas.layers[c].feature.properties.nb", visited[-1])
        assert code in layer, f"{code} does not border {visited[-1]}"
        expect(page.locator("#panel-title")).to_contain_text(code)
        expect(page.locator("#map-announce")).to_contain_text(code)  # said in the live region
        visited.append(code)

    tab_to(page, "pin")
    page.keyboard.press("Enter")
    expect(page.locator("#pinned-list li")).to_have_count(1)
    tab_to(page, "map", back=True)
    page.keyboard.press("ArrowUp")
    page.wait_for_function("(code) => window.atlas.hideout.sel !== code", arg=visited[-1])
    moved_to = page.evaluate("() => window.atlas.hideout.sel")
    expect(page.locator("#panel-title")).to_contain_text(moved_to)  # the panel (and its pin button) is the new area's
    tab_to(page, "pin")
    page.keyboard.press("Enter")
    expect(page.locator("#pinned-list li")).to_have_count(2)

    tab_to(page, "go-compare")
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare?areas=**")
    page.wait_for_selector("#compare-line .scatterlayer .trace", timeout=30_000)
    expect(page.locator("#compare-line .scatterlayer .trace")).to_have_count(2)
    assert page.errors == []


def test_the_arrow_keys_leave_an_area_drawn_on_the_parts_of_its_split(page) -> None:
    """Göteborg 2022 on DeSO 2025 shapes: 1480C1030 is drawn on its two parts (SCB split it exactly); both
    are marked, and an arrow key moves to a bordering area, not to the other part, and says where."""
    page.goto(page.base + "/?level=deso&municipality=1480&indicator=utlandsk_bakgrund&year=2022&area=1480C1030")
    page.wait_for_function(READY, timeout=30_000)
    assert page.evaluate("() => window.atlas.hideout.sel_shapes") == ["1480C1031", "1480C1032"]
    assert page.evaluate("() => ['1480C1031', '1480C1032'].map(c => window.atlas.layers[c].options.weight)") == [3, 3]
    tab_to(page, "map")
    none = page.locator("[data-no-neighbour]").get_attribute("data-no-neighbour")
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"):  # whichever direction has a neighbour
        page.evaluate("() => { document.getElementById('map-announce').textContent = ''; }")
        page.keyboard.press(key)  # says at once when there is none that way, else the panel follows
        if page.locator("#map-announce").inner_text() != none:
            page.wait_for_function("() => window.atlas.hideout.sel !== '1480C1030'", timeout=30_000)
            break
    moved_to = page.evaluate("() => window.atlas.hideout.sel")
    assert moved_to != "1480C1030" and moved_to not in ("1480C1031", "1480C1032")
    expect(page.locator("#panel-title")).to_contain_text(moved_to)
    expect(page.locator("#map-announce")).to_contain_text(moved_to)
    assert page.errors == []
