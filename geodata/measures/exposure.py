"""Exposure (interaction) index xPy: the other group's share in the area of the average group member.

xPy = Σᵢ (xᵢ/X)(yᵢ/tᵢ) = 1 − xPx for two groups.
Lieberson, S. (1981); Bell, W. (1954) — see `isolation`.
"""

from __future__ import annotations

import numpy as np

from geodata.measures.base import prepare, shares


def exposure(x: np.ndarray, t: np.ndarray) -> np.ndarray | float:
    x, t = prepare(x, t)
    X = x.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        v = (x / X * shares(t - x, t)).sum(axis=-1)
    return float(v) if np.ndim(v) == 0 else v
