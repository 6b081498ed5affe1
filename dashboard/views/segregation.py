"""The segregation view: how segregated each chosen municipality is, with intervals, over time, among all.

`/segregation?municipality=1480,1481,1490&measure=dissimilarity&group=utlandsk_bakgrund&year=2022&lang=sv`.
Measures and intervals are precomputed in the store; only the test of a difference between two chosen
municipalities is computed here, from the store's counts, once per store version and pair.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard.by_version import by_store_version
from dashboard.cache import cached_bytes
from dashboard.charts import BREAK_X, PALETTE, mark_break
from dashboard.classify import CATEGORY
from dashboard.components.chrome import address, correct_address, notice_box, page, switch_href
from dashboard.components.lazy import lazy_graph
from dashboard.components.press_panel import view_press
from dashboard.components.widgets import labelled_dropdown, municipality_options, radio_group
from dashboard.formatting import format_number, plotly_separators
from dashboard.models import SegregationModel
from dashboard.pageurl import page_search
from dashboard.press.alt_text import segregation_alt
from dashboard.press.downloads import source_line
from dashboard.press.pictures import draw_segregation, segregation_filename, segregation_size, segregation_table
from dashboard.press.spreadsheet import TABLE_FORMATS
from dashboard.texts import MEASURE_KEYS, MEASURE_SYMBOL_KEYS, text
from dashboard.urlstate import (
    SegregationState,
    control_codes,
    control_text,
    control_year,
    parse_segregation,
    segregation_to_search,
)
from dashboard.viewtypes import Press, StateType, View
from geodata.levels import FIRST_YEAR_OF_2025_EDITION, LEVEL_NAMES, edition_of_year
from geodata.measures import MEASURE_IDS, MEASURE_INFO
from geodata.measures.inference import FEW_AREAS
from geodata.queries import Atlas, current_atlas

PATH = "/segregation"
SPLIT_INDICATOR = {"utbildning": "forgymnasial"}  # the indicator whose SCB table a split's counts come from


def _fmt(v: float, lang: str) -> str:
    return format_number(v, lang, 2)


def distinct_pair(a: float, b: float, lang: str, most: int = 4) -> tuple[str, str] | None:
    """Two values with the fewest decimals (2 to `most`) that tell them apart, so a reader never sees
    "0,35 mot 0,35"; None when they are equal to `most` decimals."""
    for decimals in range(2, most + 1):
        pa, pb = format_number(a, lang, decimals), format_number(b, lang, decimals)
        if pa != pb:
            return pa, pb
    return None


def _p(p: float, lang: str) -> str:
    """'p < 0,001' or 'p = 0,328'."""
    return f"p < {format_number(0.001, lang, 3)}" if p < 0.001 else f"p = {format_number(p, lang, 3)}"


def sentence(atlas: Atlas, state: SegregationState) -> list[str]:
    """The first chosen municipality against each other one, with the test of the difference: bootstrap
    tests, the view's costliest part, so kept in the shared cache by the state and the store version."""
    body = cached_bytes(atlas.version, "seg_sentences", (state,), lambda: json.dumps(_sentence(atlas, state)).encode())
    return json.loads(body)


def _sentence(atlas: Atlas, state: SegregationState) -> list[str]:
    lang = state.lang
    measure = text(MEASURE_SYMBOL_KEYS[state.measure], lang)
    more = "seg_more" if MEASURE_INFO[state.measure].kind == "evenness" else "seg_higher"
    out = []
    for c in atlas.measure_comparisons(state.measure, state.group, state.year, state.level, state.municipalities):
        hi, lo = c.higher_name, c.lower_name
        pair = distinct_pair(c.higher_value, c.lower_value, lang)
        if pair is None:
            head = text("seg_equal", lang, a=hi, b=lo, va=_fmt(c.higher_value, lang), measure=measure)
        else:
            head = text(more, lang, a=hi, b=lo, va=pair[0], vb=pair[1], measure=measure)
        tail = text("seg_sure" if c.difference.significant else "seg_unsure", lang, p=_p(c.difference.p_value, lang))
        out.append(f"{head}; {tail}.")
    rows = atlas.measures(state.measure, state.group, state.year, state.level, list(state.municipalities))
    for row in rows.itertuples():
        if row.n_areas < FEW_AREAS:
            out.append(text("seg_few", lang, name=row.name, n=int(row.n_areas)))
    return out


