"""The URL owns the explore view's state: one parser from query string to `ViewState`, one serializer back.

This is the only module that knows the query keys. Invalid values fall back to defaults and say so
in `notices` (never an error page); renamed keys keep working through `ALIASES`.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, fields, replace
from typing import Protocol
from urllib.parse import parse_qs, urlencode

from geodata.areacodes import kommun_of, small_area_level
from geodata.measures import MEASURE_IDS

LEVEL_CHOICES = ("deso", "regso", "kommun")
CLASS_METHODS = ("quantiles", "fisher_jenks", "equal_interval", "box")
LANGS = ("sv", "en")
DEFAULT_MUNICIPALITIES = ("1480",)
DEFAULT_INDICATOR = "utlandsk_bakgrund"
LAYERS = ("values", "lisa")
YEAR_RANGE = (1900, 2100)  # a year outside it is not a year of SCB's statistics
MAX_LIST = 300  # codes read from one list parameter (Sweden has 290 municipalities); the rest are ignored
MAX_MUNICIPALITIES = 50  # per map view: bounds the cost of one request (documented in the README)
MAX_SEGREGATION_MUNICIPALITIES = 12  # per segregation view: a row and a test of a difference for each
ALIASES = {  # old or Swedish key → current key
    "niva": "level",
    "nivå": "level",
    "kommun": "municipality",
    "municipalities": "municipality",
    "indikator": "indicator",
    "ar": "year",
    "år": "year",
    "klasser": "classes",
    "omrade": "area",
    "område": "area",
    "sprak": "lang",
    "språk": "lang",
    "change_from": "from",
    "fran": "from",
    "från": "from",
    "karta": "map",
}
MAP_KEY = "map"  # zoom/latitude/longitude of the explore map, as OpenStreetMap writes it: 11.5/57.7000/11.9700
MAP_ZOOMS = (3.0, 19.0)
MAP_LATITUDES = (54.0, 70.0)  # Sweden and its waters, with a margin
MAP_LONGITUDES = (9.0, 26.0)


class Availability(Protocol):
    """What the data offers; `geodata.queries.Atlas` provides it."""

    def indicator_ids(self) -> list[str]: ...
    def levels(self, indicator: str) -> list[str]: ...
    def years(self, indicator: str, level: str) -> list[int]: ...
    def municipality_codes(self) -> AbstractSet[str]: ...
    def has_area(self, code: str, level: str, year: int) -> bool: ...
    def change_unit(self, indicator: str) -> str: ...  # UsageError for an indicator without a change


@dataclass(frozen=True)
class ViewState:
    level: str = "deso"
    municipalities: tuple[str, ...] = DEFAULT_MUNICIPALITIES
    indicator: str = DEFAULT_INDICATOR
    year: int = 0
    classes: str = "quantiles"
    area: str | None = None
    lang: str = "sv"
    layer: str = "values"
    year_from: int | None = None  # set: the change map from this year to `year`
    view: str | None = None  # the map's zoom/lat/lng when the reader moved it, else the map fits the areas


@dataclass(frozen=True)
class Notice:
    """A fallback the reader should know about: which parameter, what was given."""

    key: str
    given: str


def _first(query: dict[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    return values[0].strip() if values else None


def _normalise_keys(search: str) -> dict[str, list[str]]:
    raw = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
    out: dict[str, list[str]] = {}
    for key, values in raw.items():
        out.setdefault(ALIASES.get(key.lower(), key.lower()), []).extend(values)
    return out


def _lang(q: dict[str, list[str]], notices: list[Notice]) -> str:
    lang = _first(q, "lang") or "sv"
    if lang not in LANGS:
        notices.append(Notice("lang", lang))
        return "sv"
    return lang


def code_list(q: dict[str, list[str]], key: str) -> list[str]:
    """The distinct comma-separated codes of a list parameter, in the order given, at most `MAX_LIST`."""
    given = (c.strip() for c in (_first(q, key) or "").split(",")[:MAX_LIST])
    return list(dict.fromkeys(c for c in given if c))


def other_lang(lang: str) -> str:
    """The language the switch offers: the one of `LANGS` that is not `lang`."""
    return next(other for other in LANGS if other != lang)


def lang_of(search: str | None) -> str:
    """The page's language from a query string (`lang` or an alias), Swedish when none or unknown."""
    return _lang(_normalise_keys(search or ""), [])


