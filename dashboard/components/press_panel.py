"""The "Bädda in" panel of a view: copy-paste embed snippet, alt text, image and data downloads."""

from __future__ import annotations

from dash import dcc, html

from dashboard.texts import text


def press_panel(links: dict[str, str], snippet: str, alt: str, lang: str, panel_id: str) -> html.Details:
    downloads = [
        (key, label)
        for key, label in (
            ("png", "PNG"),
            ("svg", "SVG"),
            ("csv", "CSV"),
            ("geojson", "GeoJSON"),
            ("gpkg", "GeoPackage"),
        )
        if key in links
    ]
    return html.Details(
        [
            html.Summary(text("embed_download", lang)),
            html.P(
                [
                    html.A(
                        f"{text('download_image', lang) if key == 'png' else label}",
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
        ],
        className="press",
        id=panel_id,
    )
