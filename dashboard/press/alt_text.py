"""Alt text from the data, for every snapshot and embed: what the picture shows, in one or two sentences."""

from __future__ import annotations

import pandas as pd

from dashboard.formatting import format_value
from dashboard.ranking import extremes
from dashboard.sentences import extreme_phrase, join_names
from geodata.catalog import Indicator


def map_alt(
    indicator: Indicator, lang: str, year: int, level_name: str, places: list[str], values: pd.DataFrame
) -> str:
    """'Karta över DeSO i Göteborg: utländsk bakgrund 2022 varierar från 6,1 % till 94,1 %, högst i …'."""
    name = indicator.name[lang]
    name = name[0].lower() + name[1:]
    where = join_names(places, lang)
    shown = values.dropna(subset=["value"])
    head = f"Karta över {level_name} i {where}" if lang == "sv" else f"Map of {level_name} areas in {where}"
    if shown.empty:
        return head + (f": inga värden för {name} {year}." if lang == "sv" else f": no values for {name} in {year}.")
    if indicator.unit == "category":
        return head + (f": {name} {year}." if lang == "sv" else f": {name}, {year}.")
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    ends = extremes(shown)
    if ends is None:  # every area has the same value
        value = fmt(shown["value"].iloc[0])
        if lang == "sv":
            return f"{head}: {name} {year} är {value} i alla områden."
        return f"{head}: {name} in {year} is {value} everywhere."
    high, low = ends
    word = "områden" if lang == "sv" else "areas"
    if lang == "sv":
        return (
            f"{head}: {name} {year} varierar från {fmt(low.value)} till {fmt(high.value)}; "
            f"högst: {extreme_phrase(high, indicator.unit, lang, word)}; "
            f"lägst: {extreme_phrase(low, indicator.unit, lang, word)}."
        )
    return (
        f"{head}: {name} in {year} ranges from {fmt(low.value)} to {fmt(high.value)}; "
        f"highest: {extreme_phrase(high, indicator.unit, lang, word)}; "
        f"lowest: {extreme_phrase(low, indicator.unit, lang, word)}."
    )


def bar_alt(indicator: Indicator, lang: str, year: int, table: pd.DataFrame) -> str:
    """Bar chart: every area's value, then the national one."""
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    name = indicator.name[lang]
    parts = [f"{r.area} {fmt(r.value)}" for r in table.itertuples()]
    riket = table["riket_value"].dropna()
    tail = (f"; riket {fmt(riket.iloc[0])}" if lang == "sv" else f"; Sweden {fmt(riket.iloc[0])}") if len(riket) else ""
    kind = "Stapeldiagram" if lang == "sv" else "Bar chart"
    return f"{kind}: {name} {year}: {'; '.join(parts)}{tail}."


def line_alt(indicator: Indicator, lang: str, table: pd.DataFrame) -> str:
    """Line chart: the span of years and each area's first and last value."""
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    known = table.dropna(subset=["value"])
    if known.empty:
        return "Linjediagram utan värden." if lang == "sv" else "Line chart without values."
    first, last = int(known["year"].min()), int(known["year"].max())
    parts = []
    for area, part in known.groupby("area", sort=False):
        a, b = part.iloc[0], part.iloc[-1]
        parts.append(f"{area} {fmt(a['value'])} ({int(a['year'])}) → {fmt(b['value'])} ({int(b['year'])})")
    kind = "Linjediagram" if lang == "sv" else "Line chart"
    return f"{kind}: {indicator.name[lang]} {first}–{last}: {'; '.join(parts)}."


def segregation_alt(
    measure_name: str, split_name: str, lang: str, year: int, level_name: str, rows: pd.DataFrame
) -> str:
    """Dot-and-whisker chart: each municipality's value and interval."""
    from dashboard.formatting import format_number

    parts = [
        f"{r.name} {format_number(r.value, lang, 2)} ({format_number(r.low, lang, 2)}–{format_number(r.high, lang, 2)})"
        for r in rows.itertuples()
    ]
    if lang == "sv":
        return f"Punktdiagram: {measure_name} för {split_name.lower()} {year} ({level_name}): {'; '.join(parts)}."
    return f"Dot chart: {measure_name} for {split_name.lower()} in {year} ({level_name}): {'; '.join(parts)}."
