"""The area panel: one area's value, rank, reference figures, history across the 2024 break, definition."""

from __future__ import annotations

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.by_version import by_store_version
from dashboard.charts import breaks, join_key, mark_break, series_trace, year_ticks
from dashboard.components.reference_gaps import reference_gaps
from dashboard.formatting import format_number, format_value, plotly_separators
from dashboard.ranking import Place, place
from dashboard.texts import LISA_KEYS, reason_text, text
from dashboard.urlstate import MAX_AREAS
from geodata.levels import LEVEL_NAMES, SMALL_AREA_LEVELS, edition_of_year, vintage_label
from geodata.queries import Atlas, Reference
from geodata.steps.crosswalk import carried

SERIES_COLOR = "#253494"


@by_store_version(512)
def history_figure(atlas: Atlas, code: str, level: str, indicator: str, lang: str) -> go.Figure:
    """One line through every year that joins the area across SCB's 2024 boundary change (the same area,
    the new parts summed back, or the predecessor's value, each its own marker, explained above the
    legend); where the boundary moved, the same code's earlier years apart, with the break marked. A
    municipality keeps its borders, so its history is one line. Gaps stay gaps."""
    ind = atlas.catalogue.get(indicator)
    hist = atlas.history(code, level, [indicator])
    fig = go.Figure()
    if len(hist):
        hist = hist.assign(code=code, year=hist["year"].astype(int))
        years = range(int(hist["year"].min()), int(hist["year"].max()) + 1)
        hist = hist.set_index("year").reindex(years).rename_axis("year").reset_index()  # a missing year is a gap
        hist["edition"] = hist["edition"].fillna(hist["year"].map(edition_of_year))
        name = vintage_label(level, edition_of_year(int(hist["year"].max())), lang)
        fig.add_trace(series_trace(hist, level, ind.unit, lang, name, SERIES_COLOR))
    if level in SMALL_AREA_LEVELS and len(hist) and breaks(hist):
        mark_break(fig, lang, y=1.12, xanchor="center")
    key = join_key(set(hist["join"].dropna()), lang) if len(hist) else ""
    fig.update_layout(
        height=240 if key else 210,
        margin={"l": 40, "r": 10, "t": 28, "b": 30},
        showlegend=bool(key),
        legend={"orientation": "h", "y": -0.25, "title": {"text": key, "side": "top", "font": {"size": 10}}},
        plot_bgcolor="white",
        xaxis={"tickvals": year_ticks(hist), "tickformat": "d", "gridcolor": "#eee"},
        yaxis={"gridcolor": "#eee", "rangemode": "tozero"},
        separators=plotly_separators(lang),
    )
    return fig


# how an area is drawn on the other edition's shapes (`carried`), in words
DRAWN_OTHER = {"same": "drawn_other", "parent": "drawn_other_parts", None: "drawn_other_none"}


def history_notes(atlas: Atlas, code: str, level: str, indicator: str, lang: str) -> list:
    """Under the history: why the series breaks at 2024, in words."""
    hist = atlas.history(code, level, [indicator])
    reasons = hist.loc[hist["join"] == "none", "reason"].dropna().unique() if len(hist) else []
    return [
        html.P(text("join_break", lang, reason=reason_text(r, lang)), className="legend-note", id="panel-break")
        for r in reasons[:1]
    ]


def _rank(atlas: Atlas, indicator: str, level: str, year: int, code: str) -> Place | None:
    """Place within the municipality for a small area; among all municipalities for a municipality."""
    within = [code[:4]] if level in SMALL_AREA_LEVELS else None
    return place(atlas.values(indicator, level, year, within), code)


def _ref_name(ref: Reference, lang: str) -> str:
    if ref.level == "kommun":
        return text("reference_kommun", lang, name=ref.name)
    return text("reference_riket", lang)


