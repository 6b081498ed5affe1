"""Duncan & Duncan's index of dissimilarity.

D = ½ Σᵢ |xᵢ/X − yᵢ/Y|: the share of either group that would have to move for both to be spread
alike over the areas. 0 = identical distributions, 1 = complete separation.
Duncan, O. D. & Duncan, B. (1955). A methodological analysis of segregation indexes.
American Sociological Review 20(2), 210–217.
"""

from __future__ import annotations

import numpy as np

from geodata.measures.base import prepare


def dissimilarity(x: np.ndarray, t: np.ndarray) -> np.ndarray | float:
    x, t = prepare(x, t)
    y = t - x
    X, Y = x.sum(axis=-1, keepdims=True), y.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = 0.5 * np.abs(x / X - y / Y).sum(axis=-1)
    return float(d) if np.ndim(d) == 0 else d
