"""The URL as the explore view's state: parse, serialise, fall back visibly, honour aliases."""

from __future__ import annotations

import pytest

from dashboard.urlstate import ALIASES, Notice, ViewState, parse, to_search, with_changes


class Toy:
    """A hand-made availability: two indicators, three municipalities, a few areas."""

    def indicator_ids(self) -> list[str]:
        return ["utlandsk_bakgrund", "median_inkomst"]

    def levels(self, indicator: str) -> list[str]:
        return ["deso"] if indicator == "median_inkomst" else ["deso", "regso", "kommun", "riket"]

    def years(self, indicator: str, level: str) -> list[int]:
        return [2022, 2024] if indicator == "median_inkomst" else [2022, 2024, 2025]

    def municipality_codes(self) -> set[str]:
        return {"1480", "1481", "1490"}

    def has_area(self, code: str, level: str, year: int) -> bool:
        return level == "deso" and code in {"1480C3050", "1481C1070"}

    def change_unit(self, indicator: str) -> str:
        return "pp" if indicator == "utlandsk_bakgrund" else "percent"


TOY = Toy()
FULL = (
    "?level=deso&municipality=1480,1481&indicator=utlandsk_bakgrund&year=2022&classes=quantiles&area=1480C3050&lang=sv"
)


def test_the_issue_url_parses_exactly_and_serialises_back() -> None:
    state, notices = parse(FULL, TOY)
    assert state == ViewState("deso", ("1480", "1481"), "utlandsk_bakgrund", 2022, "quantiles", "1480C3050", "sv")
    assert notices == []
    assert to_search(state) == FULL


def test_an_empty_url_gives_the_defaults_with_the_latest_year() -> None:
    state, notices = parse("", TOY)
    assert state == ViewState(year=2025) and notices == []


@pytest.mark.parametrize(
    ("query", "key", "given"),
    [
        ("indicator=nope", "indicator", "nope"),
        ("indicator=median_inkomst&level=kommun", "level", "kommun"),
        ("year=1999", "year", "1999"),
        ("year=tjugo", "year", "tjugo"),
        ("municipality=1480,9999", "municipality", "9999"),
        ("classes=rainbow", "classes", "rainbow"),
        ("area=1480X0000", "area", "1480X0000"),
        ("lang=fi", "lang", "fi"),
    ],
)
def test_a_bad_value_falls_back_with_a_notice(query: str, key: str, given: str) -> None:
    state, notices = parse("?" + query, TOY)
    assert Notice(key, given) in notices
    assert parse(to_search(state), TOY)[1] == []  # the fallback itself is valid


def test_a_median_falls_back_to_the_level_where_it_exists() -> None:
    state, _ = parse("?indicator=median_inkomst&level=kommun&year=2025", TOY)
    assert (state.level, state.year) == ("deso", 2024)


def test_only_unknown_municipalities_fall_back_to_goteborg() -> None:
    assert parse("?municipality=0000", TOY)[0].municipalities == ("1480",)


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_every_alias_reaches_its_key(alias: str) -> None:
    target = ALIASES[alias]
    value = {
        "level": "regso",
        "municipality": "1490",
        "indicator": "median_inkomst",
        "year": "2022",
        "classes": "box",
        "area": "1480C3050",
        "lang": "en",
        "from": "2022",
        "map": "12/59.3293/18.0686",
    }[target]
    query = f"?{alias}={value}" + ("&indicator=utlandsk_bakgrund" if target in ("year", "from") else "")
    state, notices = parse(query, TOY)
    if target == "municipality":
        got = ",".join(state.municipalities)
    elif target == "year":
        got = str(state.year)
    elif target == "from":
        got = str(state.year_from)
    elif target == "map":
        got = state.view
    else:
        got = getattr(state, target)
    assert got == value and notices == []


def test_changing_the_indicator_moves_the_year_to_one_it_has() -> None:
    state = parse("?indicator=utlandsk_bakgrund&year=2025", TOY)[0]
    moved = with_changes(state, TOY, indicator="median_inkomst")
    assert moved.year == 2024 and moved.level == "deso"


def test_removing_a_municipality_drops_an_area_inside_it() -> None:
    state = parse("?municipality=1480,1481&area=1480C3050&year=2022", TOY)[0]
    assert with_changes(state, TOY, municipalities=("1481",)).area is None
    assert with_changes(state, TOY, year=2022).area == "1480C3050"


def test_the_hot_spot_layer_round_trips_and_defaults_to_values() -> None:
    state, notices = parse(FULL.replace("&area=", "&layer=lisa&area="), TOY)
    assert state.layer == "lisa" and notices == []
    assert "&layer=lisa&" in to_search(state)
    assert "layer" not in to_search(parse(FULL, TOY)[0])
    assert with_changes(state, TOY, year=2024).layer == "lisa"
    assert parse("?layer=heatmap", TOY)[1] == [Notice("layer", "heatmap")]


def test_a_change_map_keeps_both_years_in_the_url() -> None:
    state, notices = parse("?indicator=utlandsk_bakgrund&year=2025&from=2024", TOY)
    assert (state.year_from, state.year, notices) == (2024, 2025, [])
    assert "&year=2025&classes=quantiles&from=2024&" in to_search(state)
    assert parse(to_search(state), TOY)[0] == state
    assert parse("?år=2025&från=2022", TOY)[0].year_from == 2022  # the Swedish keys
    assert "from" not in to_search(parse("?year=2025", TOY)[0])  # no change map: no key


@pytest.mark.parametrize("given", ["2025", "2026", "1999", "tjugo", "2023"])
def test_a_change_needs_an_earlier_year_the_indicator_has(given: str) -> None:
    state, notices = parse(f"?indicator=utlandsk_bakgrund&year=2025&from={given}", TOY)
    assert state.year_from is None and notices == [Notice("from", given)]


def test_a_change_map_replaces_hot_spots_and_follows_the_year() -> None:
    state, notices = parse("?year=2025&from=2024&layer=lisa", TOY)
    assert (state.year_from, state.layer, notices) == (2024, "values", [Notice("layer", "lisa")])
    assert with_changes(state, TOY, year=2022).year_from is None  # 2024 is not before 2022: back to values
    assert with_changes(state, TOY, classes="box").year_from == 2024


def test_the_map_view_round_trips_in_canonical_form_and_a_bad_one_falls_back() -> None:
    state, notices = parse(FULL + "&map=11.3/57.70123/11.9", TOY)
    assert notices == [] and state.view == "11.25/57.7012/11.9000"
    assert to_search(state).endswith("&map=11.25/57.7012/11.9000&lang=sv")
    assert parse(to_search(state), TOY)[0] == state
    assert parse(FULL + "&karta=12/59.3293/18.0686", TOY)[0].view == "12/59.3293/18.0686"  # Swedish alias
    for bad in ("12/40.0/18.0", "25/59.3/18.0", "12/59.3", "x/y/z", "12/-59.3/18.0", "١٢/59.3/18.0"):
        state, notices = parse(FULL + f"&map={bad}", TOY)
        assert state.view is None and notices == [Notice("map", bad)], bad
