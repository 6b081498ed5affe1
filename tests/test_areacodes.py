"""The one parser of area codes (pure: no store)."""

from __future__ import annotations

import pytest

from geodata.areacodes import kommun_of, lan_of, level_of_code, small_area_level


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("1480C3050", "deso"),
        ("0114A0010", "deso"),
        ("1480R044", "regso"),
        ("1480", "kommun"),
        ("14", "lan"),
        ("00", "riket"),
        ("1480D3050", None),  # DeSO letters are A–C
        ("1480R44", None),
        ("1480C30501", None),
        ("1480C3050\n", None),
        ("١٤٨٠C3050", None),  # Arabic-Indic digits are digits to Python, not to SCB
        ("", None),
        ("R044", None),
    ],
)
def test_level_of_code(code: str, level: str | None) -> None:
    assert level_of_code(code) == level


def test_small_area_level_is_only_deso_or_regso() -> None:
    assert [small_area_level(c) for c in ("1480C3050", "1480R044", "1480", "14", "00")] == [
        "deso",
        "regso",
        None,
        None,
        None,
    ]


def test_parents_of_a_code() -> None:
    assert kommun_of("1480C3050") == kommun_of("1480R044") == "1480"
    assert lan_of("1480C3050") == lan_of("1480") == "14"
