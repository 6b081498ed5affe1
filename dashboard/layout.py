"""The placeholder page until the explore view lands: what the atlas is, and what the store holds.

It reads `lang` from the URL (Swedish by default) and shows each catalogue indicator with its
municipal and national figures for Göteborg in the latest year, so a reader sees real numbers."""

from __future__ import annotations

from urllib.parse import parse_qs

import dash
from dash import Input, Output, dcc, html

from dashboard.formatting import format_value
from dashboard.texts import text
from geodata.errors import StoreMissingError
from geodata.queries import current_atlas

EXAMPLE_MUNICIPALITY = "1480"


def build_layout() -> html.Div:
    return html.Div([dcc.Location(id="url"), html.Main(id="page", className="page")])


def _lang(search: str | None) -> str:
    values = parse_qs((search or "").lstrip("?")).get("lang", ["sv"])
    return "en" if values[0] == "en" else "sv"


def _indicator_rows(lang: str) -> list[html.Tr]:
    atlas = current_atlas()
    rows = []
    for ind in atlas.catalogue.indicators:
        years = atlas.years(ind.id, "kommun")
        cells = [html.Td(ind.name[lang]), html.Td(ind.definition[lang]), html.Td("; ".join(ind.tables))]
        if years:
            year = years[-1]
            kommun = atlas.value(ind.id, "kommun", year, EXAMPLE_MUNICIPALITY)
            riket = atlas.value(ind.id, "riket", year, "00")
            cells += [
                html.Td(str(year)),
                html.Td(format_value(kommun, ind.unit, lang), className="num"),
                html.Td(format_value(riket, ind.unit, lang), className="num"),
            ]
        else:
            cells += [html.Td("–"), html.Td("–", className="num"), html.Td("–", className="num")]
        rows.append(html.Tr(cells))
    return rows


def page(lang: str) -> list:
    other = "en" if lang == "sv" else "sv"
    header = [
        html.Header([html.H1(text("title", lang)), html.A(text("language", lang), href=f"?lang={other}")]),
        html.P(text("tagline", lang)),
        html.P(text("placeholder", lang), className="notice"),
    ]
    try:
        atlas = current_atlas()
    except StoreMissingError:
        return [*header, html.P(text("no_store", lang), className="error", role="alert")]
    m = atlas.store.manifest
    head = (
        ["Indikator", "Definition", "SCB-tabell", "År", "Göteborg", "Riket"]
        if lang == "sv"
        else ["Indicator", "Definition", "SCB table", "Year", "Göteborg", "Sweden"]
    )
    return [
        *header,
        html.H2(text("store", lang)),
        html.P(f"{text('version', lang)}: {m['version']} · {text('source', lang)}: {m['source']}"),
        html.H2(text("indicators", lang)),
        html.Table(
            [html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(_indicator_rows(lang))], id="indicator-table"
        ),
        html.Footer(text("credit", lang)),
    ]


def register_callbacks(app: dash.Dash) -> None:
    @app.callback(Output("page", "children"), Input("url", "search"))
    def render(search: str | None) -> list:
        return page(_lang(search))
