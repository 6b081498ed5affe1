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


MORE = "statistics/deso2018_2022_2023_more.csv"
# Each new indicator's formula, spelled out here from the bundle's own variables (independently of the
# catalogue): numerator and denominator per DeSO, then summed over the municipality's DeSO.
NEW_INDICATORS = {
    "utrikes_fodda": (
        lambda v: v["folkmangd_fodelseregion_totalt"] - v["fodda_sverige"],
        "folkmangd_fodelseregion_totalt",
    ),
    "fodda_europa": (lambda v: v["fodda_europa_utom_sverige"], "folkmangd_fodelseregion_totalt"),
    "fodda_utanfor_europa": (lambda v: v["fodda_ovriga_varlden_inkl_okant"], "folkmangd_fodelseregion_totalt"),
    "lag_ekonomisk_standard": (
        lambda v: v["lag_ek_standard_pct"] / 100 * v["ek_standard_antal_personer"],
        "ek_standard_antal_personer",
    ),
    "hog_ekonomisk_standard": (
        lambda v: v["hog_ek_standard_pct"] / 100 * v["ek_standard_antal_personer"],
        "ek_standard_antal_personer",
    ),
    "sysselsattningsgrad": (lambda v: v["syss_16_64_sysselsatta"], "syss_16_64_totalt"),
    "arbetsloshet": (lambda v: v["syss_16_64_arbetslosa"], "syss_16_64_arbetskraften"),
    "utanfor_arbetskraften": (lambda v: v["syss_16_64_utanfor_arbetskraften"], "syss_16_64_totalt"),
    "medel_nettoinkomst": (
        lambda v: v["nettoinkomst_medel_tkr"] * v["nettoinkomst_antal_personer"],
        "nettoinkomst_antal_personer",
    ),
    "bor_i_flerbostadshus": (lambda v: v["personer_flerbostadshus"], "personer_hustyp_totalt"),
    "ensamhushall": (lambda v: v["hushall_ensamstaende_utan_barn"], "hushall_alla_typer"),
    "ensamstaende_med_barn": (lambda v: v["hushall_ensamstaende_med_barn"], "hushall_alla_typer"),
    "sammanboende_utan_barn": (lambda v: v["hushall_sammanboende_utan_barn"], "hushall_alla_typer"),
    "sammanboende_med_barn": (lambda v: v["hushall_sammanboende_med_barn"], "hushall_alla_typer"),
    "ovriga_hushall": (lambda v: v["hushall_ovriga"], "hushall_alla_typer"),
}


@pytest.mark.parametrize("indicator", sorted(NEW_INDICATORS))
def test_each_new_indicators_kommun_value_is_a_ratio_of_summed_counts(atlas: Atlas, bundle, indicator: str) -> None:
    import pandas as pd

    raw = pd.read_csv(bundle / MORE, dtype={"region_code": str})
    wide = raw[(raw["year"] == 2022) & raw["region_code"].str.startswith("1480")].pivot(
        index="region_code", columns="variable", values="value"
    )
    wide["hushall_alla_typer"] = wide[[c for c in wide.columns if c.startswith("hushall_")]].sum(axis=1)
    numerator, denominator = NEW_INDICATORS[indicator]
    num, den = numerator(wide), wide[denominator]
    scale = CAT.get(indicator).scale
    kommun = atlas.value(indicator, "kommun", 2022, "1480")
    assert kommun == pytest.approx(scale * num.sum() / den.sum(), rel=1e-9)
    mean_of_shares = (scale * num / den).mean()
    assert abs(kommun - mean_of_shares) > 1e-6  # the data tell the two apart: this is not a mean
    deso = atlas.values(indicator, "deso", 2022, ["1480"]).set_index("code")["value"]
    assert deso.notna().all() and len(deso) == 306
    assert atlas.value(indicator, "riket", 2022, "00") is not None  # all 5,984 DeSO have the counts


def test_medians_of_net_income_stay_on_deso_and_references_say_why(atlas: Atlas) -> None:
    assert atlas.levels("median_nettoinkomst") == ["deso"]
    kommun, riket = atlas.references("1480C3050", "deso", "median_nettoinkomst", 2022)
    assert kommun.value is None and kommun.missing == "not_summable" and riket.missing == "not_summable"


def test_2025_references_come_back_where_counts_exist_and_riket_says_incomplete(atlas: Atlas) -> None:
    deso_2025 = atlas.values("befolkning", "deso", 2025)
    with_2025 = sorted({c[:4] for c in deso_2025.loc[deso_2025["value"].notna(), "code"]})
    assert len(with_2025) == 17 and "1384" not in with_2025  # Kungsbacka: shapes but no statistics
    for kommun in with_2025:
        deso = atlas.values("befolkning", "deso", 2025, [kommun])
        assert atlas.value("befolkning", "kommun", 2025, kommun) == deso["value"].sum()
    kommun, riket = atlas.references("1490C1010", "deso", "hyresratt", 2025)
    assert kommun.value is not None and riket.value is None and riket.missing == "incomplete"
    kommun, _riket = atlas.references("1490C1010", "deso", "hyresratt", 2024)
    assert kommun.value is None and kommun.missing == "not_summable"  # SCB published only the share