def _municipality_codes(
    q: dict[str, list[str]], known: AbstractSet[str], default: tuple[str, ...], notices: list[Notice], cap: int
) -> tuple[str, ...]:
    """Known codes in the order given (at most `cap`), the others as notices, the default when none is left."""
    chosen: list[str] = []
    for code in code_list(q, "municipality"):
        if code not in known:
            notices.append(Notice("municipality", code))
        elif len(chosen) >= cap:
            notices.append(Notice("too_many_municipalities", code))
        else:
            chosen.append(code)
    return tuple(chosen) or default


def _indicator(q: dict[str, list[str]], known: list[str], notices: list[Notice]) -> str:
    indicator = _first(q, "indicator") or DEFAULT_INDICATOR
    if indicator not in known:
        notices.append(Notice("indicator", indicator))
        return DEFAULT_INDICATOR
    return indicator


def parse_year(text: str | None) -> int | None:
    """A year from text of ASCII digits within `YEAR_RANGE`, else None (`'²'.isdigit()` is true; not here)."""
    if text is None or not (text.isascii() and text.isdecimal() and len(text) == 4):
        return None
    year = int(text)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def _year(q: dict[str, list[str]], years: list[int], notices: list[Notice]) -> int:
    """The asked-for year if the data has it, else the latest (0 when there is none)."""
    text = _first(q, "year")
    year = parse_year(text)
    if year is not None and year in years:
        return year
    if text is not None:
        notices.append(Notice("year", text))
    return years[-1] if years else 0


def parse(search: str | None, data: Availability) -> tuple[ViewState, list[Notice]]:
    """A valid state from any query string, and a notice for every value that was replaced."""
    q = _normalise_keys(search or "")
    notices: list[Notice] = []

    lang = _lang(q, notices)

    indicator = _indicator(q, data.indicator_ids(), notices)

    offered = [lv for lv in LEVEL_CHOICES if lv in data.levels(indicator)]
    level = _first(q, "level") or offered[0]
    if level not in offered:
        notices.append(Notice("level", level))
        level = offered[0]

    municipalities = _municipality_codes(
        q, data.municipality_codes(), DEFAULT_MUNICIPALITIES, notices, MAX_MUNICIPALITIES
    )

    year = _year(q, data.years(indicator, level), notices)

    classes = _first(q, "classes") or "quantiles"
    if classes not in CLASS_METHODS:
        notices.append(Notice("classes", classes))
        classes = "quantiles"

    area = _first(q, "area") or None
    if area is not None and not data.has_area(area, level, year):
        notices.append(Notice("area", area))
        area = None

    layer = _first(q, "layer") or "values"
    if layer not in LAYERS:
        notices.append(Notice("layer", layer))
        layer = "values"

    year_from = _year_from(q, data, indicator, level, year, notices)
    if year_from is not None and layer == "lisa":  # one picture at a time: the change map wins
        notices.append(Notice("layer", layer))
        layer = "values"

    view = _map_view(q, notices)
    state = ViewState(level, municipalities, indicator, year, classes, area, lang, layer, year_from, view)
    return state, notices


def _map_view(q: dict[str, list[str]], notices: list[Notice]) -> str | None:
    """`zoom/lat/lng` within Sweden, in canonical form (zoom in quarter steps, coordinates to 4 decimals)."""
    text = _first(q, MAP_KEY)
    if not text:
        return None
    parts = text.split("/")
    numbers = [float(p) for p in parts if p.replace(".", "", 1).isdecimal() and p.isascii()]
    if len(parts) == 3 and len(numbers) == 3:
        zoom, lat, lng = numbers
        ranges = (MAP_ZOOMS, MAP_LATITUDES, MAP_LONGITUDES)
        if all(low <= v <= high for v, (low, high) in zip((zoom, lat, lng), ranges, strict=True)):
            return f"{round(zoom * 4) / 4:g}/{lat:.4f}/{lng:.4f}"
    notices.append(Notice("map", text))
    return None


def map_view(view: str) -> tuple[float, float, float]:
    """zoom, latitude, longitude of a canonical `ViewState.view`."""
    zoom, lat, lng = (float(p) for p in view.split("/"))
    return zoom, lat, lng


