"""Pinning areas for comparison in the explore view, in headless Chromium."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.test_explore_browser import READY

VIEW = "/?level=deso&municipality=1481&indicator=utlandsk_bakgrund&year=2025&lang=sv"


def test_a_pinned_area_can_be_unpinned_with_no_area_panel_open(page) -> None:
    for code in ("1481C1130", "1481C1010"):
        page.goto(page.base + VIEW + f"&area={code}")
        page.wait_for_function(READY, timeout=30_000)
        expect(page.locator("#panel-title")).to_contain_text(code)
        page.locator("#pin").click()
        expect(page.locator("#pinned-list li", has_text=code)).to_have_count(1)
    page.goto(page.base + VIEW)  # no area: no panel, no Jämför button
    page.wait_for_function(READY, timeout=30_000)
    expect(page.locator("#pin")).to_have_count(0)
    expect(page.locator("#go-compare")).to_have_text("Jämför 2 områden →")
    page.get_by_role("button", name="Ta bort 1481C1130").click()
    expect(page.locator("#pinned-list li")).to_have_count(1)
    expect(page.locator("#go-compare")).to_have_text("Jämför 1 område →")
    assert page.errors == []


def test_the_embed_code_is_copied_with_a_confirmation(page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(page.base + VIEW)
    page.wait_for_function(READY, timeout=30_000)
    page.locator("#map-press summary").click()
    page.locator("#map-press-copy").click()
    expect(page.locator("#map-press-copied")).to_have_text("Koden är kopierad.")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.locator("#map-press-snippet").input_value() and "<iframe" in copied


def test_tapping_an_area_on_a_phone_brings_its_panel_into_view(browser, live_server) -> None:
    from tests.test_explore_browser import POINT_IN

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        phone.goto(live_server + VIEW)
        phone.wait_for_function(READY, timeout=30_000)
        expect(phone.locator("#controls-box")).not_to_have_attribute("open", "")  # choices folded on a phone
        expect(phone.locator("#map")).to_be_in_viewport()
        phone.evaluate("() => document.getElementById('map').scrollIntoView({block: 'center'})")
        x, y = phone.evaluate(POINT_IN, "1481C1130")
        phone.mouse.click(x, y)
        title = phone.locator("#panel-title")
        expect(title).to_contain_text("1481C1130")
        expect(title).to_be_focused()
        expect(title).to_be_in_viewport()
    finally:
        context.close()
