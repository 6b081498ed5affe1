"""Roll-up rules on a hand-made toy register (synthetic, for the pure function only)."""

from __future__ import annotations

import pandas as pd

from geodata.steps.rollup import rollup


def register() -> pd.DataFrame:
    """Two RegSO in kommun 9901 (R001 with DeSO A, B; R002 with C), one kommun 9902 with RegSO R001."""
    rows = [
        ("9901A0001", "deso", "9901R001", "9901", "99"),
        ("9901A0002", "deso", "9901R001", "9901", "99"),
        ("9901A0003", "deso", "9901R002", "9901", "99"),
        ("9902A0001", "deso", "9902R001", "9902", "99"),
        ("9901R001", "regso", "9901R001", "9901", "99"),
        ("9901R002", "regso", "9901R002", "9901", "99"),
        ("9902R001", "regso", "9902R001", "9902", "99"),
        ("9901", "kommun", "", "9901", "99"),
        ("9902", "kommun", "", "9902", "99"),
        ("99", "lan", "", "", "99"),
        ("00", "riket", "", "", ""),
    ]
    frame = pd.DataFrame(rows, columns=["code", "level", "regso", "kommun", "lan"])
    return frame.assign(edition="2018")


def stats(rows: list[tuple[str, str, str, float]], year: int = 2022) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["code", "level", "variable", "value"])
    return frame.assign(edition="2018", year=year)[["code", "level", "edition", "year", "variable", "value"]]


def lookup(frame: pd.DataFrame, code: str, variable: str = "n") -> float | None:
    hit = frame[(frame.code == code) & (frame.variable == variable)]
    return None if hit.empty else float(hit.value.item())


def test_counts_sum_up_through_every_level() -> None:
    s = stats(
        [
            ("9901A0001", "deso", "n", 1),
            ("9901A0002", "deso", "n", 2),
            ("9901A0003", "deso", "n", 4),
            ("9902A0001", "deso", "n", 8),
        ]
    )
    out, report = rollup(s, register(), {"n"})
    assert [lookup(out, c) for c in ["9901R001", "9901R002", "9901", "9902", "99", "00"]] == [3, 4, 7, 8, 15, 15]
    assert report.disagreements == []


def test_a_parent_with_a_missing_member_gets_no_sum() -> None:
    s = stats([("9901A0001", "deso", "n", 1), ("9901A0003", "deso", "n", 4), ("9902A0001", "deso", "n", 8)])
    out, report = rollup(s, register(), {"n"})
    assert lookup(out, "9901R001") is None  # 9901A0002 is missing
    assert lookup(out, "9901R002") == 4
    assert lookup(out, "9901") is None and lookup(out, "99") is None and lookup(out, "00") is None
    assert lookup(out, "9902") == 8
    assert report.incomplete["deso→regso"] == 1


def test_published_values_win_and_disagreements_are_reported() -> None:
    s = stats([("9901A0001", "deso", "n", 1), ("9901A0002", "deso", "n", 2), ("9901R001", "regso", "n", 5)])
    out, report = rollup(s, register(), {"n"})
    assert lookup(out, "9901R001") == 5
    assert report.disagreements == [
        {"code": "9901R001", "level": "regso", "edition": "2018", "year": 2022, "variable": "n", "min": 3.0, "max": 5.0}
    ]


def test_variables_that_are_not_counts_are_never_summed() -> None:
    s = stats(
        [
            ("9901A0001", "deso", "median", 300),
            ("9901A0002", "deso", "median", 400),
            ("9901A0003", "deso", "median", 500),
            ("9902A0001", "deso", "median", 600),
        ]
    )
    out, _ = rollup(s, register(), {"n"})
    assert set(out.level) == {"deso"}


def test_regso_published_counts_reach_kommun_when_no_deso_exist() -> None:
    s = stats([("9901R001", "regso", "n", 10), ("9901R002", "regso", "n", 20)], year=2020)
    out, _ = rollup(s, register(), {"n"})
    assert lookup(out, "9901") == 30
    assert lookup(out, "99") is None  # 9902 has no value


def test_lan_is_never_summed_straight_from_small_areas() -> None:
    """A register that knows only some municipalities' RegSO must not make a county total."""
    reg = register()
    reg = reg[reg.code != "9902A0001"]  # the register knows no DeSO in 9902 …
    s = stats(
        [
            ("9901A0001", "deso", "n", 1),
            ("9901A0002", "deso", "n", 2),
            ("9901A0003", "deso", "n", 4),
            ("9902R001", "regso", "n", 3),
        ]
    )
    out, _ = rollup(s, reg, {"n"})
    assert lookup(out, "9901") == 7 and lookup(out, "9902") == 3
    assert lookup(out, "99") == 10  # … but 9902's own published RegSO completes it through kommun