def change_years(data: Availability, indicator: str, level: str, year: int) -> list[int]:
    """Years a change map to `year` can start from: the indicator's earlier years at the level
    (none for categories)."""
    from geodata.errors import UsageError

    try:
        data.change_unit(indicator)
    except UsageError:  # a category has no change
        return []
    return [y for y in data.years(indicator, level) if y < year]


def _year_from(
    q: dict[str, list[str]], data: Availability, indicator: str, level: str, year: int, notices: list[Notice]
) -> int | None:
    """The change map's first year: an earlier year the indicator has at the level, else none."""
    text = _first(q, "from")
    if not text:
        return None
    if text.isdigit() and int(text) in change_years(data, indicator, level, year):
        return int(text)
    notices.append(Notice("from", text))
    return None


def to_search(state: ViewState) -> str:
    """The canonical query string of a state (keys in a fixed order, empty area left out)."""
    pairs = [
        ("level", state.level),
        ("municipality", ",".join(state.municipalities)),
        ("indicator", state.indicator),
        ("year", str(state.year)),
        ("classes", state.classes),
    ]
    if state.year_from is not None:
        pairs.append(("from", str(state.year_from)))
    if state.layer != "values":
        pairs.append(("layer", state.layer))
    if state.area:
        pairs.append(("area", state.area))
    if state.view:
        pairs.append((MAP_KEY, state.view))
    pairs.append(("lang", state.lang))
    return "?" + urlencode(pairs, safe=",/")


def with_changes(state: ViewState, data: Availability, **changes: object) -> ViewState:
    """A state after the reader changed controls, re-validated: the year follows the indicator and
    level, and a clicked area is kept only while it exists at the level, year and municipalities."""
    new = replace(state, **changes)
    search = to_search(new)
    fixed, _ = parse(search, data)
    if fixed.area and kommun_of(fixed.area) not in fixed.municipalities and fixed.level != "kommun":
        fixed = replace(fixed, area=None)
    return fixed


# ---------------------------------------------------------------- pages with only a language


@dataclass(frozen=True)
class LangState:
    """The state of a help page: its language."""

    lang: str = "sv"


def parse_lang(search: str | None, _data: object = None) -> tuple[LangState, list[Notice]]:
    notices: list[Notice] = []
    return LangState(_lang(_normalise_keys(search or ""), notices)), notices


def lang_to_search(state: LangState) -> str:
    return "?" + urlencode([("lang", state.lang)])


# ---------------------------------------------------------------- the compare view

MAX_AREAS = 6


class CompareAvailability(Protocol):
    def indicator_ids(self) -> list[str]: ...
    def years(self, indicator: str, level: str) -> list[int]: ...
    def has_area_any(self, code: str, level: str) -> bool: ...


@dataclass(frozen=True)
class CompareState:
    areas: tuple[str, ...] = ()
    indicator: str = DEFAULT_INDICATOR
    year: int = 0
    lang: str = "sv"


def compare_years(data: CompareAvailability, indicator: str, areas: tuple[str, ...]) -> list[int]:
    """Years the indicator has at any of the areas' levels (DeSO when none are pinned)."""
    levels = {small_area_level(a) for a in areas} or {"deso"}
    return sorted({y for lv in levels if lv for y in data.years(indicator, lv)})


def parse_compare(search: str | None, data: CompareAvailability) -> tuple[CompareState, list[Notice]]:
    """A valid compare state; unknown codes are listed in notices and skipped."""
    q = _normalise_keys(search or "")
    q.setdefault("areas", q.pop("area", []))
    notices: list[Notice] = []
    lang = _lang(q, notices)
    indicator = _indicator(q, data.indicator_ids(), notices)
    areas: list[str] = []
    for code in code_list(q, "areas"):
        level = small_area_level(code)
        if level is None or not data.has_area_any(code, level):
            notices.append(Notice("area", code))
        elif len(areas) >= MAX_AREAS:
            notices.append(Notice("too_many", code))
        else:
            areas.append(code)
    year = _year(q, compare_years(data, indicator, tuple(areas)), notices)
    return CompareState(tuple(areas), indicator, year, lang), notices


