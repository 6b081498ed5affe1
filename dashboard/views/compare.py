"""The compare view: 2–6 pinned areas from any municipality, over time and side by side.

`/compare?areas=1480R044,1490R019,1481R021&indicator=utlandsk_bakgrund&year=2022&lang=sv`. The URL is
the state; searching, unpinning and the pickers write it. Every chart has a table alternative and a
CSV of exactly its data.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import dash_leaflet as dl
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard.charts import PALETTE, area_label, bar_figure, bar_table, breaks, line_figure, line_table
from dashboard.components.chrome import address, correct_address, notice_box, page, switch_href, unpin_chips
from dashboard.components.lazy import lazy, lazy_graph
from dashboard.components.press_panel import view_press
from dashboard.components.reference_gaps import reference_gaps
from dashboard.components.widgets import indicator_options, labelled_dropdown, radio_group
from dashboard.formatting import format_value
from dashboard.geo_routes import geometry_url
from dashboard.models import ChartModel, EmptyView
from dashboard.pageurl import page_search
from dashboard.press.alt_text import bar_alt, line_alt
from dashboard.press.downloads import source_line
from dashboard.press.pictures import chart_filename, chart_size, chart_table, draw_chart
from dashboard.press.spreadsheet import TABLE_FORMATS
from dashboard.texts import JOIN_KEYS, reason_text, text
from dashboard.urlstate import (
    CompareState,
    ViewState,
    compare_to_search,
    compare_years,
    control_text,
    control_year,
    parse_compare,
    to_search,
)
from dashboard.views.explore import OUTLINE, STYLE
from dashboard.views.explore import PATH as EXPLORE_PATH
from dashboard.viewtypes import Press, StateType, View
from geodata.areacodes import kommun_of, small_area_level
from geodata.queries import Atlas, current_atlas

PATH = "/compare"


def year_options(atlas: Atlas, state: CompareState) -> list[dict]:
    return [{"label": str(y), "value": y} for y in compare_years(atlas, state.indicator, state.areas)]


def explore_search(state: CompareState) -> str:
    """The explore view of the first pinned area: its level, the pinned areas' municipalities at that level,
    the indicator and year (the explore view falls back visibly where the indicator lacks them)."""
    if not state.areas:
        return to_search(ViewState(indicator=state.indicator, year=state.year, lang=state.lang))
    level = small_area_level(state.areas[0]) or "deso"
    municipalities = tuple(dict.fromkeys(kommun_of(a) for a in state.areas if small_area_level(a) == level))
    view = ViewState(level, municipalities, state.indicator, state.year, area=state.areas[0], lang=state.lang)
    return to_search(view)


def chips(atlas: Atlas, state: CompareState) -> list[html.Li]:
    """The pinned areas, each with its unpin button."""
    return unpin_chips([(area_label(atlas, c, state.areas), c) for c in state.areas], "compare-unpin", state.lang)


def layout() -> html.Div:
    atlas = current_atlas()
    state, notices = parse_compare(page_search(), atlas)
    first = drawn(atlas, state)  # the page comes whole: no callback runs when it opens
    lang = state.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    return page(
        PATH,
        lang,
        t("compare_title"),
        switch_href(PATH, compare_to_search, state),
        "compare-lang-link",
        before=[
            *address("compare-url", PATH, compare_to_search(state)),
            dcc.Store(id="compare-state", data=asdict(state)),
        ],
        body=[
            html.P(html.A(t("explore_areas"), href=first["explore"], id="explore-link")),
            html.Div(notice_box(notices, lang), id="compare-notice"),
            html.Div(
                [
                    html.Div(
                        [
                            *labelled_dropdown(
                                t("compare_search"),
                                "compare-search",
                                [],
                                None,
                                lang,
                                placeholder="Hammarkullen, 1480R044 …",
                                searchable=True,
                                clearable=True,
                            ),
                            html.Ul(first["chips"], id="compare-chips", className="chips"),
                            html.Button(t("clear"), id="compare-clear", n_clicks=0, className="pin"),
                        ],
                        className="compare-pick",
                    ),
                    html.Div(
                        [
                            *labelled_dropdown(
                                t("indicator"),
                                "compare-indicator",
                                indicator_options(atlas, lang),
                                state.indicator,
                                lang,
                                clearable=False,
                                options_on_use=True,
                            ),
                            html.Fieldset(
                                [
                                    *radio_group(
                                        t("year"),
                                        id="compare-year",
                                        options=year_options(atlas, state),
                                        value=state.year,
                                        inline=True,
                                    ),
                                ],
                                className="controls",
                            ),
                        ],
                        className="compare-pick",
                    ),
                ],
                className="compare-controls",
            ),
            html.Ul(first["sentences"], id="compare-sentences", className="sentences", **{"aria-live": "polite"}),
            html.Div(first["body"], id="compare-body"),
        ],
    )


def _table(frame, columns: list[tuple[str, str]], formatters: dict, table_id: str) -> html.Table:
    head = html.Thead(html.Tr([html.Th(label) for _key, label in columns]))
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(formatters.get(key, str)(row[key]), className="num" if key in formatters else None)
                    for key, _label in columns
                ]
            )
            for _, row in frame.iterrows()
        ]
    )
    return html.Table([head, body], id=table_id, className="data")


def _chart_block(title: str, state: CompareState, model: ChartModel, columns: list, formatters: dict) -> html.Section:
    """A chart, its table, a link to exactly its data as CSV and its press panel."""
    graph_id = f"compare-{model.kind}"
    return html.Section(
        [
            html.H2(title),
            lazy_graph(graph_id, model.figure),
            html.Details(
                [
                    html.Summary(text("show_table", state.lang)),
                    _table(model.table, columns, formatters, f"{graph_id}-table"),
                ]
            ),
            html.A(
                text("download_csv", state.lang),
                id=f"{graph_id}-csv",
                href=VIEW.links(state, model.kind)["csv"],
                download="",
                className="pin",
            ),
            view_press(VIEW, state, model, f"{model.kind}-press", model.kind),
        ],
        className="chart",
    )


def chart_model(atlas: Atlas, state: CompareState, kind: str = "bar") -> ChartModel:
    """One chart of the pinned areas: `bar` for the state's year, `line` over every year with a value."""
    if not state.areas:
        raise EmptyView("compare_empty", "name 1–6 areas, e.g. ?areas=1480R044,1490R019")
    ind = atlas.catalogue.get(state.indicator)
    if kind == "line":
        table = line_table(atlas, state.areas, state.indicator)
        known = table.dropna(subset=["value"])
        span = f"{int(known['year'].min())}–{int(known['year'].max())}" if len(known) else str(state.year)
        figure = line_figure(atlas, state.areas, state.indicator, state.lang)
        alt = line_alt(ind, state.lang, table)
    else:
        table = bar_table(atlas, state.areas, state.indicator, state.year)
        span = str(state.year)
        figure = bar_figure(atlas, state.areas, state.indicator, state.year, state.lang)
        alt = bar_alt(ind, state.lang, state.year, table)
    source = source_line(atlas, state.indicator, span, state.lang)
    return ChartModel(kind, figure, table, alt, f"{ind.name[state.lang]} {span}", span, source)


