"""The map as a table: every area with its value, highest first, each a link that opens its panel.

The keyboard's and the screen reader's way to the areas (a canvas map offers neither), and the
planner's way to read exact figures. Built only while the reader has it open. It is sent as plain rows
that `atlas.table.render` (assets/map.js) writes as HTML: one Dash component per cell made opening
Göteborg's 320 rows take many seconds, and every restyle with it open as long again. The rows' links
share one address template (`link`, the area's code in place of `AREA`): a link per row repeated the
whole query string, 47 municipalities' codes in each of the whole region's 2,090 rows (840 kB, 75 ms).
"""

from __future__ import annotations

from dataclasses import replace

from dashboard.formatting import format_change, format_value
from dashboard.texts import text
from dashboard.urlstate import ViewState, to_search
from geodata.queries import Atlas

AREA = "AREA"  # stands for each row's code in the link template; no other part of a query string is this


def area_table(atlas: Atlas, state: ViewState) -> dict:
    """Caption, column heads, the selected code, the link template (`AREA` for the code) and rows of
    (code, name, municipality, value shown)."""
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

    kommun_names = {kommun: atlas.name(kommun, "kommun") for kommun in frame["kommun"].unique()}
    columns = (frame[column].tolist() for column in ("code", "name", "kommun", "value"))  # faster than itertuples
    rows = [
        (code, name or code, kommun_names[kommun], shown(value))
        for code, name, kommun, value in zip(*columns, strict=True)
    ]
    head = [text("area_col", lang), text("code_col", lang), text("kommun_col", lang), text("value_col", lang)]
    link = "/" + to_search(replace(state, area=AREA))
    return {"caption": caption, "head": head, "rows": rows, "link": link, "selected": state.area}
