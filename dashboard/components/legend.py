"""The map legend: class ranges in the reader's number format, counts, no data, and what was not drawn."""

from __future__ import annotations

from dash import html

from dashboard.classify import BOX, NO_DATA, Classes
from dashboard.formatting import format_value
from dashboard.texts import CLASS_METHOD_KEYS, LISA_KEYS, text
from geodata.catalog import Indicator


def class_labels(classes: Classes, indicator: Indicator, lang: str) -> list[str]:
    """'12,3–25,0 %' per class; category names for categories; open ends for box-map outliers."""
    if classes.categories:
        return [f"{c} {indicator.category_label(c, lang)}" for c in classes.categories]
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    labels = [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(classes.lower, classes.upper, strict=True)]
    if classes.method == "box":  # the outlier classes, where there are any, by their fences
        if classes.colors[0] == BOX[0]:
            labels[0] = f"≤ {fmt(classes.upper[0])}"
        if classes.colors[-1] == BOX[-1]:
            labels[-1] = f"> {fmt(classes.lower[-1])}"
    return labels


def without_shape_note(without_shape: int, lang: str, vintage: str) -> list:
    """How many areas with a value have no boundary to be drawn on (none: no note)."""
    if not without_shape:
        return []
    text_ = f"{without_shape} {text('without_shape', lang, vintage=vintage)}."
    return [html.P(text_, className="legend-note warn", id="legend-without-shape")]


def legend(
    classes: Classes, indicator: Indicator, lang: str, title: str, no_data: int, without_shape: int, vintage: str
) -> html.Div:
    rows = [
        html.Li(
            [
                html.Span(className="swatch", style={"background": color}),
                html.Span(label, className="range"),
                html.Span(str(count), className="count"),
            ],
            className="legend-row",
        )
        for color, label, count in zip(
            classes.colors, class_labels(classes, indicator, lang), classes.counts, strict=True
        )
    ]
    rows.append(
        html.Li(
            [
                html.Span(className="swatch nodata", style={"background": NO_DATA}),
                html.Span(text("no_data", lang), className="range"),
                html.Span(str(no_data), className="count"),
            ],
            className="legend-row",
            title=text("no_data_explained", lang),
        )
    )
    notes = [html.P(f"{no_data} {text('no_data_explained', lang)}.", className="legend-note")] if no_data else []
    notes += without_shape_note(without_shape, lang, vintage)
    method = text(CLASS_METHOD_KEYS[classes.method], lang) if classes.method else ""
    return html.Div(
        [html.H2(title), html.P(method, className="legend-method"), html.Ul(rows, className="legend-rows"), *notes],
        id="legend-box",
    )


LISA_ORDER = ("HH", "LL", "HL", "LH", "ns", "island")
LISA_COLORS = ("#d7191c", "#2c7bb6", "#fdae61", "#abd9e9", "#f0f0f0", "#bdbdbd")


def lisa_legend(counts: dict[str, int], lang: str, title: str) -> html.Div:
    rows = [
        html.Li(
            [
                html.Span(className="swatch", style={"background": color}),
                html.Span(text(LISA_KEYS[key], lang), className="range"),
                html.Span(str(counts.get(key, 0)), className="count"),
            ],
            className="legend-row",
        )
        for key, color in zip(LISA_ORDER, LISA_COLORS, strict=True)
    ]
    return html.Div(
        [
            html.H2(title),
            html.P(text("lisa_method", lang), className="legend-method"),
            html.Ul(rows, className="legend-rows"),
        ],
        id="legend-box",
    )
