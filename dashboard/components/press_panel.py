"""The "Bädda in" panel of a view: copy-paste embed snippet, alt text, image and data downloads."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date
from dash import dcc, html
from flask import has_request_context, request

from dashboard.formatting import LOCALES, decimal_comma
from dashboard.press.links import embed_snippet, public_url
from dashboard.texts import text

if TYPE_CHECKING:
    from dashboard.viewtypes import View


def press_panel(links: dict[str, str], snippet: str, alt: str, lang: str, panel_id: str, title: str) -> html.Details:
    """Downloads (the Swedish-Excel CSV only in Swedish), the embed code with a copy button, the alt text and a
    line to cite the view by."""
    downloads = [
        (key, label)
        for key, label in (
            ("png", text("download_image", lang)),
            ("svg", "SVG"),
            ("csv", "CSV"),
            ("excel", text("csv_excel", lang)),
            ("xlsx", "Excel (xlsx)"),
            ("geojson", "GeoJSON"),
            ("gpkg", "GeoPackage"),
        )
        if key in links and (key != "excel" or decimal_comma(lang))  # CSV for Excel where "," is the decimal mark
    ]
    today = format_date(date.today(), format="long", locale=LOCALES[lang])  # "30 november 2026"
    cite = text("cite_line", lang, title=title, date=today, url=public_url() + links["view"])
    return html.Details(
        [
            html.Summary(text("embed_download", lang)),
            html.P(
                [
                    html.A(
                        label,
                        href=links[key],
                        download="",
                        className="pin",
                        id=f"{panel_id}-{key}",
                    )
                    for key, label in downloads
                ],
                className="downloads",
            ),
            html.Label(text("embed_code", lang), htmlFor=f"{panel_id}-snippet"),
            dcc.Textarea(id=f"{panel_id}-snippet", value=snippet, readOnly=True, className="snippet"),
            html.Div(
                [
                    html.Button(
                        text("copy_code", lang),
                        id=f"{panel_id}-copy",
                        type="button",
                        className="pin copy",
                        **{"data-copy": f"{panel_id}-snippet", "data-copied": text("copied", lang)},
                    ),
                    html.Span(id=f"{panel_id}-copied", className="copy-status", role="status"),
                ],
                className="copy-row",
            ),
            html.Label(text("alt_text", lang), htmlFor=f"{panel_id}-alt"),
            html.P(alt, id=f"{panel_id}-alt", className="alt-text"),
            html.Label(text("cite_head", lang), htmlFor=f"{panel_id}-cite"),
            html.P(cite, id=f"{panel_id}-cite", className="alt-text"),
        ],
        className="press",
        id=panel_id,
    )


def view_press(view: View, state: object, model: object, panel_id: str, variant: str = "") -> html.Details:
    """The press panel of a registered view's render model: its links, embed snippet, alt text and title."""
    links = view.links(state, variant)
    host = request.host_url.rstrip("/") if has_request_context() else ""
    snippet = embed_snippet(host + links["embed"], model.title, view.press.snippet_height(model))
    return press_panel(links, snippet, model.alt, state.lang, panel_id, model.title)
