"""Indicator formulas on hand-made rows (synthetic, for the pure function only)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from geodata.catalog import load_catalogue
from geodata.steps.indicators import AREA_KEY, compute_indicator

CAT = load_catalogue()


def wide(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col, default in {"level": "deso", "edition": "2018", "year": 2022}.items():
        frame[col] = frame.get(col, default)
    return frame.set_index(AREA_KEY)


def test_a_share_is_numerator_over_denominator_times_100() -> None:
    w = wide([{"code": "a", "bakgrund_utlandsk": 25.0, "bakgrund_svensk": 75.0}])
    out = compute_indicator(CAT.get("utlandsk_bakgrund"), w)
    assert out["value"].item() == 25.0
    assert (out["numerator"].item(), out["denominator"].item()) == (25.0, 100.0)


def test_subtracted_terms_count_negatively() -> None:
    w = wide([{"code": "a", "folkmangd": 200.0, "fodda_sverige": 150.0}])
    assert compute_indicator(CAT.get("utrikes_fodda"), w)["value"].item() == 25.0


def test_a_missing_term_gives_no_value_rather_than_a_partial_sum() -> None:
    w = wide(
        [
            {
                "code": "a",
                "utb_forgymnasial": 10.0,
                "utb_gymnasial": 40.0,
                "utb_eftergymn_kort": 20.0,
                "utb_eftergymn_lang": 30.0,
                "utb_saknas": math.nan,
            }
        ]
    )
    assert compute_indicator(CAT.get("forgymnasial"), w).empty


def test_a_zero_denominator_gives_no_value() -> None:
    w = wide(
        [{"code": "a", "lgh_hyresratt": 0.0, "lgh_bostadsratt": 0.0, "lgh_aganderatt": 0.0, "lgh_uppgift_saknas": 0.0}]
    )
    assert compute_indicator(CAT.get("hyresratt"), w).empty


def test_a_published_share_fills_in_where_counts_are_missing_but_never_overrides_them() -> None:
    w = wide(
        [
            {
                "code": "counts",
                "lgh_hyresratt": 1.0,
                "lgh_bostadsratt": 1.0,
                "lgh_aganderatt": 2.0,
                "lgh_uppgift_saknas": 0.0,
                "andel_hyresratt_pct": 99.0,
            },
            {"code": "share", "andel_hyresratt_pct": 40.0},
        ]
    )
    out = compute_indicator(CAT.get("hyresratt"), w).set_index("code")["value"]
    assert out.to_dict() == {"counts": 25.0, "share": 40.0}


def test_a_median_is_only_ever_the_published_value() -> None:
    w = wide([{"code": "a", "inkomst_median_tkr": 312.5}, {"code": "b"}])
    out = compute_indicator(CAT.get("median_inkomst"), w)
    assert out["code"].tolist() == ["a"] and out["value"].item() == 312.5


def test_cars_are_counted_per_thousand_inhabitants() -> None:
    w = wide([{"code": "a", "bilar_i_trafik": 450.0, "folkmangd": 1000.0}])
    assert compute_indicator(CAT.get("bilar_per_1000"), w)["value"].item() == pytest.approx(450.0)
