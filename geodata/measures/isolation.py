"""Isolation index xPx: the group's share in the area of the average group member.

xPx = Σᵢ (xᵢ/X)(xᵢ/tᵢ). It depends on the group's overall share P (its floor), so read it beside P.
Lieberson, S. (1981). An asymmetrical approach to segregation. In Peach, Robinson & Smith (eds.),
Ethnic Segregation in Cities; Bell, W. (1954). A probability model for the measurement of ecological
segregation. Social Forces 32(4), 357–364.
"""

from __future__ import annotations

import numpy as np

from geodata.measures.base import prepare, shares


def isolation(x: np.ndarray, t: np.ndarray) -> np.ndarray | float:
    x, t = prepare(x, t)
    X = x.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        v = (x / X * shares(x, t)).sum(axis=-1)
    return float(v) if np.ndim(v) == 0 else v
