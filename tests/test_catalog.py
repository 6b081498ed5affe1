"""The catalogue: required indicators, complete texts, valid rules, and coverage that matches the store."""

from __future__ import annotations

import pytest

from geodata.catalog import load_catalogue, parse_catalogue
from geodata.queries import Atlas

CAT = load_catalogue()
REQUIRED = {
    "befolkning": "count",
    "utlandsk_bakgrund": "percent",
    "utrikes_fodda": "percent",
    "forgymnasial": "percent",
    "eftergymnasial": "percent",
    "hyresratt": "percent",
    "median_inkomst": "tkr",
    "omradestyp": "category",
}


def test_the_required_indicators_exist_with_their_units() -> None:
    assert {i: CAT.get(i).unit for i in REQUIRED} == REQUIRED


def test_every_indicator_has_both_languages_a_table_and_a_known_theme() -> None:
    themes = {t.id for t in CAT.themes}
    for ind in CAT.indicators:
        for text in (ind.name, ind.definition, ind.universe):
            assert text["sv"].strip() and text["en"].strip(), ind.id
        assert ind.tables and all(ind.tables), ind.id
        assert ind.theme in themes


def test_medians_and_categories_do_not_aggregate() -> None:
    assert CAT.get("median_inkomst").aggregation == "none"
    assert CAT.get("omradestyp").aggregation == "none"
    assert CAT.get("omradestyp").category_label(1, "sv") == "Stora socioekonomiska utmaningar"


def test_store_values_never_fall_outside_the_catalogues_coverage(atlas: Atlas) -> None:
    values = atlas.store.table("values")
    present = values.groupby(["indicator", "edition", "level"])["year"].unique()
    for (indicator, edition, level), years in present.items():
        declared = CAT.get(indicator).coverage().get((edition, level), set())
        assert set(years) <= declared, (indicator, edition, level, sorted(years), sorted(declared))


def test_every_declared_source_has_values_in_the_store(atlas: Atlas) -> None:
    for ind in CAT.indicators:
        for src in ind.sources:
            have = set(atlas.years(ind.id, src.level))
            assert set(range(src.years[0], src.years[1] + 1)) <= have, (ind.id, src)


BASE = """
[[theme]]
id = "t"
name = { sv = "T", en = "T" }
[[indicator]]
id = "x"
theme = "t"
name = { sv = "X", en = "X" }
definition = { sv = "d", en = "d" }
universe = { sv = "u", en = "u" }
unit = "percent"
numerator = ["a"]
denominator = ["a", "b"]
aggregation = "ratio"
direction = "neutral"
sources = [{ table = "TAB1", edition = "2018", level = "deso", years = [2022, 2022], form = "counts" }]
"""


def test_a_valid_toy_catalogue_parses_with_a_percent_scale() -> None:
    cat = parse_catalogue(BASE)
    assert cat.get("x").scale == 100.0
    assert cat.get("x").coverage()[("2018", "riket")] == {2022}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('unit = "percent"', 'unit = "furlongs"'), "unit 'furlongs'"),
        (('denominator = ["a", "b"]\n', ""), "needs numerator and denominator"),
        (('edition = "2018"', 'edition = "2019"'), "edition '2019'"),
        (('name = { sv = "X", en = "X" }', 'name = { sv = "X" }'), "name needs both sv and en"),
        (('theme = "t"\nname', 'theme = "nope"\nname'), "unknown theme"),
    ],
)
def test_a_wrong_catalogue_names_the_problem(change: tuple[str, str], message: str) -> None:
    text = BASE.replace(*change)
    assert text != BASE
    with pytest.raises(ValueError, match=message):
        parse_catalogue(text)
