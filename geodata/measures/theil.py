"""Theil's entropy index H (information theory index) for two groups.

E = −[P ln P + (1−P) ln(1−P)] is the city's entropy (P the group's overall share), Eᵢ each area's;
H = Σᵢ tᵢ (E − Eᵢ) / (T·E): the mean shortfall of the areas' diversity from the city's, as a share of
it. 0 = every area as mixed as the city, 1 = every area has one group only.
Theil, H. & Finizza, A. J. (1971). A note on the measurement of racial integration of schools by
means of informational concepts. Journal of Mathematical Sociology 1(2), 187–193;
White, M. J. (1986). Segregation and diversity measures in population distribution. Population Index 52(2).
"""

from __future__ import annotations

import numpy as np

from geodata.measures.base import prepare, shares


def _entropy(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0.0)
        b = np.where(p < 1, (1 - p) * np.log(np.where(p < 1, 1 - p, 1)), 0.0)
    return -(a + b)


def theil(x: np.ndarray, t: np.ndarray) -> np.ndarray | float:
    x, t = prepare(x, t)
    T = t.sum(axis=-1, keepdims=True)
    P = x.sum(axis=-1, keepdims=True) / T
    E = _entropy(P)
    with np.errstate(divide="ignore", invalid="ignore"):
        h = (t * (E - _entropy(shares(x, t)))).sum(axis=-1) / (T * E)[..., 0]
    return float(h) if np.ndim(h) == 0 else h