def area_panel(
    atlas: Atlas,
    code: str,
    level: str,
    indicator: str,
    year: int,
    lang: str,
    geometry_edition: str | None,
    pinned: bool,
    pins_full: bool = False,
) -> list:
    ind = atlas.catalogue.get(indicator)
    edition = edition_of_year(year)
    name = atlas.name(code, level, edition)
    value = atlas.value(indicator, level, year, code)
    kommun_name = atlas.name(code[:4], "kommun")
    out: list = [
        html.H2([name or code, html.Span(f" {code}", className="code")], id="panel-title"),
        html.P(
            " · ".join(dict.fromkeys([LEVEL_NAMES[lang][level], vintage_label(level, edition, lang), kommun_name])),
            className="muted",
        ),
        html.P(
            [
                html.Span(ind.name[lang] + f" {year}: "),
                html.Strong(
                    format_value(value, ind.unit, lang)
                    if ind.unit != "category"
                    else f"{value:.0f} {ind.category_label(value, lang)}"
                    if value is not None
                    else "–",
                    id="panel-value",
                ),
            ]
        ),
    ]
    rank = _rank(atlas, indicator, level, year, code) if ind.unit != "category" and value is not None else None
    if rank:
        key = "rank" if level in SMALL_AREA_LEVELS else "rank_kommuner"
        if rank.tied > 1:
            key += "_shared"
        words = text(key, lang, rank=rank.rank, n=rank.n, kommun=kommun_name, tied=rank.tied)
        out.append(html.P(words, id="panel-rank"))
    refs = atlas.references(code, level, indicator, year)
    if ind.unit != "category":
        out.append(
            html.Table(
                [
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Th(_ref_name(r, lang)),
                                    html.Td(format_value(r.value, ind.unit, lang), className="num"),
                                ]
                            )
                            for r in refs
                        ]
                    )
                ],
                className="refs",
                id="panel-refs",
            )
        )
        out.extend(reference_gaps(refs, year, lang))
    pop_years = [y for y in atlas.years("befolkning", level) if edition_of_year(y) == edition]
    if pop_years:
        pop_year = year if year in pop_years else pop_years[-1]
        out.append(
            html.P(
                f"{text('population', lang, year=pop_year)}: "
                f"{format_value(atlas.value('befolkning', level, pop_year, code), 'count', lang)}"
            )
        )
    moran = atlas.moran(indicator, level, year, code[:4])
    if moran:
        p = moran["p"]
        p_text = f"p < {format_number(0.001, lang, 3)}" if p < 0.001 else f"p = {format_number(p, lang, 3)}"
        out.append(
            html.P(
                text(
                    "moran",
                    lang,
                    kommun=kommun_name,
                    i=format_value(moran["moran_i"], "ratio", lang),
                    p=p_text,
                    n=int(moran["n_areas"]),
                ),
                id="panel-moran",
            )
        )
        own = atlas.lisa(indicator, level, year, [code[:4]])
        own = own[own["code"] == code]
        if len(own):
            out.append(
                html.P(text("lisa_area", lang, label=text(LISA_KEYS[own["cluster"].iloc[0]], lang)), id="panel-lisa")
            )
    if geometry_edition and geometry_edition != edition and level in SMALL_AREA_LEVELS:
        out.append(
            html.P(
                text(
                    DRAWN_OTHER[carried(atlas.crosswalk_class(code, level), edition)],
                    lang,
                    geometry_vintage=vintage_label(level, geometry_edition),
                    value_vintage=vintage_label(level, edition),
                ),
                className="warn",
                id="panel-vintage",
            )
        )
    out += [
        html.H3(text("history", lang)),
        dcc.Graph(
            figure=history_figure(atlas, code, level, indicator, lang),
            id="panel-history",
            config={"displayModeBar": False},
        ),
        *history_notes(atlas, code, level, indicator, lang),
        html.H3(text("definition", lang)),
        html.P(ind.definition[lang]),
        html.P(f"{text('table', lang)}: {'; '.join(ind.tables)}", className="muted"),
        html.Button(
            f"{'✓ ' if pinned else ''}{text('compare', lang)}",
            id="pin",
            n_clicks=0,
            className="pin" + (" on" if pinned else ""),
            disabled=pins_full and not pinned,
            **{"aria-pressed": "true" if pinned else "false", "aria-describedby": "pins-full" if pins_full else None},
        ),
    ]
    if pins_full and not pinned:
        out.append(html.P(text("pins_full", lang, n=MAX_AREAS), id="pins-full", className="muted"))
    return out
