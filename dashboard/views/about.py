"""The help page (`/om`) and the accessibility statement (`/tillganglighet`), in Swedish and English.

The help page explains the areas, SCB's 2024 boundary change, every indicator (from the catalogue) and
every segregation measure, with worked examples taken from the store itself, never typed in.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.chrome import page, switch_href
from dashboard.formatting import format_number
from dashboard.pageurl import page_search
from dashboard.texts import (
    ABOUT_EXAMPLE_KEYS,
    ABOUT_MEASURE_KEYS,
    ABOUT_SECTION_KEYS,
    HELP_TITLE_KEYS,
    MEASURE_KEYS,
    text,
)
from dashboard.urlstate import LangState, lang_of, lang_to_search, parse_lang
from dashboard.viewtypes import StateType, View
from geodata.errors import GeodataError
from geodata.levels import FIRST_YEAR_OF_2025_EDITION
from geodata.measures import MEASURE_IDS
from geodata.queries import Atlas, current_atlas

ABOUT_PATH, STATEMENT_PATH = "/om", "/tillganglighet"
EXAMPLE_MUNICIPALITY = "1480"  # Göteborg: the worked examples' municipality
EXAMPLE_SPLIT = "utlandsk_bakgrund"


def _section(key: str, heading: str, *content) -> html.Section:
    """A titled part of the page; its anchor is prefixed so it never shares an id with another view's component."""
    anchor = f"om-{key}"
    return html.Section([html.H2(heading, id=anchor), *content], **{"aria-labelledby": anchor})


def _paragraphs(keys: tuple[str, ...], lang: str, **values: object) -> list[html.P]:
    return [html.P(text(k, lang, **values)) for k in keys]


def _worked_example(atlas: Atlas, measure: str, lang: str) -> html.P | None:
    """The measure's latest DeSO value for Göteborg, read from the store, in a plain sentence."""
    try:
        years = atlas.measure_years(EXAMPLE_SPLIT, "deso")
        if not years:
            return None
        rows = atlas.measures(measure, EXAMPLE_SPLIT, years[-1], "deso", [EXAMPLE_MUNICIPALITY])
    except GeodataError:
        return None
    if rows.empty:
        return None
    row = rows.iloc[0]
    value = float(row["value"])
    return html.P(
        text(
            ABOUT_EXAMPLE_KEYS[measure],
            lang,
            place=row["name"],
            year=int(row["year"]),
            value=format_number(value, lang, 2),
            percent=format_number(value * 100, lang, 0),
            low=format_number(float(row["low"]), lang, 2),
            high=format_number(float(row["high"]), lang, 2),
        ),
        className="example",
    )


def _indicators(atlas: Atlas, lang: str) -> html.Dl:
    items: list = []
    for ind in atlas.catalogue.indicators:
        if ind.id not in atlas.indicator_ids():
            continue
        items.append(html.Dt(ind.name[lang], id=f"om-indicator-{ind.id}"))
        items.append(
            html.Dd([ind.definition[lang], " ", html.Span(f"({text('table', lang)}: {'; '.join(ind.tables)})")])
        )
    return html.Dl(items, className="definitions")


def layout() -> html.Div:
    lang = lang_of(page_search())
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    try:
        atlas: Atlas | None = current_atlas()
    except GeodataError:
        atlas = None
    measures = []
    for m in MEASURE_IDS:
        example = _worked_example(atlas, m, lang) if atlas else None
        measures += [html.H3(t(MEASURE_KEYS[m])), html.P(t(ABOUT_MEASURE_KEYS[m])), *([example] if example else [])]
    body = [
        html.P(t("about_intro"), className="lead"),
        html.Nav(
            html.Ul(
                [
                    html.Li(html.A(t(ABOUT_SECTION_KEYS[key]), href=f"#om-{key}"))
                    for key in ("areas", "indicators", "measures", "uncertainty", "types", "spots", "sources")
                ]
            ),
            **{"aria-label": t("about_contents")},
        ),
        _section(
            "areas",
            t("about_h_areas"),
            *_paragraphs(("about_areas", "about_break"), lang, year=FIRST_YEAR_OF_2025_EDITION),
        ),
        _section(
            "indicators",
            t("about_h_indicators"),
            html.P(t("about_indicators")),
            _indicators(atlas, lang) if atlas else html.P(t("about_no_store")),
        ),
        _section("measures", t("about_h_measures"), html.P(t("about_measures")), *measures),
        _section("uncertainty", t("about_h_uncertainty"), *_paragraphs(("about_interval", "about_sure"), lang)),
        _section("types", t("about_h_types"), html.P(t("about_types"))),
        _section("spots", t("about_h_spots"), html.P(t("about_spots"))),
        _section(
            "sources",
            t("about_h_sources"),
            *_paragraphs(("about_sources", "about_licence", "about_cite"), lang),
            html.P(html.A(t("statement_nav"), href=STATEMENT_PATH + lang_to_search(LangState(lang)))),
        ),
    ]
    return _help_page(ABOUT_PATH, "about", lang, body, before=[dcc.Location(id="about-url", refresh=False)])


def statement_layout() -> html.Div:
    """Tillgänglighetsredogörelse: what the site meets, what it does not, and how to report a problem."""
    lang = lang_of(page_search())
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    body = [
        *_paragraphs(("statement_intro", "statement_status"), lang),
        html.H2(t("statement_h_gaps")),
        html.Ul([html.Li(t(k)) for k in ("statement_gap_map", "statement_gap_charts", "statement_gap_pdf")]),
        html.H2(t("statement_h_report")),
        html.P(t("statement_report")),
        html.H2(t("statement_h_supervision")),
        html.P(t("statement_supervision")),
        html.H2(t("statement_h_how")),
        html.P(t("statement_how")),
    ]
    return _help_page(STATEMENT_PATH, "statement", lang, body)


def _help_page(path: str, name: str, lang: str, body: list, **chrome) -> html.Div:
    """A help page in the page chrome, with its title and its language link (`{name}-lang-link`)."""
    title = text(HELP_TITLE_KEYS[name], lang)
    switch = switch_href(path, lang_to_search, LangState(lang))
    return page(path, lang, title, switch, f"{name}-lang-link", body, class_name="page about", **chrome)


STATE = StateType(LangState, parse_lang, lang_to_search)
VIEW = View(path=ABOUT_PATH, title_key="about_nav", state=STATE, layout=layout)
STATEMENT = View(
    path=STATEMENT_PATH, title_key="statement_nav", state=STATE, layout=statement_layout, in_navigation=False
)