LOCATOR_HEIGHT = 332  # px, border included: the map's, and its box's until it is drawn


def locator(atlas: Atlas, state: CompareState) -> html.Div:
    """A small map of the pinned areas, each in its chart colour, drawn when it comes into view (it is below
    the fold, and the one thing on the page that needs dash-leaflet); areas without a shape are listed."""
    features, boxes, missing, markers = [], [], [], []
    outline_of: tuple[str, str] | None = None  # level and edition of the first drawn area
    for code in state.areas:
        level = small_area_level(code) or "deso"
        edition = atlas.geometry_edition(level, state.year or 2025, [kommun_of(code)])
        shapes = atlas.web_shapes(level, edition, [kommun_of(code)]) if edition else None
        hit = shapes[shapes["code"] == code] if shapes is not None else None
        if hit is None or hit.empty:
            missing.append(area_label(atlas, code, state.areas))
            continue
        label = area_label(atlas, code, state.areas)
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": label, "tooltip": label},
                "geometry": hit.geometry.iloc[0].__geo_interface__,
            }
        )
        boxes.append([float(v) for v in hit.total_bounds])
        outline_of = outline_of or (level, edition)
        spot = hit.geometry.iloc[0].representative_point()  # a marker, since a DeSO is a speck at this zoom
        markers.append(
            dl.CircleMarker(
                center=[spot.y, spot.x],
                radius=7,
                color="#ffffff",
                weight=2,
                fillColor=PALETTE[state.areas.index(code) % len(PALETTE)],
                fillOpacity=1,
                children=dl.Tooltip(label),
            )
        )
    hideout = {"cls": {code: i for i, code in enumerate(state.areas)}, "col": list(PALETTE), "nodata": "#ccc"}
    if boxes:  # bounds only work when given without centre and zoom
        view = {
            "bounds": [
                [min(b[1] for b in boxes) - 0.03, min(b[0] for b in boxes) - 0.05],
                [max(b[3] for b in boxes) + 0.03, max(b[2] for b in boxes) + 0.05],
            ]
        }
    else:
        view = {"center": [62.0, 15.0], "zoom": 4}
    layers = []
    if outline_of:  # the municipalities' outlines, for where the areas lie
        munis = tuple(sorted({kommun_of(c) for c in state.areas}))
        outline_url = geometry_url(atlas.version, f"outline-{outline_of[0]}", outline_of[1], munis)
        layers.append(dl.GeoJSON(url=outline_url, style=OUTLINE, interactive=False, id="locator-outlines"))
    layers.append(
        dl.GeoJSON(
            data={"type": "FeatureCollection", "features": features},
            style=STYLE,
            hideout=hideout,
            id="locator-areas",
        )
    )
    layers.extend(markers)
    the_map = dl.Map(
        layers,
        preferCanvas=True,
        zoomSnap=0.25,
        className="locator",
        style={"height": f"{LOCATOR_HEIGHT}px"},
        id="locator",
        trackViewport=False,  # dash-leaflet's viewport tracking needs a centre; this map is fitted by bounds
        **view,
    )
    note = (
        html.P(
            f"{text('no_shape', state.lang)}: {', '.join(missing)}", className="legend-note warn", id="locator-missing"
        )
        if missing
        else None
    )
    failed = html.P(text("map_failed", state.lang), className="notice", id="locator-failed")
    return html.Div([lazy("locator", the_map, LOCATOR_HEIGHT, needs=("dash_leaflet",), failed=failed), note])