@by_store_version(128)
def interval_figure(atlas: Atlas, state: SegregationState) -> go.Figure:
    fig = go.Figure()
    for level, symbol, offset in (("deso", "circle", -0.12), ("regso", "diamond", 0.12)):
        if state.year not in atlas.measure_years(state.group, level):
            continue
        rows = atlas.measures(state.measure, state.group, state.year, level, list(state.municipalities))
        if rows.empty:  # none of the municipalities has every area's counts for this grouping and year
            continue
        order = {k: i for i, k in enumerate(state.municipalities)}
        rows = rows.assign(pos=rows["kommun"].map(order)).sort_values("pos")
        fig.add_trace(
            go.Scatter(
                x=rows["value"],
                y=rows["pos"] + offset,
                mode="markers",
                name=LEVEL_NAMES[state.lang][level],
                marker={"symbol": symbol, "size": 11, "color": [PALETTE[int(p) % 6] for p in rows["pos"]]},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": rows["high"] - rows["value"],
                    "arrayminus": rows["value"] - rows["low"],
                    "color": "#555",
                    "thickness": 1.5,
                },
                customdata=rows[["name", "low", "high", "n_areas"]].values,
                hovertemplate="%{customdata[0]}: %{x:.3f} (%{customdata[1]:.3f}–%{customdata[2]:.3f}), "
                f"%{{customdata[3]}} {text('areas_hover', state.lang)}<extra>"
                + LEVEL_NAMES[state.lang][level]
                + "</extra>",
            )
        )
    names = [atlas.name(k, "kommun") for k in state.municipalities]
    fig.update_layout(
        height=90 + 60 * len(names),
        margin={"l": 110, "r": 20, "t": 10, "b": 40},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.3},
        yaxis={"tickvals": list(range(len(names))), "ticktext": names, "autorange": "reversed"},
        xaxis={"gridcolor": "#eee", "rangemode": "tozero"},
        separators=plotly_separators(state.lang),
    )
    return fig


@by_store_version(128)
def years_figure(atlas: Atlas, state: SegregationState) -> go.Figure:
    """One line per municipality, broken at SCB's 2024 boundary change: the measures on either side are
    over different areas and are never joined."""
    rows = atlas.measures(state.measure, state.group, None, state.level, list(state.municipalities))
    fig = go.Figure()
    for i, kommun in enumerate(state.municipalities):
        part = rows[rows["kommun"] == kommun].sort_values("year")
        if part.empty:
            continue
        gap = part.iloc[:0].reindex([0]).assign(year=BREAK_X)  # one empty point between editions
        pieces = [p for _, p in part.groupby(part["year"].map(edition_of_year), sort=True)]
        part = pd.concat([x for p in pieces for x in (p, gap)][:-1], ignore_index=True)
        color = PALETTE[i % 6]
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["value"],
                mode="lines+markers",
                name=rows.loc[rows["kommun"] == kommun, "name"].iloc[0],
                connectgaps=False,
                line={"color": color},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": part["high"] - part["value"],
                    "arrayminus": part["value"] - part["low"],
                    "color": color,
                },
            )
        )
    if len(rows) and rows["year"].min() < FIRST_YEAR_OF_2025_EDITION <= rows["year"].max():
        mark_break(fig, state.lang)
    fig.update_layout(
        height=300,
        margin={"l": 50, "r": 10, "t": 20, "b": 40},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.2},
        xaxis={"dtick": 1, "gridcolor": "#eee"},
        yaxis={"gridcolor": "#eee", "rangemode": "tozero"},
        separators=plotly_separators(state.lang),
    )
    return fig


