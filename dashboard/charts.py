"""Compare-view charts as plain `go.Figure`s with the exact table behind each, cached by their inputs.

Each figure has a companion table (`*_table`) that is both the accessible alternative and the CSV
download, so what is drawn and what is downloaded cannot differ.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from dashboard.formatting import format_value
from dashboard.texts import text
from dashboard.urlstate import area_level
from geodata.levels import LEVEL_NAMES, edition_of_year
from geodata.queries import Atlas

PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")  # Dark2, colour-blind safe
BREAK_X = 2023.5


def area_label(atlas: Atlas, code: str, among: tuple[str, ...] = ()) -> str:
    """'Hammarkullen (1480R044)'; among areas of both levels the level is named too, since a DeSO often
    carries its RegSO's name: 'Hammarkullen (RegSO 1480R044)' beside 'Hammarkullen (DeSO 1480C3730)'."""
    level = area_level(code) or "deso"
    name = atlas.name(code, level)
    mixed = len({area_level(a) for a in among}) > 1
    tag = f"{LEVEL_NAMES['sv'][level]} {code}" if mixed else code
    return f"{name} ({tag})" if name else tag


def line_table(atlas: Atlas, areas: tuple[str, ...], indicator: str) -> pd.DataFrame:
    """area, code, year, edition, value for every year any area has; a missing year is NaN, not 0."""
    rows = []
    for code in areas:
        hist = atlas.history(code, area_level(code) or "deso", [indicator])
        rows += [
            (area_label(atlas, code, areas), code, int(y), e, v)
            for y, e, v in zip(hist["year"], hist["edition"], hist["value"], strict=True)
        ]
    frame = pd.DataFrame(rows, columns=["area", "code", "year", "edition", "value"])
    if frame.empty:
        return frame
    years = list(range(int(frame["year"].min()), int(frame["year"].max()) + 1))  # an empty year is a gap
    full = pd.MultiIndex.from_product([list(areas), years], names=["code", "year"])
    frame = frame.set_index(["code", "year"]).reindex(full).reset_index()
    frame["area"] = frame["code"].map(lambda c: area_label(atlas, c, areas))
    frame["edition"] = frame["year"].map(edition_of_year)
    return frame[["area", "code", "year", "edition", "value"]]


def bar_table(atlas: Atlas, areas: tuple[str, ...], indicator: str, year: int) -> pd.DataFrame:
    """area, code, value, and the municipality's and the nation's value the same year."""
    rows = []
    for code in areas:
        level = area_level(code) or "deso"
        refs = {r.level: r for r in atlas.references(code, level, indicator, year)}
        kommun = refs.get("kommun")
        rows.append(
            (
                area_label(atlas, code, areas),
                code,
                atlas.value(indicator, level, year, code),
                kommun.name if kommun else "",
                kommun.value if kommun else None,
                refs["riket"].value,
            )
        )
    return pd.DataFrame(rows, columns=["area", "code", "value", "kommun", "kommun_value", "riket_value"])


def mark_break(fig: go.Figure, lang: str, y: float = 1.02, xanchor: str = "auto") -> None:
    """The dashed line and label between 2023 and 2024, where SCB's area boundaries change."""
    fig.add_vline(x=BREAK_X, line={"dash": "dash", "color": "#888", "width": 1})
    fig.add_annotation(
        x=BREAK_X,
        y=y,
        yref="paper",
        text=text("break", lang),
        showarrow=False,
        font={"size": 10, "color": "#555"},
        xanchor=xanchor,
        yanchor="bottom",
    )


def _layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 50, "r": 10, "t": 30, "b": 40},
        plot_bgcolor="white",
        legend={"orientation": "h", "y": -0.2},
        separators=",\u00a0" if lang == "sv" else ".,",
        yaxis={"gridcolor": "#eee", "rangemode": "tozero"},
    )
    return fig


@lru_cache(maxsize=256)
def line_figure(atlas: Atlas, areas: tuple[str, ...], indicator: str, lang: str) -> go.Figure:
    ind = atlas.catalogue.get(indicator)
    table = line_table(atlas, areas, indicator)
    fig = go.Figure()
    for i, code in enumerate(areas):
        part = table[table["code"] == code]
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["value"],
                name=area_label(atlas, code, areas),
                mode="lines+markers",
                connectgaps=False,
                line={"color": PALETTE[i % len(PALETTE)]},
                customdata=[format_value(v, ind.unit, lang) for v in part["value"]],
                hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    if len(table) and table["year"].min() < 2024 <= table["year"].max():
        mark_break(fig, lang)
    years = sorted(int(y) for y in table.dropna(subset=["value"])["year"].unique()) if len(table) else []
    fig.update_xaxes(tickvals=years, gridcolor="#eee")  # a tick only at a year with data
    return _layout(fig, lang, 330)


@lru_cache(maxsize=256)
def bar_figure(atlas: Atlas, areas: tuple[str, ...], indicator: str, year: int, lang: str) -> go.Figure:
    ind = atlas.catalogue.get(indicator)
    table = bar_table(atlas, areas, indicator, year)
    fmt = lambda v: format_value(v, ind.unit, lang)  # noqa: E731
    fig = go.Figure(
        go.Bar(
            x=table["area"],
            y=table["value"],
            name=ind.name[lang],
            marker={"color": [PALETTE[i % len(PALETTE)] for i in range(len(table))]},
            text=[fmt(v) for v in table["value"]],
            textposition="outside",
            hoverinfo="x+text",
        )
    )
    known = table.dropna(subset=["kommun_value"])
    if len(known):
        fig.add_trace(
            go.Scatter(
                x=known["area"],
                y=known["kommun_value"],
                mode="markers",
                name=text("reference_kommun_mark", lang),
                marker={"symbol": "line-ew-open", "size": 46, "color": "#222", "line": {"width": 3, "color": "#222"}},
                customdata=[f"{k}: {fmt(v)}" for k, v in zip(known["kommun"], known["kommun_value"], strict=True)],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    riket = table["riket_value"].dropna()
    if len(riket):
        fig.add_hline(
            y=float(riket.iloc[0]),
            line={"dash": "dot", "color": "#b2182b", "width": 2},
            annotation_text=f"{text('reference_riket', lang)} {fmt(float(riket.iloc[0]))}",
            annotation_position="top left",
        )
    return _layout(fig, lang, 330)