def body(atlas: Atlas, state: CompareState) -> list:
    lang = state.lang
    ind = atlas.catalogue.get(state.indicator)
    if len(state.areas) == 0:
        return [html.P(text("compare_empty", lang), className="notice")]
    fmt = lambda v: format_value(v, ind.unit, lang) if v == v and v is not None else "–"  # noqa: E731
    line, bar = chart_model(atlas, state, "line"), chart_model(atlas, state, "bar")
    lines = line.table
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    line_block = _chart_block(
        f"{ind.name[lang]} · {t('over_time')}",
        state,
        line,
        [
            ("area", t("area_col")),
            ("year", t("year_col")),
            ("edition", t("vintage_col")),
            ("value", t("value_col")),
            ("join", t("join_col")),
        ],
        {"value": fmt, "join": lambda j: text(JOIN_KEYS[j], lang) if isinstance(j, str) else "–"},
    )
    bar_block = _chart_block(
        f"{ind.name[lang]} · {t('one_year', year=state.year)}",
        state,
        bar,
        [
            ("area", t("area_col")),
            ("value", t("value_col")),
            ("kommun", t("kommun_col")),
            ("kommun_value", t("kommun_value_col")),
            ("riket_value", t("riket_col")),
        ],
        {"value": fmt, "kommun_value": fmt, "riket_value": fmt},
    )
    years = sorted(lines.dropna(subset=["value"])["year"].unique())
    if len(years) == 1:  # one point per area is not a trend: say so above the chart
        one_year = html.P(t("compare_one_year", year=years[0]), className="muted", id="compare-one-year")
        line_block.children.insert(1, one_year)
    broken = lines[lines["join"] == "none"].dropna(subset=["value"]).drop_duplicates("code")
    if len(broken) and breaks(lines):  # a moved boundary keeps its break, with the reason in words
        notes = [
            html.Li(f"{r.area}: {t('join_break', reason=reason_text(r.reason, lang))}") for r in broken.itertuples()
        ]
        line_block.children.insert(2, html.Ul(notes, className="legend-note", id="compare-breaks"))
    refs = [
        r for code in state.areas for r in atlas.references(code, small_area_level(code) or "deso", ind.id, state.year)
    ]
    return [
        html.Div([line_block, bar_block], className="charts"),
        html.Div(reference_gaps(refs, state.year, lang), id="compare-ref-gaps"),
        html.Div(
            [
                html.Section(
                    [html.H2(t("all_indicators", year=state.year)), indicator_table(atlas, state)],
                    className="chart wide-table",
                ),
                html.Section([html.H2(t("locator")), locator(atlas, state)], className="chart"),
            ],
            className="charts",
        ),
    ]