def over_time(atlas: Atlas, state: SegregationState, graph) -> list:
    """The measures over the years, or, with a single year on this level, why not and where there are more."""
    years = atlas.measure_years(state.group, state.level)
    if len(years) > 1:
        return [graph("seg-years", years_figure(atlas, state))]
    lang = state.lang
    out = [
        html.P(
            text("seg_one_year", lang, years=", ".join(map(str, years)), level=LEVEL_NAMES[lang][state.level]),
            className="muted",
            id="seg-one-year",
        )
    ]
    for other in ("deso", "regso"):
        other_years = atlas.measure_years(state.group, other)
        if other != state.level and len(other_years) > 1:
            year = state.year if state.year in other_years else other_years[-1]
            target = replace(state, level=other, year=year)
            first, last = other_years[0], other_years[-1]
            label = text("seg_more_years", lang, level=LEVEL_NAMES[lang][other], first=first, last=last)
            out.append(html.A(label, href=PATH + segregation_to_search(target), id="seg-other-level"))
    return out


@by_store_version(128)
def all_figure(atlas: Atlas, state: SegregationState) -> go.Figure:
    """Every municipality as a grey dot, the chosen ones coloured: where they stand among all 290."""
    rows = atlas.measures(state.measure, state.group, state.year, state.level).sort_values("value")
    chosen = rows[rows["kommun"].isin(state.municipalities)]
    fig = go.Figure(
        [
            go.Scatter(
                x=rows["value"],
                y=[0] * len(rows),
                mode="markers",
                marker={"color": "#bbb", "size": 7},
                text=rows["name"],
                hovertemplate="%{text}: %{x:.3f}<extra></extra>",
                showlegend=False,
            ),
            go.Scatter(
                x=chosen["value"],
                y=[0] * len(chosen),
                mode="markers+text",
                text=chosen["name"],
                textposition="top center",
                showlegend=False,
                marker={"size": 12, "color": [PALETTE[state.municipalities.index(k) % 6] for k in chosen["kommun"]]},
            ),
        ]
    )
    fig.update_layout(
        height=140,
        margin={"l": 20, "r": 20, "t": 30, "b": 30},
        plot_bgcolor="white",
        yaxis={"visible": False},
        xaxis={"gridcolor": "#eee"},
        separators=plotly_separators(state.lang),
    )
    return fig


@by_store_version(128)
def types_figure(atlas: Atlas, municipalities: tuple[str, ...], year: int, lang: str) -> go.Figure:
    ind = atlas.catalogue.get("omradestyp")
    shares = atlas.area_type_shares(municipalities, year)
    names = [atlas.name(k, "kommun") for k in municipalities]
    fig = go.Figure()
    for code, color in CATEGORY.items():
        fig.add_trace(
            go.Bar(
                y=names,
                x=100 * shares[code] if code in shares else [0.0] * len(names),
                orientation="h",
                marker={"color": color},
                name=f"{code} {ind.category_label(code, lang)}",
                hovertemplate="%{y}: %{x:.1f} %<extra>" + str(code) + "</extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        height=110 + 45 * len(names),
        margin={"l": 110, "r": 20, "t": 10, "b": 40},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.35, "font": {"size": 10}},
        xaxis={"range": [0, 100], "ticksuffix": " %"},
        yaxis={"autorange": "reversed"},
        separators=plotly_separators(lang),
    )
    return fig


def segregation_model(atlas: Atlas, state: SegregationState, _variant: str = "") -> SegregationModel:
    """The dot-and-whisker picture of the chosen municipalities' measure, with its table and words."""
    lang = state.lang
    split = atlas.catalogue.split(state.group)
    rows = atlas.measures(state.measure, state.group, state.year, state.level, list(state.municipalities))
    measure_name = text(MEASURE_KEYS[state.measure], lang)
    return SegregationModel(
        title=f"{measure_name}: {split.name[lang]} {state.year}",
        rows=rows,
        figure=interval_figure(atlas, state),
        alt=segregation_alt(measure_name, split.name[lang], lang, state.year, LEVEL_NAMES[lang][state.level], rows),
        source=source_line(atlas, SPLIT_INDICATOR.get(state.group, state.group), state.year, lang),
        height=max(320, 160 + 70 * len(state.municipalities)),  # a row per municipality
    )


def ranks(atlas: Atlas, state: SegregationState) -> list[str]:
    ranked = atlas.measure_ranks(state.measure, state.group, state.year, state.level).set_index("kommun")
    return [
        text(
            "seg_rank", state.lang, name=ranked.at[k, "name"], rank=int(ranked.at[k, "rank"]), n=int(ranked.at[k, "n"])
        )
        for k in state.municipalities
        if k in ranked.index
    ]


