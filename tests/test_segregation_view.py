"""The segregation view: its URL state, sentences, figures (no browser) and the page in Chromium."""

from __future__ import annotations

from dataclasses import replace

import pytest
from playwright.sync_api import expect

from dashboard.urlstate import Notice, SegregationState, parse_segregation, segregation_to_search
from dashboard.views.segregation import all_figure, interval_figure, ranks, sentence, types_figure
from geodata.queries import Atlas

URL = "?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022&level=deso&lang=sv"
STATE = SegregationState(("1480", "1481", "1490"), "dissimilarity", "utlandsk_bakgrund", 2022, "deso", "sv")


def test_the_url_round_trips_and_bad_values_fall_back(atlas: Atlas) -> None:
    assert parse_segregation(URL, atlas) == (STATE, [])
    assert segregation_to_search(STATE) == URL
    state, notices = parse_segregation("?measure=gini&group=inkomst&year=1999&level=x", atlas)
    assert (state.measure, state.group, state.level, state.year) == ("dissimilarity", "utlandsk_bakgrund", "deso", 2022)
    assert [n.key for n in notices] == ["measure", "group", "level", "year"]
    state, notices = parse_segregation("?group=utrikes_fodda&level=deso", atlas)  # DeSO have birth region 2022
    assert state.level == "deso" and notices == []
    assert Notice("municipality", "9999") in parse_segregation("?municipality=9999", atlas)[1]


def test_the_sentence_says_which_is_more_segregated_and_whether_that_is_sure(atlas: Atlas) -> None:
    lines = sentence(atlas, STATE)
    assert lines[0].startswith("Göteborg är mer segregerat än Mölndal (0,43 mot 0,18); skillnaden är statistiskt säker")
    assert lines[1].startswith(
        "Göteborg är mer segregerat än Borås (0,43 mot 0,39); skillnaden är inte statistiskt säker"
    )


def test_few_areas_are_flagged(atlas: Atlas) -> None:
    small = atlas.measures("dissimilarity", "utlandsk_bakgrund", 2022, "deso").sort_values("n_areas").iloc[0]
    lines = sentence(atlas, SegregationState(("1480", small["kommun"]), year=2022))
    assert any(f"har bara {small['n_areas']} områden" in line for line in lines)


def test_the_figures_show_both_units_every_municipality_and_area_types(atlas: Atlas) -> None:
    intervals = interval_figure(atlas, STATE)
    assert [len(t.x) for t in intervals.data] == [3, 3]  # DeSO and RegSO side by side
    assert all(len(t.error_x.array) == 3 for t in intervals.data)
    assert len(all_figure(atlas, STATE).data[0].x) == 290
    types = types_figure(atlas, STATE.municipalities, 2022, "sv")
    assert len(types.data) == 5 and sum(t.x[0] for t in types.data) == pytest.approx(100)
    assert ranks(atlas, STATE)[0] == "Göteborg: plats 6 av 290 kommuner (högst först)"


def test_the_page_in_chromium(browser, live_server: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server + "/segregation" + URL)
    page.wait_for_selector("#seg-intervals .scatterlayer .trace", timeout=30_000)
    page.wait_for_selector("#seg-sentences li")
    # Each plotly graph draws on its own: wait for each rather than reading counts once.
    expect(page.locator("#seg-intervals .scatterlayer .point")).to_have_count(6)
    expect(page.locator("#seg-ranks li")).to_have_count(3)
    expect(page.locator("#seg-types .barlayer .point")).to_have_count(15)
    expect(page.locator("#seg-sentences")).to_contain_text("statistiskt säker")
    page.locator("#seg-level label", has_text="RegSO").click()
    page.wait_for_url("**level=regso**")
    page.close()
    assert errors == []


def test_trends_break_at_the_boundary_change_and_one_year_is_said_not_drawn(atlas: Atlas) -> None:
    from dashboard.views.segregation import over_time, years_figure

    rental = SegregationState(("1480", "1481"), "dissimilarity", "hyresratt", 2022, "regso", "sv")
    fig = years_figure(atlas, rental)
    for trace in fig.data:  # 2020–2023 on RegSO 2020, 2025 on RegSO 2025, never joined
        assert list(trace.x) == [2020, 2021, 2022, 2023, 2023.5, 2025]
        assert trace.y[4] is None or trace.y[4] != trace.y[4]
        assert not trace.connectgaps
    assert fig.layout.shapes[0].x0 == 2023.5 and fig.layout.annotations[0].text == "Ny områdesindelning 2024"

    one = over_time(atlas, STATE, lambda gid, f: gid)  # DeSO: only 2022 has counts for both groups
    assert one[0].id == "seg-one-year" and "bara för 2022" in one[0].children and len(one) == 1
    born = SegregationState(("1480",), "dissimilarity", "hyresratt", 2022, "deso", "sv")
    assert over_time(atlas, born, lambda gid, f: gid) == ["seg-years"]  # DeSO 2022 and 2025: a chart


def test_with_one_year_the_view_links_to_the_level_that_has_more() -> None:
    from dashboard.views.segregation import over_time

    class Years:  # availability only: which years each level has measures for
        def measure_years(self, group: str, level: str) -> list[int]:
            return {"deso": [2022], "regso": [2020, 2021, 2022, 2023]}[level]

    note, link = over_time(Years(), STATE, lambda gid, f: gid)
    assert "bara för 2022" in note.children
    assert link.children == "Se RegSO, som har 2020–2023 →"
    assert link.href == "/segregation" + segregation_to_search(replace(STATE, level="regso"))
