"""Segregation measures for a two-group split of a municipality's population over its areas.

One module per index, each a pure NumPy function over arrays of group counts `x` and totals `t` per
area (the other group is `t - x`). Every function also takes 2-D arrays (replicates × areas), which is
how `inference` bootstraps them. Cross-checked against PySAL `segregation` in the tests.

`MEASURE_INFO` is the one description of each measure (name in Swedish and English, symbol, kind,
range) that the CLI, the views and the interface texts read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from geodata.measures.dissimilarity import dissimilarity
from geodata.measures.exposure import exposure
from geodata.measures.isolation import isolation
from geodata.measures.theil import theil


@dataclass(frozen=True)
class Measure:
    """A segregation measure and how to speak of it."""

    id: str
    fn: Callable
    name: dict[str, str]
    """The measure's name by language ("sv", "en")."""
    symbol: str
    kind: Literal["evenness", "exposure"]
    """Evenness (D, H: how unevenly the groups are spread; "more segregated") or exposure (xPx, xPy: whom
    the average group member lives among; depends on the group's overall share)."""
    range: tuple[float, float]


MEASURE_INFO: dict[str, Measure] = {
    m.id: m
    for m in (
        Measure(
            "dissimilarity",
            dissimilarity,
            {"sv": "Segregationsindex D (olikhetsindex)", "en": "Dissimilarity index D"},
            "D",
            "evenness",
            (0.0, 1.0),
        ),
        Measure(
            "theil",
            theil,
            {"sv": "Theils entropiindex H", "en": "Theil's entropy index H"},
            "H",
            "evenness",
            (0.0, 1.0),
        ),
        Measure("isolation", isolation, {"sv": "Isolering xPx", "en": "Isolation xPx"}, "xPx", "exposure", (0.0, 1.0)),
        Measure("exposure", exposure, {"sv": "Exponering xPy", "en": "Exposure xPy"}, "xPy", "exposure", (0.0, 1.0)),
    )
}
MEASURE_IDS: tuple[str, ...] = tuple(MEASURE_INFO)
MEASURES: dict[str, Callable] = {m.id: m.fn for m in MEASURE_INFO.values()}

__all__ = ["MEASURES", "MEASURE_IDS", "MEASURE_INFO", "Measure", "dissimilarity", "exposure", "isolation", "theil"]