def indicator_table(atlas: Atlas, state: CompareState) -> html.Table:
    """Every catalogue indicator × pinned areas for the year, with each municipality and the nation."""
    lang = state.lang
    profile = atlas.profile(state.areas, state.year)
    kommuner = list(profile.columns[len(state.areas) : -1])
    head = [
        text("indicator", lang),
        *[area_label(atlas, c, state.areas) for c in state.areas],
        *[atlas.name(k, "kommun") for k in kommuner],
        text("reference_riket", lang),
    ]
    rows = [
        html.Tr(
            [
                html.Th(ind.name[lang], scope="row"),
                *[html.Td(format_value(v, ind.unit, lang), className="num") for v in cells],
            ]
        )
        for ind_id, cells in zip(profile.index, profile.to_numpy(dtype=float), strict=True)
        for ind in [atlas.catalogue.get(ind_id)]
    ]
    return html.Table(
        [html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(rows)], id="compare-table", className="data"
    )


def sentences(atlas: Atlas, state: CompareState) -> list:
    from dashboard.sentences import compare_sentence

    ind = atlas.catalogue.get(state.indicator)
    table = bar_table(atlas, state.areas, state.indicator, state.year)
    return [
        html.Li(
            compare_sentence(
                ind,
                state.lang,
                state.year,
                atlas.name(r.code, small_area_level(r.code) or "deso") or r.code,
                r.value,
                r.kommun,
                r.kommun_value,
                r.riket_value,
            )
        )
        for r in table.itertuples()
    ]


def drawn(atlas: Atlas, state: CompareState) -> dict:
    """What the page shows of `state`: the layout's first values and what `render` writes on every change."""
    return {
        "body": body(atlas, state),
        "sentences": sentences(atlas, state) if state.areas else [],
        "chips": chips(atlas, state),
        "explore": EXPLORE_PATH + explore_search(state),
    }


def controls_to_state(before: CompareState, trigger: object, controls: dict) -> CompareState:
    """The one rule turning the compare controls into the next state (validated by the parser after)."""
    areas = before.areas
    added = control_text(controls["added"])
    if trigger == "compare-search" and added:
        areas = tuple(dict.fromkeys((*areas, added)))
    elif isinstance(trigger, dict):
        areas = tuple(a for a in areas if a != trigger["code"])
    elif trigger == "compare-clear":
        areas = ()
    indicator = control_text(controls["indicator"]) or before.indicator
    return replace(before, areas=areas, indicator=indicator, year=control_year(controls["year"]) or before.year)


