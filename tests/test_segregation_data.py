"""The data layer behind the segregation view: measure metadata, ranks, area-type shares and the test
of a difference between two municipalities (pure functions on small frames; Atlas on the real bundle)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geodata.measures import MEASURE_IDS, MEASURE_INFO, MEASURES
from geodata.measures.inference import difference
from geodata.measures.summary import nearest_year, ranks, type_shares
from geodata.queries import Atlas

GOTEBORG, MOLNDAL, BORAS = "1480", "1481", "1490"


# ---------------------------------------------------------------- pure


def test_every_measure_has_one_description_with_both_languages() -> None:
    assert MEASURE_IDS == ("dissimilarity", "theil", "isolation", "exposure")
    for mid, m in MEASURE_INFO.items():
        assert m.id == mid and MEASURES[mid] is m.fn
        assert set(m.name) == {"sv", "en"} and all(m.name.values()) and m.symbol
        assert m.kind in ("evenness", "exposure") and m.range[0] < m.range[1]
    assert [m.symbol for m in MEASURE_INFO.values()] == ["D", "H", "xPx", "xPy"]


def test_every_measure_stays_in_its_range_on_random_counts() -> None:
    rng = np.random.default_rng(1)
    t = rng.integers(1, 500, size=(50, 40)).astype(float)
    x = np.floor(t * rng.random((50, 40)))
    for m in MEASURE_INFO.values():
        v = m.fn(x, t)
        assert ((v >= m.range[0] - 1e-12) & (v <= m.range[1] + 1e-12)).all(), m.id


def test_ranks_put_the_highest_first_and_keep_ties_in_table_order() -> None:
    frame = pd.DataFrame({"kommun": ["a", "b", "c", "d", "e"], "value": [0.2, 0.5, np.nan, 0.5, 0.1]})
    out = ranks(frame)
    assert out["kommun"].tolist() == ["b", "d", "a", "e"]
    assert out["rank"].tolist() == [1, 2, 3, 4] and set(out["n"]) == {4}


def test_nearest_year_is_the_year_itself_or_the_latest() -> None:
    assert nearest_year([2022, 2023], 2023) == 2023
    assert nearest_year([2023, 2022], 2025) == 2023
    assert nearest_year([], 2022) is None


def test_type_shares_are_one_row_per_municipality_in_order_with_zeros_for_absent_types() -> None:
    types = pd.DataFrame(
        {
            "kommun": ["a", "a", "b", "a"],
            "year": [2022, 2022, 2022, 2023],
            "type": [1, 5, 3, 1],
            "share": [0.25, 0.75, 1.0, 1.0],
        }
    )
    out = type_shares(types, ["b", "a", "c"], 2022, [1, 2, 3, 4, 5])
    assert out.index.tolist() == ["b", "a", "c"] and out.columns.tolist() == [1, 2, 3, 4, 5]
    assert out.loc["a"].tolist() == [0.25, 0, 0, 0, 0.75]
    assert out.loc["b", 3] == 1.0 and out.loc["c"].sum() == 0
    assert type_shares(types, ["a"], 1999, [1, 2]).to_numpy().tolist() == [[0.0, 0.0]]  # a year without types


# ---------------------------------------------------------------- on the store


def test_the_difference_is_the_precomputed_measures_apart_with_a_test(atlas: Atlas) -> None:
    rows = atlas.measures("dissimilarity", "utlandsk_bakgrund", 2022, "deso", [GOTEBORG, MOLNDAL]).set_index("kommun")
    diff = atlas.measure_difference("dissimilarity", "utlandsk_bakgrund", "deso", 2022, GOTEBORG, MOLNDAL)
    assert diff.value == pytest.approx(rows.loc[GOTEBORG, "value"] - rows.loc[MOLNDAL, "value"])
    assert diff.low <= diff.value <= diff.high and 0 <= diff.p_value <= 1
    assert diff.significant and diff.p_value < 0.05  # 0,43 against 0,18 over hundreds of areas
    again = atlas.measure_difference("dissimilarity", "utlandsk_bakgrund", "deso", 2022, GOTEBORG, MOLNDAL)
    assert again is diff  # kept for the store version
    by_hand = difference(
        MEASURES["dissimilarity"],
        atlas.split_counts("utlandsk_bakgrund", "deso", 2022, GOTEBORG),
        atlas.split_counts("utlandsk_bakgrund", "deso", 2022, MOLNDAL),
    )
    assert diff == by_hand


def test_a_municipality_without_counts_has_no_difference(atlas: Atlas) -> None:
    # The bundle's 2010 DeSO figures are Stockholm county's population only: no background counts.
    assert atlas.split_counts("utlandsk_bakgrund", "deso", 2010, GOTEBORG) is None
    assert atlas.measure_difference("dissimilarity", "utlandsk_bakgrund", "deso", 2010, GOTEBORG, "0180") is None
    with pytest.raises(Exception, match="unknown measure"):
        atlas.measure_difference("gini", "utlandsk_bakgrund", "deso", 2022, GOTEBORG, MOLNDAL)


def test_comparisons_are_the_first_municipality_against_each_other_higher_first(atlas: Atlas) -> None:
    out = atlas.measure_comparisons("dissimilarity", "utlandsk_bakgrund", 2022, "deso", [GOTEBORG, MOLNDAL, BORAS])
    assert [(c.higher, c.lower) for c in out] == [(GOTEBORG, MOLNDAL), (GOTEBORG, BORAS)]
    assert out[0].higher_name == "Göteborg" and out[0].higher_value > out[0].lower_value
    assert out[0].difference.significant and not out[1].difference.significant
    flipped = atlas.measure_comparisons("dissimilarity", "utlandsk_bakgrund", 2022, "deso", [MOLNDAL, GOTEBORG])
    assert [(c.higher, c.lower) for c in flipped] == [(GOTEBORG, MOLNDAL)]


def test_ranks_cover_every_municipality_with_the_measure(atlas: Atlas) -> None:
    all_rows = atlas.measures("dissimilarity", "utlandsk_bakgrund", 2022, "deso")
    out = atlas.measure_ranks("dissimilarity", "utlandsk_bakgrund", 2022, "deso").set_index("kommun")
    assert len(out) == len(all_rows) and (out["n"] == len(all_rows)).all()
    top = all_rows.loc[all_rows["value"].idxmax(), "kommun"]
    assert out.loc[top, "rank"] == 1
    assert out.loc[GOTEBORG, "rank"] == 1 + (all_rows["value"] > out.loc[GOTEBORG, "value"]).sum()


def test_area_type_shares_sum_to_one_for_a_municipality_with_types(atlas: Atlas) -> None:
    year = atlas.area_type_year([GOTEBORG, MOLNDAL], 2025)
    assert year in set(atlas.area_types([GOTEBORG])["year"])
    shares = atlas.area_type_shares([GOTEBORG, MOLNDAL], year)
    assert shares.index.tolist() == [GOTEBORG, MOLNDAL] and shares.columns.tolist() == [1, 2, 3, 4, 5]
    assert shares.loc[GOTEBORG].sum() == pytest.approx(1.0)
    raw = atlas.area_types([GOTEBORG])
    one = raw[(raw["year"] == year) & (raw["type"] == 1)]["share"]
    assert shares.loc[GOTEBORG, 1] == pytest.approx(one.sum())
    assert atlas.area_type_year([GOTEBORG], 1999) == max(atlas.area_types([GOTEBORG])["year"])
