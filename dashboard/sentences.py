"""The plain-language sentence above the map, from data only, in Swedish or English."""

from __future__ import annotations

from dashboard.formatting import format_value
from dashboard.ranking import Extreme
from geodata.catalog import Indicator

NAMED_TIES = 3  # tied areas named in a sentence; the rest are counted


def join_names(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    word = " och " if lang == "sv" else " and "
    return ", ".join(names[:-1]) + word + names[-1]


def extreme_phrase(extreme: Extreme, unit: str, lang: str, areas_word: str) -> str:
    """'Hjällbo (1480C1010) 91,2 %', or for a tie '25 områden har 100,0 %, bland dem A (…), B (…) och C (…)'."""
    value = format_value(extreme.value, unit, lang)
    named = [f"{name} ({code})" for name, code in extreme.names[:NAMED_TIES]]
    if extreme.ties == 1:
        return f"{named[0]} {value}"
    among = "bland dem" if lang == "sv" else "among them"
    verb = "har" if lang == "sv" else "have"
    rest = join_names(named, lang) if extreme.ties <= NAMED_TIES else ", ".join(named) + " …"
    return f"{extreme.ties} {areas_word} {verb} {value}, {among} {rest}"


def map_sentence(
    indicator: Indicator,
    lang: str,
    year: int,
    places: list[tuple[str, float | None]],
    highest: Extreme | None,
    lowest: Extreme | None,
    level_name: str,
) -> str:
    """E.g. 'I Göteborg var andelen utländsk bakgrund 39,1 % 2022. Högst: Hjällbo (1480C1010) 91,2 %, …'."""
    name = indicator.name[lang]
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    parts = []
    known = [(p, v) for p, v in places if v is not None]
    if indicator.unit == "category":
        parts.append(f"{name} {year}, {level_name}." if lang == "sv" else f"{name} in {year}, by {level_name}.")
    elif known:
        figures = join_names([f"{fmt(v)} i {p}" if lang == "sv" else f"{fmt(v)} in {p}" for p, v in known], lang)
        parts.append(f"{name} {year}: {figures}." if lang == "sv" else f"{name} in {year}: {figures}.")
    elif places:
        where = join_names([p for p, _ in places], lang)
        parts.append(
            f"{name} {year} i {where}, per {level_name}."
            if lang == "sv"
            else f"{name} in {year} in {where}, by {level_name}."
        )
    else:  # a map of municipalities: the map itself gives each one's figure
        parts.append(f"{name} {year}, per {level_name}." if lang == "sv" else f"{name} in {year}, by {level_name}.")
    if highest and lowest and indicator.unit != "category":
        word = "områden" if lang == "sv" else "areas"
        high, low = (extreme_phrase(e, indicator.unit, lang, word) for e in (highest, lowest))
        parts.append(f"Högst: {high}; lägst: {low}." if lang == "sv" else f"Highest: {high}; lowest: {low}.")
    return " ".join(parts)


def compare_sentence(
    indicator: Indicator,
    lang: str,
    year: int,
    area: str,
    value: float | None,
    kommun: str,
    kommun_value: float | None,
    riket_value: float | None,
) -> str:
    """E.g. 'Hammarkullen: 58 % utländsk bakgrund 2022, jämfört med 34 % i Göteborg och 27 % i riket.'"""
    fmt = lambda v: format_value(v, indicator.unit, lang)  # noqa: E731
    name = indicator.name[lang]
    name = name[0].lower() + name[1:]
    if value is None:
        return f"{area}: inget värde för {name} {year}." if lang == "sv" else f"{area}: no value for {name} in {year}."
    head = f"{area}: {fmt(value)} {name} {year}" if lang == "sv" else f"{area}: {fmt(value)} {name} in {year}"
    refs = []
    if kommun_value is not None:
        refs.append(f"{fmt(kommun_value)} i {kommun}" if lang == "sv" else f"{fmt(kommun_value)} in {kommun}")
    if riket_value is not None:
        refs.append(f"{fmt(riket_value)} i riket" if lang == "sv" else f"{fmt(riket_value)} in Sweden")
    if not refs:
        return head + "."
    return f"{head}, {'jämfört med' if lang == 'sv' else 'compared with'} {join_names(refs, lang)}."
