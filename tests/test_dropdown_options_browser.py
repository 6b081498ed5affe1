"""Long dropdowns get their options at the reader's first input (`options_on_use` in
`dashboard/components/widgets.py`, `assets/dropdown_options.js`), in headless Chromium: the page opens with
each holding its chosen options alone, and whatever comes first — a click on a region's button, a key, a
step back in the history — finds every option there, so no choice is shown without its name."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.test_explore_browser import READY

OPTIONS = "(id) => window.dash_component_api.getLayout(id).props.options.length"
CHOSEN = "#municipality .dash-dropdown-value-item"


def test_the_first_click_gives_the_dropdowns_their_options_before_it_changes_the_choice(page, atlas) -> None:
    page.goto(page.base + "/?level=deso&municipality=1480&indicator=befolkning&year=2022")
    page.wait_for_function(READY, timeout=60_000)
    assert [page.evaluate(OPTIONS, i) for i in ("municipality", "indicator", "classes")] == [1, 1, 1]
    expect(page.locator(CHOSEN)).to_have_text(["Göteborg (1480)"])
    page.get_by_role("button", name="Uppsala län").click()  # the first input: a pointer's
    page.wait_for_url("**municipality=0305,0319,0330,0331,0360,0380,0381,0382&**")
    assert page.evaluate(OPTIONS, "municipality") == len(atlas.municipalities())
    assert page.evaluate(OPTIONS, "classes") == 4
    page.locator("#municipality").click()  # every municipality is offered, and found by its name
    page.locator("[role=dialog] input.dash-dropdown-search").fill("Borås")
    expect(page.locator("[role=dialog] .dash-options-list-option")).to_have_text(["Borås (1490)"])
    page.keyboard.press("Escape")
    names = page.locator(CHOSEN).all_inner_texts()
    assert len(names) == 8 and all(name.endswith(")") and len(name) > 7 for name in names), names
    assert page.errors == []


def test_a_step_back_before_any_other_input_shows_the_earlier_choice_by_name(page) -> None:
    page.goto(page.base + "/?level=deso&municipality=1481&indicator=befolkning&year=2022")
    page.wait_for_function(READY, timeout=60_000)
    later = "/?level=deso&municipality=1480,1490&indicator=befolkning&year=2022"
    page.evaluate("(url) => { history.pushState(null, '', url); history.back(); }", later)  # no click, no key
    page.wait_for_url("**municipality=1481&**")
    page.evaluate("() => history.forward()")  # a popstate: the address now asks for Göteborg and Borås
    page.wait_for_url("**municipality=1480,1490&**")
    expect(page.locator(CHOSEN)).to_have_text(["Göteborg (1480)", "Borås (1490)"], timeout=30_000)
    assert page.errors == []