def register_compare_callbacks(app: Dash) -> None:
    correct_address(app, "compare-url")

    @app.callback(
        Output("compare-search", "options"),
        Input("compare-search", "search_value"),
        State("compare-state", "data"),
        prevent_initial_call=True,
    )
    def search_options(query, _data):
        query = control_text(query)
        if not query:
            return no_update
        atlas = current_atlas()
        kind = {"regso": "RegSO", "deso": "DeSO"}
        return [
            {"label": f"{name} · {code} ({kind[level]}, {atlas.name(kommun_of(code), 'kommun')})", "value": code}
            for code, level, name in atlas.find_areas(query)
        ]

    outputs = {
        "search": Output("compare-url", "search"),
        "state": Output("compare-state", "data"),
        "notice": Output("compare-notice", "children"),
        "indicator": Output("compare-indicator", "value"),
        "year": Output("compare-year", "value"),
        "year_options": Output("compare-year", "options"),
        "added": Output("compare-search", "value"),
        "lang_href": Output("compare-lang-link", "href"),
    }

    @app.callback(
        output=outputs,
        inputs={
            "search": Input("compare-url", "search"),
            "controls": {
                "added": Input("compare-search", "value"),
                "unpins": Input({"type": "compare-unpin", "code": ALL}, "n_clicks"),
                "clear": Input("compare-clear", "n_clicks"),
                "indicator": Input("compare-indicator", "value"),
                "year": Input("compare-year", "value"),
            },
            "current": State("compare-state", "data"),
        },
        prevent_initial_call=True,  # the layout is the URL's state already
    )
    def sync(search, controls, current):
        atlas = current_atlas()
        trigger = ctx.triggered_id
        notices, head = [], "notice_head"
        if trigger in (None, "compare-url"):
            state, notices = parse_compare(control_text(search), atlas)
        else:
            if isinstance(trigger, dict) and not ctx.triggered[0]["value"]:  # a chip drawn, not clicked
                return dict.fromkeys(outputs, no_update)
            wanted = controls_to_state(STATE.from_dict(current, atlas), trigger, controls)
            state, found = parse_compare(compare_to_search(wanted), atlas)
            notices, head = [n for n in found if n.key == "too_many"], "not_added"
        new_search = compare_to_search(state)
        return {
            "search": new_search if new_search != search else no_update,
            "state": asdict(state),
            "notice": notice_box(notices, state.lang, head),
            "indicator": state.indicator,
            "year": state.year,
            "year_options": year_options(atlas, state),
            "added": None,
            "lang_href": switch_href(PATH, compare_to_search, state),
        }

    @app.callback(
        output={
            "body": Output("compare-body", "children"),
            "sentences": Output("compare-sentences", "children"),
            "chips": Output("compare-chips", "children"),
            "explore": Output("explore-link", "href"),
        },
        inputs={"data": Input("compare-state", "data")},
        prevent_initial_call=True,  # the layout draws the first state
    )
    def render(data):
        atlas = current_atlas()
        return drawn(atlas, STATE.from_dict(data, atlas))


STATE = StateType(CompareState, parse_compare, compare_to_search)
VIEW = View(
    path=PATH,
    title_key="compare_title",
    state=STATE,
    layout=layout,
    callbacks=register_compare_callbacks,
    press=Press(
        name="chart",
        model=chart_model,
        draw=draw_chart,
        size=chart_size,
        download=chart_table,
        filename=chart_filename,
        downloads=tuple(TABLE_FORMATS),
        variants=("bar", "line"),
        variant_key="chart",
        snippet_height=lambda _model: 520,
    ),
)
