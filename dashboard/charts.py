"""Compare-view charts as plain `go.Figure`s with the exact table behind each, cached by their inputs.

Each figure has a companion table (`*_table`) that is both the accessible alternative and the CSV
download, so what is drawn and what is downloaded cannot differ.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.by_version import by_store_version
from dashboard.formatting import format_value, plotly_separators
from dashboard.texts import JOIN_KEYS, text
from geodata.areacodes import small_area_level
from geodata.levels import FIRST_YEAR_OF_2025_EDITION, LEVEL_NAMES, edition_of_year, vintage_label
from geodata.queries import Atlas

PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")  # Dark2, colour-blind safe
BREAK_X = FIRST_YEAR_OF_2025_EDITION - 0.5  # between the last year on 2018 codes and the first on 2025's
MAX_TICKS = 9  # year ticks on a time axis


def area_label(atlas: Atlas, code: str, among: tuple[str, ...] = ()) -> str:
    """'Hammarkullen (1480R044)'; among areas of both levels the level is named too, since a DeSO often
    carries its RegSO's name: 'Hammarkullen (RegSO 1480R044)' beside 'Hammarkullen (DeSO 1480C3730)'."""
    level = small_area_level(code) or "deso"
    name = atlas.name(code, level)
    mixed = len({small_area_level(a) for a in among}) > 1
    tag = f"{LEVEL_NAMES['sv'][level]} {code}" if mixed else code
    return f"{name} ({tag})" if name else tag


LINE_COLUMNS = ["area", "code", "year", "edition", "value", "join", "source_code", "reason"]


def line_table(atlas: Atlas, areas: tuple[str, ...], indicator: str) -> pd.DataFrame:
    """area, code, year, edition, value, and how each value joins the area's series across SCB's 2024
    boundary change (`join`: same, split_sum, parent, none; `source_code`: whose value it is; `reason`
    where the series breaks), for every year any area has; a missing year is NaN, not 0."""
    parts = [
        atlas.history(code, small_area_level(code) or "deso", [indicator]).assign(
            code=code, area=area_label(atlas, code, areas)
        )
        for code in areas
    ]
    frame = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    if frame is None:
        return pd.DataFrame(columns=LINE_COLUMNS)
    frame["year"] = frame["year"].astype(int)
    years = list(range(int(frame["year"].min()), int(frame["year"].max()) + 1))  # an empty year is a gap
    full = pd.MultiIndex.from_product([list(areas), years], names=["code", "year"])
    frame = frame.set_index(["code", "year"]).reindex(full).reset_index()
    frame["area"] = frame["code"].map(lambda c: area_label(atlas, c, areas))
    frame["edition"] = frame["year"].map(edition_of_year)
    return frame[LINE_COLUMNS]


def bar_table(atlas: Atlas, areas: tuple[str, ...], indicator: str, year: int) -> pd.DataFrame:
    """area, code, value, and the municipality's and the nation's value the same year."""
    rows = []
    for code in areas:
        level = small_area_level(code) or "deso"
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


JOIN_SYMBOLS = {"same": "circle", "split_sum": "diamond", "parent": "square", "none": "circle-open"}


def _join_hover(row, level: str, unit: str, lang: str) -> str:
    """'39,1 % · DeSO 2018 · Föregångarens värde (1480C1010)': the value, its boundaries, how it joins."""
    if row.value != row.value:
        return "–"
    parts = [format_value(row.value, unit, lang), vintage_label(level, row.edition, lang)]
    if row.join in ("split_sum", "parent", "none") or (row.join == "same" and row.source_code != row.code):
        parts.append(f"{text(JOIN_KEYS[row.join], lang)} ({str(row.source_code).replace('+', ' + ')})")
    return " · ".join(parts)


def series_trace(part: pd.DataFrame, level: str, unit: str, lang: str, name: str, color: str) -> go.Scatter:
    """One area's series as drawn everywhere: one line through the years that join the area across SCB's
    2024 boundary change, a marker per kind of join (● the same area, ◆ the new parts summed back, ■ the
    predecessor's value, ○ the same code on a moved boundary), and a gap where the series breaks.
    `part`: year, edition, value, join, source_code, code (a missing year is a NaN row, drawn as a gap)."""
    part = part.sort_values("year")
    broken = (part["join"] == "none").fillna(False)
    joins = part["join"].where(part["value"].notna())
    # where a moved boundary meets the area's own series, an empty point keeps the line apart
    meets = part["year"][broken.ne(broken.shift()) & joins.notna() & joins.shift().notna()]
    gaps = pd.DataFrame({"year": meets - 0.5, "value": float("nan"), "join": None})
    part = pd.concat([part, gaps], ignore_index=True).sort_values("year", kind="stable")
    return go.Scatter(
        x=part["year"],
        y=part["value"],
        name=name,
        mode="lines+markers",
        connectgaps=False,
        line={"color": color},
        marker={"symbol": [JOIN_SYMBOLS.get(j, "circle") for j in part["join"]], "size": 8},
        customdata=[_join_hover(r, level, unit, lang) if r.join else "–" for r in part.itertuples()],
        hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
    )


def year_ticks(table: pd.DataFrame) -> list[int]:
    """Ticks only at years with a value (never a phantom year between them); over a long series every n-th
    of them, at most `MAX_TICKS`."""
    years = sorted(int(y) for y in table.dropna(subset=["value"])["year"].unique()) if len(table) else []
    step = -(-len(years) // MAX_TICKS) or 1
    return years[::step]


def join_key(joins: set, lang: str) -> str:
    """The legend's title explaining the markers of the join kinds drawn, if any is not the plain 'same'."""
    kinds = [j for j in ("same", "split_sum", "parent", "none") if j in joins]
    if kinds == ["same"] or not kinds:
        return ""
    marks = {"same": "●", "split_sum": "◆", "parent": "■", "none": "○"}
    return "  ".join(f"{marks[j]} {text(JOIN_KEYS[j], lang)}" for j in kinds)


def breaks(table: pd.DataFrame) -> bool:
    """Whether any area's series in the table (code, join) breaks at SCB's 2024 boundary change."""
    joins = table.dropna(subset=["join"]).groupby("code")["join"]
    return bool(joins.agg(lambda j: (j == "none").any() and (j != "none").any()).any())


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
        separators=plotly_separators(lang),
        yaxis={"gridcolor": "#eee", "rangemode": "tozero"},
    )
    return fig


@by_store_version()
def line_figure(atlas: Atlas, areas: tuple[str, ...], indicator: str, lang: str) -> go.Figure:
    ind = atlas.catalogue.get(indicator)
    table = line_table(atlas, areas, indicator)
    fig = go.Figure()
    for i, code in enumerate(areas):
        part = table[table["code"] == code]
        level = small_area_level(code) or "deso"
        label = area_label(atlas, code, areas)
        fig.add_trace(series_trace(part, level, ind.unit, lang, label, PALETTE[i % len(PALETTE)]))
    if len(table) and breaks(table):
        mark_break(fig, lang)
    fig.update_xaxes(tickvals=year_ticks(table), tickformat="d", gridcolor="#eee")  # ticks at years with data
    _layout(fig, lang, 330)
    if key := join_key(set(table["join"].dropna()), lang):
        fig.update_layout(legend_title={"text": key, "side": "top", "font": {"size": 11}})
    return fig


@by_store_version()
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
