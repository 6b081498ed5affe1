"""The compare view in headless Chromium: series, bars, marks, rows, sentences, pinning, search, CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.test_explore_browser import POINT_IN, open_view

URL = "/compare?areas=1480R044,1490R019,1481R021&indicator=hyresratt&year=2023&lang=sv"


def open_compare(page, path: str) -> None:
    page.goto(page.base + path)
    page.wait_for_selector("#compare-line .scatterlayer .trace", timeout=30_000)
    # Each chart and the sentences come by their own callback: wait until the reader sees them all.
    expect(page.locator("#compare-bar .barlayer .trace").first).to_be_attached()
    expect(page.locator("#compare-sentences li").first).to_be_visible()


def add_hassleholmen_vast(page) -> None:
    """Search for a Borås RegSO by name and pick it, as a reader would."""
    page.locator("#compare-search").click()
    page.locator("#compare-search-search, .dash-dropdown-search").first.fill("Hässleholmen väst")
    page.get_by_role("radio", name="Hässleholmen väst · 1490R019").locator("xpath=ancestor::label").click()


def test_a_compare_url_draws_series_bars_marks_rows_and_sentences(page, atlas) -> None:
    from dashboard.urlstate import parse_compare
    from dashboard.views.compare import indicator_table

    open_compare(page, URL)
    # Each plotly graph draws on its own: wait for each rather than reading counts once.
    expect(page.locator("#compare-line .scatterlayer .trace")).to_have_count(3)
    expect(page.locator("#compare-bar .barlayer .point")).to_have_count(3)
    expect(page.locator("#compare-bar .scatterlayer .point")).to_have_count(3)  # the municipal marks
    assert page.locator("#compare-bar .shapelayer path").count() >= 1  # the national line
    expected_rows = len(indicator_table(atlas, parse_compare(URL.split("compare")[1], atlas)[0]).children[1].children)
    assert page.locator("#compare-table tbody tr").count() == expected_rows
    sentences = page.locator("#compare-sentences li").all_inner_texts()
    assert len(sentences) == 3 and sentences[0].startswith("Hammarkullen centrala: 94,6")
    assert "i Göteborg" in sentences[0] and "i riket" in sentences[0]
    assert page.locator("#compare-line-table tbody tr").count() == 3 * 6  # 2020–2025, 2024 a gap
    assert page.errors == []


def test_the_csv_is_exactly_the_chart_data(page) -> None:
    open_compare(page, URL)
    with page.expect_download() as info:
        page.locator("#compare-bar-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    assert [r["code"] for r in rows] == ["1480R044", "1490R019", "1481R021"]
    assert float(rows[0]["value"]) == pytest.approx(94.6, abs=0.05)
    assert rows[2]["kommun"] == "Mölndal"


def test_search_adds_and_the_chip_removes_an_area(page) -> None:
    open_compare(page, "/compare?areas=1480R044&indicator=hyresratt&year=2023")
    add_hassleholmen_vast(page)
    page.wait_for_url("**areas=1480R044,1490R019**")
    page.wait_for_function("() => document.querySelectorAll('#compare-sentences li').length === 2")
    page.get_by_role("button", name="Ta bort 1480R044").click()
    page.wait_for_url("**areas=1490R019&**")
    page.wait_for_function("() => document.querySelectorAll('#compare-sentences li').length === 1")
    assert page.errors == []


def test_pins_from_the_explore_view_reach_the_compare_view(page) -> None:
    open_view(page, "/?level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&area=1480C3050")
    page.locator("#pin").click()
    page.wait_for_selector("#pinned-list li")
    open_view(page, "/?level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&area=1481C1070")
    page.locator("#pin").click()
    page.wait_for_function("() => document.querySelectorAll('#pinned-list li').length === 2")
    page.locator("#go-compare").click()
    page.wait_for_url("**/compare?areas=1480C3050,1481C1070&indicator=utlandsk_bakgrund&year=2022**")
    page.wait_for_function("() => document.querySelectorAll('#compare-sentences li').length === 2")
    assert page.errors == []


def test_six_pins_at_most_the_seventh_is_refused_with_a_reason_and_unpinning_frees_a_place(page) -> None:
    open_view(page, "/?level=deso&municipality=1481&indicator=utlandsk_bakgrund&year=2025")
    codes = [c for c in sorted(page.evaluate("() => Object.keys(window.atlas.layers)")) if page.evaluate(POINT_IN, c)]
    pinned = page.locator("#pinned-list li")
    for n, code in enumerate(codes[:7], start=1):
        page.mouse.click(*page.evaluate(POINT_IN, code))
        page.wait_for_url(f"**area={code}**")
        expect(page.locator("#panel-title")).to_contain_text(code)
        if n <= 6:
            page.locator("#pin").click()
            expect(pinned).to_have_count(n)
    expect(page.locator("#pin")).to_be_disabled()
    expect(page.locator("#pins-full")).to_contain_text("Högst 6 områden")
    expect(pinned).to_have_count(6)  # nothing dropped to make room

    page.get_by_role("button", name=f"Ta bort {codes[0]}").click()
    expect(pinned).to_have_count(5)
    expect(page.locator("#pin")).to_be_enabled()
    page.locator("#pin").click()
    expect(pinned).to_have_count(6)
    page.locator("#go-compare").click()
    page.wait_for_url(f"**/compare?areas={','.join(codes[1:7])}&**")
    expect(page.locator("#compare-sentences li")).to_have_count(6)

    add_hassleholmen_vast(page)
    expect(page.locator("#compare-notice")).to_contain_text("högst 6 områden; «1490R019» togs inte med")
    assert "1490R019" not in page.url
    expect(page.locator("#compare-sentences li")).to_have_count(6)
    assert page.errors == []
