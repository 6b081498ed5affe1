"""WCAG 2.1 AA as axe-core checks it, in a real Chromium: every page and its open states, in Swedish and
English, with no serious or critical violation; every page fits a phone without sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.axe import violations
from tests.conftest import fresh_page
from tests.test_explore_browser import READY

COMPARE = "/compare?areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023"
SEGREGATION = "/segregation?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund"
EXPLORE = "/?level=deso&municipality=1481&indicator=utlandsk_bakgrund&year=2025"
LANGS = ("sv", "en")


@pytest.fixture
def page(browser, live_server: str):
    """conftest's page with the Content-Security-Policy bypassed, so that axe-core can be injected; the
    site's own scripts are checked under the policy by test_hardening's browser test."""
    pg = fresh_page(browser, live_server, bypass_csp=True)
    yield pg
    pg.context.close()


def _with_lang(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def _settled(page) -> None:
    """Wait for Dash to finish its callbacks and for assets/a11y.js to run after the last change."""
    page.wait_for_function("() => !document.querySelector('._dash-loading') && window.atlasA11y")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _assert_clean(page, what: str) -> None:
    _settled(page)
    found = violations(page)
    assert found == [], f"{what}: {found}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_explore_view_has_no_serious_violation_with_panel_table_press_and_dropdown_open(page, lang) -> None:
    page.goto(page.base + _with_lang(EXPLORE + "&area=1481C1130", lang))
    page.wait_for_function(READY, timeout=30_000)
    expect(page.locator("#panel-title")).to_contain_text("1481C1130")
    assert page.evaluate("() => document.documentElement.lang") == lang
    _assert_clean(page, "explore with the area panel")

    page.locator("#area-table-details summary").click()
    expect(page.locator("#area-table tbody tr")).to_have_count(42)
    page.locator("#map-press summary").click()
    expect(page.locator("#map-press-snippet")).to_be_visible()
    _assert_clean(page, "explore with table and press panel open")

    page.locator("#indicator").click()
    expect(page.locator("#indicator")).to_have_attribute("aria-expanded", "true")
    _assert_clean(page, "explore with the indicator dropdown open")
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_compare_segregation_help_and_statement_pages_have_no_serious_violation(page, lang) -> None:
    page.goto(page.base + _with_lang(COMPARE, lang))
    page.wait_for_selector("#compare-line .scatterlayer .trace", timeout=30_000)
    expect(page.locator("#compare-line .scatterlayer .trace")).to_have_count(3)
    for details in page.locator("#compare-body details > summary").all():
        details.click()
    _assert_clean(page, "compare with tables and press panels open")

    page.goto(page.base + _with_lang(SEGREGATION, lang))
    page.wait_for_selector("#seg-sentences li", timeout=30_000)
    expect(page.locator("#seg-sentences li").first).to_be_visible()
    _assert_clean(page, "segregation")

    for path in ("/om", "/tillganglighet"):
        page.goto(page.base + _with_lang(path, lang))
        expect(page.locator("h1")).to_have_count(1)
        _assert_clean(page, path)
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_embeds_have_no_serious_violation(page, lang) -> None:
    for path in (
        "/embed/map" + EXPLORE[1:],
        "/embed/chart" + COMPARE[len("/compare") :] + "&chart=line",
        "/embed/segregation" + SEGREGATION[len("/segregation") :],
    ):
        page.goto(page.base + _with_lang(path, lang))
        expect(page.locator("img")).to_have_count(1)
        found = violations(page)
        assert found == [], f"{path}: {found}"


def test_dash_widgets_speak_the_page_language(page) -> None:
    page.goto(page.base + _with_lang(EXPLORE, "sv"))
    page.wait_for_function(READY, timeout=30_000)
    _settled(page)
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zooma in"
    page.locator("#municipality").click()
    expect(page.locator(".dash-dropdown-search")).to_have_attribute("placeholder", "Sök")
    body = page.locator("body").inner_text()
    for english in ("Select All", "Search", "Zoom in"):
        assert english not in body


@pytest.mark.parametrize("size", [(390, 844), (320, 640)], ids=["390", "320"])
def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, size) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for path in (EXPLORE, COMPARE, SEGREGATION, "/om", "/tillganglighet", "/embed/map" + EXPLORE[1:]):
            page.goto(live_server + path)
            page.wait_for_load_state("networkidle")
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= size[0], f"{path} is {wide} px wide on a {size[0]} px phone"
    finally:
        context.close()
