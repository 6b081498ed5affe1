"""Data truth on the real bundle: roll-ups, ratios, medians, editions and references."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geodata.errors import UsageError
from geodata.queries import Atlas

GOTEBORG, MOLNDAL, BORAS = "1480", "1481", "1490"


def raw_csv(bundle, name: str) -> pd.DataFrame:
    return pd.read_csv(bundle / "statistics" / name, dtype={"region_code": str})


def test_goteborg_population_2022_is_the_sum_of_its_deso(atlas: Atlas, bundle) -> None:
    deso = atlas.values("befolkning", "deso", 2022, [GOTEBORG])
    raw = raw_csv(bundle, "deso2018_2022.csv")
    expected = raw[(raw.variable == "folkmangd") & raw.region_code.str.startswith(GOTEBORG)].value.sum()
    assert len(deso) == 306
    assert deso["value"].sum() == expected
    assert atlas.value("befolkning", "kommun", 2022, GOTEBORG) == expected


def test_riket_population_2022_equals_the_sum_over_all_deso_and_scbs_total(atlas: Atlas) -> None:
    all_deso = atlas.values("befolkning", "deso", 2022)
    assert len(all_deso) == 5984
    assert all_deso["value"].sum() == 10_521_556
    assert atlas.value("befolkning", "riket", 2022, "00") == 10_521_556


@pytest.mark.parametrize(
    ("year", "total"), [(2020, 10_379_295), (2021, 10_452_326), (2022, 10_521_556), (2023, 10_551_707)]
)
def test_riket_population_from_regso_matches_scbs_totals(atlas: Atlas, year: int, total: int) -> None:
    assert atlas.values("befolkning", "regso", year)["value"].sum() == total
    assert atlas.value("befolkning", "riket", year, "00") == total


def test_kommun_share_is_summed_numerators_over_summed_denominators(atlas: Atlas) -> None:
    deso = atlas.values("utlandsk_bakgrund", "deso", 2022, [GOTEBORG])
    ratio = 100 * deso["numerator"].sum() / deso["denominator"].sum()
    mean_of_shares = deso["value"].mean()
    kommun = atlas.value("utlandsk_bakgrund", "kommun", 2022, GOTEBORG)
    assert kommun == pytest.approx(ratio, rel=1e-12)
    assert abs(kommun - mean_of_shares) > 0.3  # the naive mean is off by about half a point here


def test_foreign_background_share_agrees_with_the_bundles_counts(atlas: Atlas, bundle) -> None:
    raw = raw_csv(bundle, "deso2018_2022.csv")
    mol = raw[raw.region_code.str.startswith(MOLNDAL)].pivot(index="region_code", columns="variable", values="value")
    expected = 100 * mol.bakgrund_utlandsk.sum() / (mol.bakgrund_utlandsk.sum() + mol.bakgrund_svensk.sum())
    assert atlas.value("utlandsk_bakgrund", "kommun", 2022, MOLNDAL) == pytest.approx(expected)


def test_every_regso_2022_count_is_the_sum_of_its_deso(atlas: Atlas, bundle) -> None:
    corr = pd.read_csv(bundle / "correspondence" / "deso2018_regso2020.csv", dtype=str)
    deso = atlas.values("befolkning", "deso", 2022).merge(corr, left_on="code", right_on="desokod")
    summed = deso.groupby("regsokod")["value"].sum()
    regso = atlas.values("befolkning", "regso", 2022).set_index("code")["value"]
    assert len(regso) == 3363
    pd.testing.assert_series_equal(summed.sort_index(), regso.sort_index(), check_names=False)


def test_median_income_has_no_kommun_or_riket_value(atlas: Atlas) -> None:
    assert atlas.levels("median_inkomst") == ["deso"]
    with pytest.raises(UsageError, match="no values at level kommun"):
        atlas.values("median_inkomst", "kommun", 2022)
    refs = atlas.references("1480C3050", "deso", "median_inkomst", 2022)
    assert [r.value for r in refs] == [None, None]


def test_area_types_count_as_boverket_reports_for_2022(atlas: Atlas) -> None:
    types = atlas.values("omradestyp", "regso", 2022)["value"].value_counts().sort_index()
    assert types.tolist() == [160, 289, 855, 1770, 289]


def test_values_lists_every_area_and_leaves_missing_values_empty(atlas: Atlas) -> None:
    frame = atlas.values("flerbostadshus", "deso", 2025, [GOTEBORG])
    assert frame["value"].isna().any()
    assert frame["value"].notna().sum() > 0.8 * len(frame)


def test_a_ratio_with_a_zero_denominator_has_no_value(atlas: Atlas, bundle) -> None:
    """A real area's counts, once as published and once with every dwelling count set to zero: the share
    is the ratio for the first and missing (not 0, not inf) for the second, at build and in the store."""
    from geodata.steps.indicators import compute_indicator

    frame = atlas.values("hyresratt", "deso", 2022)
    assert (frame["denominator"] == 0).sum() == frame.loc[frame["denominator"] == 0, "value"].isna().sum()
    ind = atlas.catalogue.get("hyresratt")
    raw = raw_csv(bundle, "deso2018_2022.csv")
    code = "1480C3050"
    variables = {t.variable for t in ind.denominator}
    counts = raw[(raw.region_code == code) & raw.variable.isin(variables)]
    wide = counts.pivot_table(index="region_code", columns="variable", values="value", aggfunc="first")
    assert set(wide.columns) == variables
    zero = wide.rename(index=lambda c: "zero") * 0
    both = pd.concat([wide, zero]).rename_axis("code")
    out = compute_indicator(ind, both).set_index("code")["value"]
    assert out[code] == pytest.approx(atlas.value("hyresratt", "deso", 2022, code))
    assert "zero" not in out.index or math.isnan(out["zero"])
    for ind in [i for i in atlas.catalogue.indicators if i.aggregation == "ratio"]:  # a count over nobody
        dens = {t.variable for t in ind.denominator}
        row = {t.variable: 0.0 if t.variable in dens else 7.0 for t in (*ind.numerator, *ind.denominator)}
        out = compute_indicator(ind, pd.DataFrame([row], index=pd.Index(["zero"], name="code")))
        assert out.empty or out["value"].isna().all(), ind.id


def test_2025_values_roll_up_only_for_municipalities_with_all_areas(atlas: Atlas) -> None:
    assert atlas.value("befolkning", "kommun", 2025, GOTEBORG) > 600_000
    assert atlas.value("befolkning", "kommun", 2025, "1384") is None  # Kungsbacka: shapes, no statistics
    assert atlas.value("befolkning", "lan", 2025, "14") is None  # most of Västra Götaland is missing
    assert atlas.value("befolkning", "riket", 2025, "00") is None


def test_history_spans_both_editions_with_the_edition_marked(atlas: Atlas) -> None:
    hist = atlas.history("1480C3050", "deso", ["utlandsk_bakgrund"])
    assert hist["year"].tolist() == [2022, 2024, 2025]
    assert hist["edition"].tolist() == ["2018", "2025", "2025"]


def test_references_give_municipality_and_nation_for_the_same_year(atlas: Atlas) -> None:
    kommun, riket = atlas.references("1480C3050", "deso", "utlandsk_bakgrund", 2022)
    assert (kommun.code, kommun.name) == (GOTEBORG, "Göteborg")
    assert kommun.value == atlas.value("utlandsk_bakgrund", "kommun", 2022, GOTEBORG)
    assert riket.value == pytest.approx(atlas.value("utlandsk_bakgrund", "riket", 2022, "00"))
    assert 20 < riket.value < 35


def test_deso_carry_their_regso_name(atlas: Atlas) -> None:
    row = atlas.values("befolkning", "deso", 2022, [GOTEBORG]).set_index("code").loc["1480C3050"]
    regso = atlas.areas.query("code == '1480C3050' and edition == '2018'")["regso"].item()
    assert row["name"] == atlas.name(regso, "regso", "2018")
    assert row["name"]


def test_2022_deso_are_drawn_on_2025_shapes_flagged_and_missing_codes_listed(atlas: Atlas) -> None:
    layer = atlas.map_layer("utlandsk_bakgrund", "deso", 2022, [GOTEBORG])
    assert layer.geometry_edition == "2025" and layer.value_edition == "2018" and layer.other_vintage
    drawn = layer.frame[layer.frame["value"].notna()]
    # only what SCB's change log allows: 287 areas the same, and the 22 parts of 11 areas split exactly
    # (each part with its whole's value); the 6 codes whose boundary moved are not joined by their code
    assert drawn["join"].value_counts().to_dict() == {"same": 287, "parent": 22} and drawn["other_vintage"].all()
    parts = drawn[drawn["join"] == "parent"]
    assert parts["source_code"].nunique() == 11 and (parts["code"] != parts["source_code"]).all()
    assert (drawn.loc[drawn["join"] == "same", "code"] == drawn.loc[drawn["join"] == "same", "source_code"]).all()
    assert {atlas.counterpart(c, "deso", "2018")[1] for c in parts["source_code"]} == {"split_sum"}
    assert {atlas.counterpart(c, "deso", "2018")[2] for c in layer.values_without_shape} == {
        "boundary_moved",
        "merged",
    }
    assert "1480C1350" in layer.values_without_shape and len(layer.values_without_shape) == 8
    assert layer.shapes_without_value == len(layer.frame) - 309


def test_2025_deso_are_drawn_on_their_own_shapes(atlas: Atlas) -> None:
    layer = atlas.map_layer("utlandsk_bakgrund", "deso", 2025, [GOTEBORG, MOLNDAL])
    assert not layer.other_vintage and not layer.frame["other_vintage"].any()
    assert layer.values_without_shape == []
    assert layer.frame["value"].notna().sum() == 320 + 42


def test_a_level_without_shapes_lists_every_value_as_undrawable(atlas: Atlas) -> None:
    layer = atlas.map_layer("befolkning", "deso", 2022, ["1280"])  # Malmö: no DeSO shapes in the bundle
    assert layer.frame.empty
    assert len(layer.values_without_shape) == len(atlas.values("befolkning", "deso", 2022, ["1280"]))


def test_stockholm_2022_draws_on_its_own_2018_shapes_while_goteborg_borrows_2025s(atlas: Atlas) -> None:
    stockholm = atlas.map_layer("befolkning", "deso", 2022, ["0180"])
    assert stockholm.geometry_edition == "2018" and not stockholm.other_vintage
    assert len(stockholm.frame) == 544 and stockholm.frame["value"].notna().all()
    assert atlas.geometry_edition("deso", 2022, [GOTEBORG]) == "2025"
    assert atlas.geometry_edition("deso", 2025, ["0180"]) == "2018"  # only 2018 shapes there


def test_the_build_report_counts_the_codes_a_map_draws_on_the_other_edition(atlas: Atlas) -> None:
    """The manifest's edition report follows the maps' rule (SCB's change log), not the codes alone:
    Göteborg's DeSO 2018 codes drawn on DeSO 2025 shapes are those the map layer draws."""
    report = atlas.store.manifest["editions"]["deso 2018 on 2025 geometry"]
    layer = atlas.map_layer("utlandsk_bakgrund", "deso", 2022, [GOTEBORG])
    drawn = set(layer.frame.loc[layer.frame["source_code"].notna(), "source_code"])
    assert drawn and "1480C1350" not in drawn  # its boundary moved: not drawn, though the code survives
    assert drawn <= set(atlas.register("deso", "2018").index) - set(report["not_drawable"])
    assert {"1480C1350", *layer.values_without_shape} <= set(report["not_drawable"])


def test_unknown_inputs_raise_usage_errors_that_name_the_choices(atlas: Atlas) -> None:
    with pytest.raises(UsageError, match="known indicators"):
        atlas.values("nope", "deso", 2022)
    with pytest.raises(UsageError, match="years: 2022"):
        atlas.values("utlandsk_bakgrund", "kommun", 2019)
    with pytest.raises(UsageError, match="unknown municipality"):
        atlas.values("befolkning", "deso", 2022, ["9999"])
    with pytest.raises(UsageError, match="unknown level"):
        atlas.values("befolkning", "stadsdel", 2022)


def test_values_are_finite_and_shares_within_0_and_100(atlas: Atlas) -> None:
    for ind in atlas.catalogue.indicators:
        for level in atlas.levels(ind.id):
            for year in atlas.years(ind.id, level):
                values = atlas.values(ind.id, level, year)["value"].dropna()
                assert values.map(math.isfinite).all(), (ind.id, level, year)
                if ind.unit == "percent" and ind.id != "folkokning":
                    assert values.between(0, 100).all(), (ind.id, level, year)


def test_a_missing_reference_says_why(atlas: Atlas) -> None:
    published_share = atlas.references("1481C1070", "deso", "utlandsk_bakgrund", 2025)  # shares only, no counts
    assert [(r.value, r.missing) for r in published_share] == [(None, "not_summable"), (None, "not_summable")]
    kommun, riket = atlas.references("1481C1070", "deso", "befolkning", 2025)  # counts, but not all of Sweden
    assert kommun.value == atlas.value("befolkning", "kommun", 2025, MOLNDAL) and kommun.missing is None
    assert (riket.value, riket.missing) == (None, "incomplete")
    assert all(r.missing is None for r in atlas.references("1480C3050", "deso", "utlandsk_bakgrund", 2022))


def test_outlines_follow_the_drawn_areas_and_fall_back_to_the_kommun_layer(atlas: Atlas) -> None:
    import shapely

    outlines = atlas.outlines("deso", "2025", [GOTEBORG, MOLNDAL, BORAS, "1484"]).set_index("code")
    assert list(outlines.index) == [GOTEBORG, MOLNDAL, "1484", BORAS]
    for code in (GOTEBORG, MOLNDAL, BORAS):  # the areas' own union: same extent, no sliver holes
        areas = atlas.web_shapes("deso", "2025", [code]).union_all()
        outline = outlines.geometry[code]
        assert all(len(p.interiors) == 0 for p in shapely.get_parts(outline))
        assert outline.symmetric_difference(areas).area / areas.area < 0.01
    kommun = atlas.web_shapes("kommun", "2025", ["1484"]).geometry.iloc[0]  # Lysekil: no DeSO shapes
    assert outlines.geometry["1484"].equals(kommun)
    coarse = atlas.web_shapes("kommun", "2025", [MOLNDAL]).union_all()
    assert coarse.symmetric_difference(outlines.geometry[MOLNDAL]).area / coarse.area > 0.1  # why not the layer


def test_outlines_are_precomputed_at_build_and_match_the_areas_union(atlas: Atlas) -> None:
    from geodata.steps.web_geometry import outline_layer, web_outlines

    stored = atlas.store.boundaries(outline_layer("deso"), "2025", web=True)
    assert stored is not None and {GOTEBORG, MOLNDAL, BORAS} <= set(stored["code"])
    fresh = web_outlines(atlas.web_shapes("deso", "2025", [MOLNDAL])).set_index("code").geometry
    served = atlas.outlines("deso", "2025", [MOLNDAL]).set_index("code").geometry
    assert served[MOLNDAL].equals(fresh[MOLNDAL])


def test_an_atlas_with_filled_caches_is_freed_without_a_garbage_collection(atlas: Atlas) -> None:
    """Its caches must not hold it in a reference cycle: the workers freeze the collector between renders, so
    an old store version in a cycle would stay in memory after a rebuild."""
    import gc
    import weakref

    fresh = Atlas(atlas.store, atlas.catalogue)
    layer = fresh.map_layer("utlandsk_bakgrund", "deso", 2025, ["1481"], True)
    assert fresh.map_layer("utlandsk_bakgrund", "deso", 2025, ["1481"], True) is layer  # kept
    gone = weakref.ref(fresh)
    gc.disable()
    try:
        del fresh, layer
        assert gone() is None
    finally:
        gc.enable()