def interval_table(atlas: Atlas, state: SegregationState) -> html.Table:
    rows = atlas.measures(state.measure, state.group, state.year, state.level, list(state.municipalities))
    lang = state.lang
    head = [
        text("kommun_col", lang),
        text(MEASURE_SYMBOL_KEYS[state.measure], lang),
        "95 %",
        text("areas_col", lang),
        text("people_col", lang),
    ]
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(h) for h in head])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(r.name),
                            html.Td(_fmt(r.value, lang), className="num"),
                            html.Td(f"{_fmt(r.low, lang)} – {_fmt(r.high, lang)}", className="num"),
                            html.Td(str(r.n_areas), className="num"),
                            html.Td(format_number(r.population, lang, 0), className="num"),
                        ]
                    )
                    for r in rows.itertuples()
                ]
            ),
        ],
        id="seg-table",
        className="data",
    )


def year_options(atlas: Atlas, state: SegregationState) -> list[dict]:
    return [{"label": str(y), "value": y} for y in atlas.measure_years(state.group, state.level)]


def layout() -> html.Div:
    atlas = current_atlas()
    state, notices = parse_segregation(page_search(), atlas)
    first = drawn(atlas, state)  # the page comes whole: no callback runs when it opens
    lang = state.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    return page(
        PATH,
        lang,
        t("seg_title"),
        switch_href(PATH, segregation_to_search, state),
        "seg-lang-link",
        before=[
            *address("seg-url", PATH, segregation_to_search(state)),
            dcc.Store(id="seg-state", data=asdict(state)),
        ],
        body=[
            html.Div(notice_box(notices, lang), id="seg-notice"),
            html.Div(
                [
                    html.Div(
                        [
                            *labelled_dropdown(
                                t("municipality"),
                                "seg-municipality",
                                municipality_options(atlas),
                                list(state.municipalities),
                                lang,
                                multi=True,
                                clearable=False,
                                options_on_use=True,
                            ),
                        ],
                        className="compare-pick",
                    ),
                    html.Div(
                        [
                            *labelled_dropdown(
                                t("group"),
                                "seg-group",
                                [
                                    {"label": s.name[lang], "value": s.id}
                                    for s in atlas.catalogue.splits
                                    if s.id in atlas.split_ids()
                                ],
                                state.group,
                                lang,
                                clearable=False,
                                options_on_use=True,
                            ),
                        ],
                        className="compare-pick",
                    ),
                    html.Div(
                        [
                            *labelled_dropdown(
                                t("measure"),
                                "seg-measure",
                                [{"label": t(MEASURE_KEYS[m]), "value": m} for m in MEASURE_IDS],
                                state.measure,
                                lang,
                                clearable=False,
                                options_on_use=True,
                            ),
                        ],
                        className="compare-pick",
                    ),
                    html.Fieldset(
                        [
                            *radio_group(
                                t("level"),
                                id="seg-level",
                                options=[{"label": LEVEL_NAMES[lang][lv], "value": lv} for lv in ("deso", "regso")],
                                value=state.level,
                                inline=True,
                            ),
                            *radio_group(
                                t("year"),
                                id="seg-year",
                                options=year_options(atlas, state),
                                value=state.year,
                                inline=True,
                            ),
                        ],
                        className="compare-pick controls",
                    ),
                ],
                className="seg-controls",
            ),
            html.Ul(first["sentences"], id="seg-sentences", className="sentences", **{"aria-live": "polite"}),
            html.Div(first["body"], id="seg-body"),
            html.P(t("seg_explain"), className="muted"),
        ],
        class_name="page wide segregation",
    )