def compare_to_search(state: CompareState) -> str:
    pairs = [
        ("areas", ",".join(state.areas)),
        ("indicator", state.indicator),
        ("year", str(state.year)),
        ("lang", state.lang),
    ]
    return "?" + urlencode(pairs, safe=",")


# ---------------------------------------------------------------- the segregation view

DEFAULT_SEGREGATION_MUNICIPALITIES = ("1480", "1481", "1490")


class SegregationAvailability(Protocol):
    def municipality_codes(self) -> AbstractSet[str]: ...
    def split_ids(self) -> list[str]: ...
    def measure_years(self, split: str, level: str) -> list[int]: ...


@dataclass(frozen=True)
class SegregationState:
    municipalities: tuple[str, ...] = DEFAULT_SEGREGATION_MUNICIPALITIES
    measure: str = "dissimilarity"
    group: str = "utlandsk_bakgrund"
    year: int = 0
    level: str = "deso"
    lang: str = "sv"


def parse_segregation(search: str | None, data: SegregationAvailability) -> tuple[SegregationState, list[Notice]]:
    q = _normalise_keys(search or "")
    notices: list[Notice] = []
    lang = _lang(q, notices)
    measure = _first(q, "measure") or "dissimilarity"
    if measure not in MEASURE_IDS:
        notices.append(Notice("measure", measure))
        measure = "dissimilarity"
    group = _first(q, "group") or "utlandsk_bakgrund"
    if group not in data.split_ids():
        notices.append(Notice("group", group))
        group = "utlandsk_bakgrund"
    given = _first(q, "level")
    level = given or "deso"
    if level not in ("deso", "regso") or not data.measure_years(group, level):
        if given:  # an unknown level, or one without measures for this grouping
            notices.append(Notice("level", given))
        level = "deso" if data.measure_years(group, "deso") else "regso"
    municipalities = _municipality_codes(
        q, data.municipality_codes(), DEFAULT_SEGREGATION_MUNICIPALITIES, notices, MAX_SEGREGATION_MUNICIPALITIES
    )
    year = _year(q, data.measure_years(group, level), notices)
    return SegregationState(municipalities, measure, group, year, level, lang), notices


def segregation_to_search(state: SegregationState) -> str:
    pairs = [
        ("municipality", ",".join(state.municipalities)),
        ("measure", state.measure),
        ("group", state.group),
        ("year", str(state.year)),
        ("level", state.level),
        ("lang", state.lang),
    ]
    return "?" + urlencode(pairs, safe=",")


# ---------------------------------------------------------------- values a callback receives


class InvalidInput(ValueError):
    """A callback received a value no control of the page can send (a forged request): answered with 400."""


def from_store(cls, data: object, parser, serializer, availability):
    """A state a callback read from a dcc.Store, re-validated by the view's own parser: the browser holds
    the store, so it is input like the URL. Wrong shapes raise InvalidInput; odd values fall back."""
    lists = {f.name: isinstance(f.default, tuple) for f in fields(cls)}  # code lists, else text or a number
    if not isinstance(data, dict) or not set(data) <= set(lists):
        raise InvalidInput(f"a {cls.__name__} has the keys {', '.join(sorted(lists))}")
    values = {}
    for key, value in data.items():
        if lists[key] and isinstance(value, list) and all(isinstance(v, str) for v in value[:MAX_LIST]):
            values[key] = tuple(value[:MAX_LIST])
        elif not lists[key] and (value is None or (isinstance(value, str | int) and not isinstance(value, bool))):
            values[key] = value
        else:
            raise InvalidInput(f"{key} is {'a list of codes' if lists[key] else 'text or a whole number'}")
    state, _notices = parser(serializer(cls(**values)), availability)
    return state


def control_text(value: object) -> str | None:
    """A dropdown's or radio's value: text or nothing."""
    if value is None or isinstance(value, str):
        return value
    raise InvalidInput("this control's value is text")


def control_year(value: object) -> int | None:
    """A year picker's value (a number or its text), None when it is not a year."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput("a year is a number")
    return parse_year(str(value))


def control_codes(value: object) -> tuple[str, ...]:
    """A multi-select's codes (at most `MAX_LIST`)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput("a list of codes")
    return tuple(value[:MAX_LIST])
