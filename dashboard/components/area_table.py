"""The map as a table: every area with its value, highest first, each a link that opens its panel.

The keyboard's and the screen reader's way to the areas (a canvas map offers neither), and the
planner's way to read exact figures. Built only while the reader has it open, so restyles stay small.
"""

from __future__ import annotations

from dataclasses import replace

from dash import dcc, html

from dashboard.formatting import format_change, format_value
from dashboard.texts import text
from dashboard.urlstate import ViewState, to_search
from geodata.queries import Atlas


def area_table(atlas: Atlas, state: ViewState) -> html.Table:
    lang, ind = state.lang, atlas.catalogue.get(state.indicator)
    municipalities = None if state.level in ("lan", "riket") else list(state.municipalities)
    frame = atlas.values(state.indicator, state.level, state.year, municipalities)
    caption = f"{ind.name[lang]} {state.year}"
    if state.year_from is not None:  # the change map's table: the change, highest first
        frame = atlas.change(state.indicator, state.level, state.year_from, state.year, municipalities)
        frame = frame.assign(value=frame["change"])
        unit = atlas.change_unit(state.indicator)
        caption = f"{ind.name[lang]}: {text('change_title', lang, first=state.year_from, last=state.year)}"
    frame = frame.sort_values(["value", "code"], ascending=[False, True], na_position="last", kind="stable")

    def shown(value: float) -> str:
        if value != value:
            return "–"
        if state.year_from is not None:
            return format_change(value, unit, lang)
        if ind.unit == "category":
            return f"{value:.0f} {ind.category_label(value, lang)}"
        return format_value(value, ind.unit, lang)

    rows = [
        html.Tr(
            [
                html.Td(dcc.Link(name or code, href="/" + to_search(replace(state, area=code)))),
                html.Td(code, className="code"),
                html.Td(atlas.name(kommun, "kommun")),
                html.Td(shown(value), className="num"),
            ],
            className="selected" if code == state.area else None,
        )
        for code, name, kommun, value in frame[["code", "name", "kommun", "value"]].itertuples(index=False)
    ]
    head = [text("area_col", lang), text("code_col", lang), text("kommun_col", lang), text("value_col", lang)]
    return html.Table(
        [
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
            html.Tbody(rows),
        ],
        className="data",
        id="area-table",
    )