def drawn(atlas: Atlas, state: SegregationState) -> dict:
    """What the page shows of `state`: the layout's first values and what `render` writes on every change."""
    lang = state.lang
    t = lambda key, **kw: text(key, lang, **kw)  # noqa: E731
    level_name = LEVEL_NAMES[lang][state.level]
    type_year = atlas.area_type_year(state.municipalities, state.year)
    n_all = len(atlas.measures(state.measure, state.group, state.year, state.level))
    graph = lazy_graph
    body = [
        html.Div(
            [
                html.Section(
                    [
                        html.H2(t("seg_intervals", measure=t(MEASURE_KEYS[state.measure]), year=state.year)),
                        graph("seg-intervals", interval_figure(atlas, state)),
                        html.Details([html.Summary(t("show_table")), interval_table(atlas, state)]),
                        view_press(VIEW, state, segregation_model(atlas, state), "seg-press"),
                    ],
                    className="chart",
                ),
                html.Section(
                    [
                        html.H2(t("seg_over_time", level=level_name)),
                        *over_time(atlas, state, graph),
                    ],
                    className="chart",
                ),
            ],
            className="charts",
        ),
        html.Div(
            [
                html.Section(
                    [
                        html.H2(t("seg_all", n=n_all, year=state.year, level=level_name)),
                        graph("seg-all", all_figure(atlas, state)),
                        html.Ul([html.Li(r) for r in ranks(atlas, state)], id="seg-ranks"),
                    ],
                    className="chart",
                ),
                html.Section(
                    [
                        html.H2(t("seg_types", year=type_year)),
                        graph("seg-types", types_figure(atlas, state.municipalities, type_year, lang)),
                    ]
                    if type_year
                    else [],
                    className="chart",
                ),
            ],
            className="charts",
        ),
    ]
    return {"body": body, "sentences": [html.Li(s) for s in sentence(atlas, state)]}


def controls_to_state(before: SegregationState, controls: dict) -> SegregationState:
    """The one rule turning the segregation controls into the next state (validated by the parser after)."""
    return replace(
        before,
        municipalities=control_codes(controls["municipalities"]) or before.municipalities,
        group=control_text(controls["group"]),
        measure=control_text(controls["measure"]),
        level=control_text(controls["level"]),
        year=control_year(controls["year"]) or before.year,
    )


def register_segregation_callbacks(app: Dash) -> None:
    correct_address(app, "seg-url")

    @app.callback(
        output={
            "search": Output("seg-url", "search"),
            "state": Output("seg-state", "data"),
            "notice": Output("seg-notice", "children"),
            "municipalities": Output("seg-municipality", "value"),
            "group": Output("seg-group", "value"),
            "measure": Output("seg-measure", "value"),
            "level": Output("seg-level", "value"),
            "year": Output("seg-year", "value"),
            "year_options": Output("seg-year", "options"),
        },
        inputs={
            "search": Input("seg-url", "search"),
            "controls": {
                "municipalities": Input("seg-municipality", "value"),
                "group": Input("seg-group", "value"),
                "measure": Input("seg-measure", "value"),
                "level": Input("seg-level", "value"),
                "year": Input("seg-year", "value"),
            },
            "current": State("seg-state", "data"),
        },
        prevent_initial_call=True,  # the layout is the URL's state already
    )
    def sync(search, controls, current):
        atlas = current_atlas()
        notices = []
        if ctx.triggered_id in (None, "seg-url"):
            state, notices = parse_segregation(control_text(search), atlas)
        else:
            wanted = controls_to_state(STATE.from_dict(current, atlas), controls)
            state, _ = parse_segregation(segregation_to_search(wanted), atlas)
        new = segregation_to_search(state)
        return {
            "search": new if new != search else no_update,
            "state": asdict(state),
            "notice": notice_box(notices, state.lang),
            "municipalities": list(state.municipalities),
            "group": state.group,
            "measure": state.measure,
            "level": state.level,
            "year": state.year,
            "year_options": year_options(atlas, state),
        }

    @app.callback(
        output={"body": Output("seg-body", "children"), "sentences": Output("seg-sentences", "children")},
        inputs={"data": Input("seg-state", "data")},
        prevent_initial_call=True,  # the layout draws the first state
    )
    def render(data):
        atlas = current_atlas()
        return drawn(atlas, STATE.from_dict(data, atlas))


STATE = StateType(SegregationState, parse_segregation, segregation_to_search)
VIEW = View(
    path=PATH,
    title_key="seg_title",
    state=STATE,
    layout=layout,
    callbacks=register_segregation_callbacks,
    press=Press(
        name="segregation",
        model=segregation_model,
        draw=draw_segregation,
        size=segregation_size,
        download=segregation_table,
        filename=segregation_filename,
        downloads=tuple(TABLE_FORMATS),
        snippet_height=lambda model: model.height + 40,
    ),
)
