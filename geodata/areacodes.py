"""The one parser of SCB's area codes: which level a code's shape says.

DeSO `1480C3050` (municipality, A–C for the kind of area, four digits), RegSO `1480R044`, kommun
`1480`, län `14`, riket `00`. The shape is the same in both editions; which edition a code belongs to
is the store's to say (`Atlas.has_area_edition`). ASCII digits only: a URL may carry other digits.
"""

from __future__ import annotations

import re

from geodata.levels import RIKET_CODE, SMALL_AREA_LEVELS, Level

PATTERNS: dict[Level, re.Pattern[str]] = {
    "deso": re.compile(r"\d{4}[A-C]\d{4}", re.ASCII),
    "regso": re.compile(r"\d{4}R\d{3}", re.ASCII),
    "kommun": re.compile(r"\d{4}", re.ASCII),
    "lan": re.compile(r"\d{2}", re.ASCII),
}


def level_of_code(code: str) -> Level | None:
    """The level a code's shape says: "deso", "regso", "kommun", "lan" or "riket"; None for anything else."""
    if code == RIKET_CODE:
        return "riket"
    return next((level for level, pattern in PATTERNS.items() if pattern.fullmatch(code)), None)


def small_area_level(code: str) -> Level | None:
    """The small-area level ("deso" or "regso") a code's shape says, None for any other code."""
    level = level_of_code(code)
    return level if level in SMALL_AREA_LEVELS else None


def kommun_of(code: str) -> str:
    """The municipality code a DeSO or RegSO code starts with."""
    return code[:4]


def lan_of(code: str) -> str:
    """The county code any DeSO, RegSO or kommun code starts with."""
    return code[:2]
