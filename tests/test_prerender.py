"""The page's first paint as HTML (`dashboard.prerender`): what it writes, and that it gives way to the
live page in the browser."""

from __future__ import annotations

import re

import pytest
from dash import dcc, html

from dashboard.prerender import first_paint, to_html
from tests.conftest import fresh_page

EXPLORE = "/?municipality=1481&indicator=utlandsk_bakgrund&year=2025"


def test_html_components_become_their_elements_and_live_ones_empty_boxes() -> None:
    tree = html.Div(
        [
            html.H1("a < b & c"),
            html.Details([html.Summary("more")], open=True, id="d"),
            html.Img(src="/x.png", alt="x"),
            dcc.Store(id="state", data={"a": 1}),
            dcc.Dropdown(id="pick", options=["a"], className="picker"),
            html.Span(["n = ", 3], style={"marginTop": 4, "backgroundColor": "#fff"}),
        ],
        id="root",
        className="page",
        **{"data-view-key": "v", "aria-label": "named"},
    )
    assert to_html(tree) == (
        '<div class="page"><h1>a &lt; b &amp; c</h1><details open><summary>more</summary></details>'
        '<img src="/x.png" alt="x"><div class="picker live-Dropdown"></div>'
        '<span style="margin-top:4px;background-color:#fff">n = 3</span></div>'
    )


def test_no_id_leaves_the_wrapper() -> None:
    painted = first_paint(html.Div([html.P("x", id="sentence"), html.Label("L", htmlFor="pick")], id="page"))
    assert painted == '<div id="prerender" inert><div><p>x</p><label>L</label></div></div>'


@pytest.fixture(scope="module")
def client(store_dir):
    from dashboard import create_app

    return create_app().server.test_client()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (EXPLORE, "Utländsk bakgrund 2025 i Mölndal, per DeSO. Högst:"),
        (EXPLORE + "&lang=en", "Foreign background in 2025 in Mölndal, by DeSO. Highest:"),
        ("/compare?areas=1480R044,1481R021&indicator=hyresratt&year=2023", "Jämför områden"),
        ("/om?lang=en", "About"),
    ],
)
def test_the_index_page_carries_the_views_first_paint(client, url: str, expected: str) -> None:
    page = client.get(url).get_data(as_text=True)
    first = re.search(r'<div id="prerender" inert>(.*?)</div>\s*<div id="react-entry-point"', page, re.S)
    assert first, "no first paint before Dash's entry point"
    assert expected in first.group(1)
    assert " id=" not in first.group(1)  # nothing a script or a <label for> could find instead of the live page


def test_scripts_wait_for_the_first_paint(client) -> None:
    """Every script file is deferred (the HTML above it is painted without waiting for it) and Dash's
    renderer starts once they have all run; the live page is drawn (browser tests above)."""
    page = client.get(EXPLORE).get_data(as_text=True)
    sources = re.findall(r"<script([^>]*) src=", page)
    assert len(sources) > 5
    assert all(" defer" in attrs for attrs in sources), sources
    renderer = re.search(r'<script id="_dash-renderer"[^>]*>(.*?)</script>', page, re.S).group(1)
    assert "DOMContentLoaded" in renderer and "new DashRenderer(" in renderer


def test_the_first_paint_shows_without_scripts_and_gives_way_to_the_live_page(browser, live_server) -> None:
    still = fresh_page(browser, live_server, java_script_enabled=False)
    still.goto(still.base + EXPLORE)
    assert "Högst:" in still.inner_text("#prerender .sentence")
    assert not still.is_visible("._dash-loading")  # the first paint stands in for "Loading…"
    still.context.close()

    page = fresh_page(browser, live_server)
    page.goto(page.base + EXPLORE)
    page.wait_for_selector("#react-entry-point #sentence")
    assert page.locator("#prerender").count() == 0
    assert page.locator(".sentence").count() == 1
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize(
    ("url", "drawn"),
    [
        (
            "/compare?areas=1480R044,1481R021&year=2023",  # no indicator: the default is filled in
            "() => document.querySelectorAll('#compare-sentences li').length === 2"
            " && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2",
        ),
        (
            "/segregation?municipality=1480,1481&year=2022",
            "() => document.querySelectorAll('#seg-sentences li').length === 1"
            " && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3",
        ),
    ],
)
def test_chart_pages_open_whole_without_a_callback_round_trip(page, url: str, drawn: str) -> None:
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if "_dash-update-component" in r.url else None)
    page.goto(page.base + url)
    page.wait_for_function(drawn, timeout=30_000)
    page.wait_for_function("() => new URLSearchParams(location.search).has('lang')")  # the address corrected
    assert posts == []
    assert page.errors == []
