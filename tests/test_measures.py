"""Segregation measures: hand-computable cases, invariances, PySAL on the real bundle, intervals, tests."""

from __future__ import annotations

import csv
import io
import math

import numpy as np
import pandas as pd
import pytest

from geodata.cli import main
from geodata.measures import MEASURES, dissimilarity, exposure, isolation, theil
from geodata.measures.inference import difference, estimate
from geodata.queries import Atlas

X, T = np.array([8.0, 2.0]), np.array([10.0, 10.0])  # two areas of ten; eight and two of the group


def test_hand_computed_values() -> None:
    assert dissimilarity(X, T) == pytest.approx(0.6)  # ½(|0.8−0.2| + |0.2−0.8|)
    assert isolation(X, T) == pytest.approx(0.68)  # 0.8·0.8 + 0.2·0.2
    assert exposure(X, T) == pytest.approx(0.32)  # 0.8·0.2 + 0.2·0.8
    e_city, e_area = math.log(2), -(0.8 * math.log(0.8) + 0.2 * math.log(0.2))
    assert theil(X, T) == pytest.approx((e_city - e_area) / e_city)  # 0.2781


def test_complete_separation_and_identical_distributions() -> None:
    apart, mixed = (np.array([10.0, 0.0]), np.array([10.0, 10.0])), (np.array([3.0, 6.0]), np.array([10.0, 20.0]))
    assert dissimilarity(*apart) == pytest.approx(1) and theil(*apart) == pytest.approx(1)
    assert isolation(*apart) == pytest.approx(1) and exposure(*apart) == pytest.approx(0)
    assert dissimilarity(*mixed) == pytest.approx(0) and theil(*mixed) == pytest.approx(0)
    assert isolation(*mixed) == pytest.approx(0.3)  # the group's own share: the floor of xPx


def test_swapping_the_groups_leaves_evenness_unchanged() -> None:
    rng = np.random.default_rng(1)
    t = rng.integers(50, 500, 40).astype(float)
    x = np.floor(t * rng.uniform(0.05, 0.9, 40))
    assert dissimilarity(x, t) == pytest.approx(dissimilarity(t - x, t))
    assert theil(x, t) == pytest.approx(theil(t - x, t))
    assert isolation(x, t) + exposure(x, t) == pytest.approx(1)


def test_replicate_rows_give_the_same_as_one_at_a_time() -> None:
    rng = np.random.default_rng(2)
    t = rng.integers(50, 500, (5, 30)).astype(float)
    x = np.floor(t * rng.uniform(0.05, 0.9, (5, 30)))
    for fn in MEASURES.values():
        assert fn(x, t) == pytest.approx([fn(a, b) for a, b in zip(x, t, strict=True)])


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="between 0"):
        dissimilarity(np.array([5.0]), np.array([4.0]))


@pytest.mark.parametrize("kommun", ["1480", "1481", "1490", "0180", "2480"])
def test_the_measures_match_pysal_on_the_real_bundle(atlas: Atlas, kommun: str) -> None:
    from segregation.singlegroup import Dissim, Entropy, Interaction, Isolation

    x, t = atlas.split_counts("utlandsk_bakgrund", "deso", 2022, kommun)
    df = pd.DataFrame({"g": x, "t": t})
    pysal = {"dissimilarity": Dissim, "theil": Entropy, "isolation": Isolation, "exposure": Interaction}
    stored = atlas.measures("dissimilarity", "utlandsk_bakgrund", 2022, "deso", [kommun])["value"].item()
    assert stored == pytest.approx(Dissim(df, "g", "t").statistic, abs=1e-12)
    for name, cls in pysal.items():
        assert MEASURES[name](x, t) == pytest.approx(cls(df, "g", "t").statistic, abs=1e-12)


def test_every_interval_contains_its_estimate_and_every_row_has_its_counts(atlas: Atlas) -> None:
    table = atlas.store.table("measures")
    assert len(table) > 10_000
    assert ((table["low"] <= table["value"]) & (table["value"] <= table["high"])).all()
    assert (table["n_areas"] >= 2).all() and (table["population"] > 0).all()
    assert table.groupby(["split", "level", "year", "measure"])["kommun"].nunique().max() == 290


def test_small_municipalities_get_wider_intervals(atlas: Atlas) -> None:
    rows = atlas.measures("dissimilarity", "utlandsk_bakgrund", 2022, "deso")
    width = rows["high"] - rows["low"]
    assert width[rows["n_areas"] <= 6].median() > 2 * width[rows["n_areas"] >= 100].median()


def test_regso_units_look_more_mixed_than_deso_in_goteborg(atlas: Atlas) -> None:
    deso = atlas.measures("dissimilarity", "utlandsk_bakgrund", 2022, "deso", ["1480"])["value"].item()
    regso = atlas.measures("dissimilarity", "utlandsk_bakgrund", 2022, "regso", ["1480"])["value"].item()
    assert regso < deso


def test_a_difference_between_municipalities_and_between_years(atlas: Atlas) -> None:
    gbg = atlas.split_counts("utlandsk_bakgrund", "deso", 2022, "1480")
    mol = atlas.split_counts("utlandsk_bakgrund", "deso", 2022, "1481")
    diff = difference(dissimilarity, gbg, mol)
    assert diff.significant and diff.p_value < 0.01 and diff.low > 0
    same = difference(dissimilarity, gbg, gbg, paired=True)
    assert same.value == 0 and same.low == same.high == 0 and not same.significant
    a, b = (atlas.split_counts("hyresratt", "regso", y, "1480") for y in (2020, 2023))
    years = difference(dissimilarity, b, a, paired=True)
    assert years.low <= years.value <= years.high


def test_an_interval_is_reproducible(atlas: Atlas) -> None:
    x, t = atlas.split_counts("utlandsk_bakgrund", "deso", 2022, "1490")
    assert estimate(dissimilarity, x, t) == estimate(dissimilarity, x, t)


def test_area_type_shares_add_up_to_the_municipality(atlas: Atlas) -> None:
    types = atlas.area_types(["1480"])
    y2022 = types[types["year"] == 2022]
    assert y2022["type"].tolist() == [1, 2, 3, 4, 5]
    assert y2022["share"].sum() == pytest.approx(1)
    assert y2022["population"].sum() == atlas.value("befolkning", "kommun", 2022, "1480")


def test_the_cli_prints_three_municipalities(capsys, store_dir) -> None:
    code = main(
        [
            "--store",
            str(store_dir),
            "measures",
            "--measure",
            "dissimilarity",
            "--group",
            "utlandsk_bakgrund",
            "--year",
            "2022",
            "--municipality",
            "1480,1481,1490",
            "--format",
            "csv",
        ]
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert code == 0
    assert [(r["kommun"], r["name"], r["value"], r["n_areas"]) for r in rows] == [
        ("1480", "Göteborg", "0.4281", "306"),
        ("1481", "Mölndal", "0.1773", "41"),
        ("1490", "Borås", "0.3868", "77"),
    ]
    assert all(float(r["low"]) <= float(r["value"]) <= float(r["high"]) for r in rows)
    assert [r["population"] for r in rows] == ["596841", "70109", "114445"]
