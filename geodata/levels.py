"""Area levels, SCB's code editions (vintages) and how codes relate.

SCB publishes years up to 2023 on DeSO 2018 / RegSO 2020 codes and years from 2024 on the 2025
revision. We call the two code systems *editions* "2018" and "2025": a value belongs to the edition of
its year, and a comparison across the two is never made silently.
"""

from typing import Literal

Level = Literal["deso", "regso", "kommun", "lan", "riket"]
LEVELS: tuple[Level, ...] = ("deso", "regso", "kommun", "lan", "riket")
SMALL_AREA_LEVELS: tuple[Level, ...] = ("deso", "regso")
PARENT: dict[str, Level] = {"deso": "regso", "regso": "kommun", "kommun": "lan", "lan": "riket"}

EDITIONS: tuple[str, ...] = ("2018", "2025")
FIRST_YEAR_OF_2025_EDITION = 2024
RIKET_CODE = "00"
RIKET_NAME = "Sverige"

LEVEL_NAMES = {
    "sv": {"deso": "DeSO", "regso": "RegSO", "kommun": "kommun", "lan": "län", "riket": "riket"},
    "en": {"deso": "DeSO", "regso": "RegSO", "kommun": "municipality", "lan": "county", "riket": "Sweden"},
}
_VINTAGE_YEARS = {("deso", "2018"): 2018, ("regso", "2018"): 2020, ("deso", "2025"): 2025, ("regso", "2025"): 2025}


def edition_of_year(year: int) -> str:
    """The code edition SCB uses for a statistics year."""
    return "2025" if year >= FIRST_YEAR_OF_2025_EDITION else "2018"


def edition_order(year: int) -> tuple[str, ...]:
    """The editions whose shapes may draw a year's values, best first: the year's own, then the other."""
    own = edition_of_year(year)
    return (own, *[e for e in EDITIONS if e != own])


def vintage_label(level: str, edition: str, lang: str = "sv") -> str:
    """SCB's own name for a level's boundaries in an edition, e.g. 'RegSO 2020'; levels without
    editions (kommun, län) by their name in the language."""
    year = _VINTAGE_YEARS.get((level, edition))
    return f"{LEVEL_NAMES['sv'][level]} {year}" if year else LEVEL_NAMES[lang][level]


def check_level(level: str) -> Level:
    """Return `level` if known, else raise a UsageError listing the levels."""
    from geodata.errors import UsageError

    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    return level  # type: ignore[return-value]
