"""The plain-language sentence above the map, from data only, in Swedish or English (words: `texts`)."""

from __future__ import annotations

from dashboard.formatting import format_value
from dashboard.ranking import Extreme
from dashboard.texts import text
from geodata.catalog import Indicator

NAMED_TIES = 3  # tied areas named in a sentence; the rest are counted
NAMED_PLACES = 6  # municipalities named one by one in a sentence; more are summed up by their range


def join_names(names: list[str], lang: str) -> str:
    """'A, B och C' / 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + text("list_and", lang) + names[-1]


def map_head(lang: str, level_name: str, places: list[str]) -> str:
    """'Karta över DeSO i Göteborg och Mölndal': how a map's alt text begins."""
    return text("alt_map_head", lang, level=level_name, places=join_names(places, lang))


def extreme_phrase(extreme: Extreme, unit: str, lang: str) -> str:
    """'Hjällbo (1480C1010) 91,2 %', or for a tie '25 områden har 100,0 %, bland dem A (…), B (…) och C (…)'."""
    value = format_value(extreme.value, unit, lang)
    named = [f"{name} ({code})" for name, code in extreme.names[:NAMED_TIES]]
    if extreme.ties == 1:
        return f"{named[0]} {value}"
    rest = join_names(named, lang) if extreme.ties <= NAMED_TIES else ", ".join(named) + " …"
    return text("extreme_ties", lang, n=extreme.ties, value=value, names=rest)


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
        parts.append(text("sentence_category", lang, name=name, year=year, level=level_name))
    elif len(known) > NAMED_PLACES:  # a region: its lowest and highest municipality, not 47 figures
        ends = (min(known, key=lambda k: k[1]), max(known, key=lambda k: k[1]))
        low, high = (text("value_in", lang, value=fmt(v), place=p) for p, v in ends)
        parts.append(text("sentence_range", lang, name=name, year=year, n=len(known), low=low, high=high))
    elif known:
        figures = join_names([text("value_in", lang, value=fmt(v), place=p) for p, v in known], lang)
        parts.append(text("sentence_figures", lang, name=name, year=year, figures=figures))
    elif len(places) > NAMED_PLACES:
        parts.append(text("sentence_many_places", lang, name=name, year=year, n=len(places), level=level_name))
    elif places:
        where = join_names([p for p, _ in places], lang)
        parts.append(text("sentence_places", lang, name=name, year=year, places=where, level=level_name))
    else:  # a map of municipalities: the map itself gives each one's figure
        parts.append(text("sentence_levels", lang, name=name, year=year, level=level_name))
    if highest and lowest and indicator.unit != "category":
        high, low = (extreme_phrase(e, indicator.unit, lang) for e in (highest, lowest))
        parts.append(text("sentence_extremes", lang, high=high, low=low))
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
        return text("compare_no_value", lang, area=area, name=name, year=year)
    head = text("compare_head", lang, area=area, value=fmt(value), name=name, year=year)
    refs = []
    if kommun_value is not None:
        refs.append(text("value_in", lang, value=fmt(kommun_value), place=kommun))
    if riket_value is not None:
        refs.append(text("value_in_riket", lang, value=fmt(riket_value)))
    if not refs:
        return head + "."
    return text("compare_against", lang, head=head, references=join_names(refs, lang))
