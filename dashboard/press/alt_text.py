"""Alt text from the data, for every snapshot and embed: what the picture shows, in one or two sentences."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import format_number, format_value
from dashboard.ranking import extremes
from dashboard.sentences import extreme_phrase, map_head
from dashboard.texts import text
from geodata.catalog import Indicator


def map_alt(
    indicator: Indicator, lang: str, year: int, level_name: str, places: list[str], values: pd.DataFrame
) -> str:
    """'Karta över DeSO i Göteborg: utländsk bakgrund 2022 varierar från 6,1 % till 94,1 %, högst i …'."""
    name = indicator.name[lang]
    name = name[0].lower() + name[1:]
    shown = values["value"].dropna()  # the values alone: copying a map's shapes to drop rows cost ~3 ms
    head = map_head(lang, level_name, places)
    if shown.empty:
        return text("alt_map_no_values", lang, head=head, name=name, year=year)
    if indicator.unit == "category":
        return text("alt_map_category", lang, head=head, name=name, year=year)
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    ends = extremes(values)  # areas without a value are never among them
    if ends is None:  # every area has the same value
        return text("alt_map_same", lang, head=head, name=name, year=year, value=fmt(shown.iloc[0]))
    high, low = ends
    return text(
        "alt_map_range",
        lang,
        head=head,
        name=name,
        year=year,
        low=fmt(low.value),
        high=fmt(high.value),
        highest=extreme_phrase(high, indicator.unit, lang),
        lowest=extreme_phrase(low, indicator.unit, lang),
    )


def bar_alt(indicator: Indicator, lang: str, year: int, table: pd.DataFrame) -> str:
    """Bar chart: every area's value, then the national one."""
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    parts = "; ".join(f"{r.area} {fmt(r.value)}" for r in table.itertuples())
    riket = table["riket_value"].dropna()
    tail = text("alt_bar_riket", lang, value=fmt(riket.iloc[0])) if len(riket) else ""
    return text("alt_bar", lang, name=indicator.name[lang], year=year, parts=parts, riket=tail)


def line_alt(indicator: Indicator, lang: str, table: pd.DataFrame) -> str:
    """Line chart: the span of years and each area's first and last value."""
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    known = table.dropna(subset=["value"])
    if known.empty:
        return text("alt_line_empty", lang)
    first, last = int(known["year"].min()), int(known["year"].max())
    parts = []
    for area, part in known.groupby("area", sort=False):
        a, b = part.iloc[0], part.iloc[-1]
        parts.append(f"{area} {fmt(a['value'])} ({int(a['year'])}) → {fmt(b['value'])} ({int(b['year'])})")
    return text("alt_line", lang, name=indicator.name[lang], first=first, last=last, parts="; ".join(parts))


def segregation_alt(
    measure_name: str, split_name: str, lang: str, year: int, level_name: str, rows: pd.DataFrame
) -> str:
    """Dot-and-whisker chart: each municipality's value and interval."""
    parts = "; ".join(
        f"{r.name} {format_number(r.value, lang, 2)} ({format_number(r.low, lang, 2)}–{format_number(r.high, lang, 2)})"
        for r in rows.itertuples()
    )
    return text(
        "alt_segregation",
        lang,
        measure=measure_name,
        group=split_name.lower(),
        year=year,
        level=level_name,
        parts=parts,
    )
